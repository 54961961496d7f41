package org.vigia.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/**
 * A GET to a platform.
 * @param platform whose traffic this is (metrics, rate limits)
 * @param url absolute http(s) URL
 * @param headers extra request headers
 * @param etag sent as If-None-Match
 * @param lastModified sent as If-Modified-Since
 * @param followRedirects whether to follow redirects (each hop checked by the address guard) or return the 3xx
 */
public record HttpGet(Platform platform, String url, Map<String, String> headers, @Nullable String etag,
		@Nullable String lastModified, boolean followRedirects) {

	public HttpGet {
		headers = Map.copyOf(headers);
	}

	public static HttpGet of(Platform platform, String url) {
		return new HttpGet(platform, url, Map.of(), null, null, true);
	}

	public HttpGet header(String name, String value) {
		var copy = new LinkedHashMap<>(headers);
		copy.put(name, value);
		return new HttpGet(platform, url, copy, etag, lastModified, followRedirects);
	}

	public HttpGet conditional(@Nullable String etag, @Nullable String lastModified) {
		return new HttpGet(platform, url, headers, etag, lastModified, followRedirects);
	}

	public HttpGet withoutRedirects() {
		return new HttpGet(platform, url, headers, etag, lastModified, false);
	}

}
