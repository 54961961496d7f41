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
 * @param maxBytes the most body bytes this request may read, below the client's own size cap; {@link Long#MAX_VALUE}
 * leaves only that cap
 */
public record HttpGet(Platform platform, String url, Map<String, String> headers, @Nullable String etag,
		@Nullable String lastModified, boolean followRedirects, long maxBytes) {

	public HttpGet {
		headers = Map.copyOf(headers);
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive, but is " + maxBytes);
		}
	}

	/** A GET limited by the client's size cap only. */
	public HttpGet(Platform platform, String url, Map<String, String> headers, @Nullable String etag,
			@Nullable String lastModified, boolean followRedirects) {
		this(platform, url, headers, etag, lastModified, followRedirects, Long.MAX_VALUE);
	}

	public static HttpGet of(Platform platform, String url) {
		return new HttpGet(platform, url, Map.of(), null, null, true);
	}

	public HttpGet header(String name, String value) {
		var copy = new LinkedHashMap<>(headers);
		copy.put(name, value);
		return new HttpGet(platform, url, copy, etag, lastModified, followRedirects, maxBytes);
	}

	public HttpGet conditional(@Nullable String etag, @Nullable String lastModified) {
		return new HttpGet(platform, url, headers, etag, lastModified, followRedirects, maxBytes);
	}

	public HttpGet withoutRedirects() {
		return new HttpGet(platform, url, headers, etag, lastModified, false, maxBytes);
	}

	/**
	 * The same GET, failing as {@link HttpFailure.Kind#TOO_LARGE} once the body passes {@code maxBytes}: for answers
	 * much smaller than a feed, such as avatars, whose size the caller knows.
	 */
	public HttpGet limit(long maxBytes) {
		return new HttpGet(platform, url, headers, etag, lastModified, followRedirects, maxBytes);
	}

}
