package org.vigia.platform.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.vigia.platform.Platform;

/**
 * A POST or a DELETE to a platform, with its body: an OAuth token request, a revocation. It goes through the same
 * address guard, size cap, timeouts, redirect policy and metrics as a {@link HttpGet}; it is sent again only where
 * that cannot act twice (a 429, or a 503 that says when to come back, which the server refused before acting).
 * @param platform whose traffic this is (metrics, rate limits)
 * @param method {@code POST} or {@code DELETE}
 * @param url absolute http(s) URL
 * @param headers extra request headers
 * @param body the request body, empty for none
 * @param contentType the body's media type, or empty for a request without a body
 * @param followRedirects whether to follow redirects (each hop checked by the address guard) or return the 3xx; a
 * 303, and a 301 or 302 after a POST, are followed with a GET without the body, as browsers do; a 307 or 308 keeps
 * the method and the body
 * @param maxBytes the most answer bytes this request may read, below the client's own size cap
 */
public record HttpPost(Platform platform, String method, String url, Map<String, String> headers, byte[] body,
		String contentType, boolean followRedirects, long maxBytes) {

	public static final String FORM = "application/x-www-form-urlencoded";

	public static final String JSON = "application/json; charset=utf-8";

	public HttpPost {
		if (!method.equals("POST") && !method.equals("DELETE")) {
			throw new IllegalArgumentException("method must be POST or DELETE, but is " + method);
		}
		headers = Map.copyOf(headers);
		body = body.clone();
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive, but is " + maxBytes);
		}
	}

	/** A POST of form fields, URL-encoded in UTF-8 in the order given. */
	public static HttpPost form(Platform platform, String url, Map<String, String> fields) {
		return new HttpPost(platform, "POST", url, Map.of(), encode(fields).getBytes(StandardCharsets.UTF_8), FORM,
				true, Long.MAX_VALUE);
	}

	/** A POST of a JSON document. */
	public static HttpPost json(Platform platform, String url, String json) {
		return new HttpPost(platform, "POST", url, Map.of(), json.getBytes(StandardCharsets.UTF_8), JSON, true,
				Long.MAX_VALUE);
	}

	/** A DELETE without a body. */
	public static HttpPost delete(Platform platform, String url) {
		return new HttpPost(platform, "DELETE", url, Map.of(), new byte[0], "", true, Long.MAX_VALUE);
	}

	/** Form fields as {@code application/x-www-form-urlencoded} text, for a body or a query. */
	public static String encode(Map<String, String> fields) {
		var joined = new StringJoiner("&");
		new LinkedHashMap<>(fields).forEach((name, value) -> joined.add(
				URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return joined.toString();
	}

	public HttpPost header(String name, String value) {
		var copy = new LinkedHashMap<>(headers);
		copy.put(name, value);
		return new HttpPost(platform, method, url, copy, body, contentType, followRedirects, maxBytes);
	}

	public HttpPost withoutRedirects() {
		return new HttpPost(platform, method, url, headers, body, contentType, false, maxBytes);
	}

	/** The same request, failing as {@link HttpFailure.Kind#TOO_LARGE} once the answer passes {@code maxBytes}. */
	public HttpPost limit(long maxBytes) {
		return new HttpPost(platform, method, url, headers, body, contentType, followRedirects, maxBytes);
	}

	@Override
	public byte[] body() {
		return body.clone();
	}

	// The body may hold a client secret or a token: never printed.
	@Override
	public String toString() {
		return "HttpPost[" + method + " " + platform.id() + " " + url.replaceFirst("[?#].*", "") + ", " + body.length
				+ " bytes]";
	}

}
