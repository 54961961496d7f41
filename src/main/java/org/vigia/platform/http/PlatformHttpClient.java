package org.vigia.platform.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import org.springframework.stereotype.Component;

/**
 * The one HTTP client for all platform traffic: timeouts, a size cap, redirects followed by hand so that every hop
 * can be checked.
 */
@Component
public class PlatformHttpClient {

	private final HttpProperties properties;

	private final OkHttpClient client;

	public PlatformHttpClient(HttpProperties properties) {
		this.properties = properties;
		this.client = new OkHttpClient.Builder().connectTimeout(properties.connectTimeout())
			.readTimeout(properties.readTimeout())
			.callTimeout(properties.callTimeout())
			.followRedirects(false)
			.followSslRedirects(false)
			.retryOnConnectionFailure(false)
			.build();
	}

	/** Sends a GET and returns the answer, whatever its status; throws only when there is no usable answer. */
	public HttpResult get(HttpGet get) throws HttpFailure {
		long started = System.nanoTime();
		int attempts = 0;
		var url = parse(get.url(), attempts);
		for (int redirects = 0;; redirects++) {
			attempts++;
			var request = request(get, url);
			try (Response response = client.newCall(request).execute()) {
				if (get.followRedirects() && response.isRedirect()) {
					var location = response.header("Location");
					var next = location == null ? null : url.resolve(location);
					if (next == null) {
						throw new HttpFailure(HttpFailure.Kind.BAD_REDIRECT,
								"redirect without a usable Location from " + url.redact(), null, attempts, null);
					}
					if (redirects >= properties.maxRedirects()) {
						throw new HttpFailure(HttpFailure.Kind.BAD_REDIRECT,
								"more than " + properties.maxRedirects() + " redirects from " + get.url(), null, attempts,
								null);
					}
					url = next;
					continue;
				}
				var body = read(response, attempts);
				return new HttpResult(response.code(), headers(response), body, url.toString(),
						Duration.ofNanos(System.nanoTime() - started), attempts);
			}
			catch (HttpFailure failure) {
				throw failure;
			}
			catch (InterruptedIOException ex) {
				throw new HttpFailure(HttpFailure.Kind.TIMEOUT, "timed out: " + url.redact(), null, attempts, ex);
			}
			catch (IOException ex) {
				throw new HttpFailure(HttpFailure.Kind.CONNECTION, ex.getClass().getSimpleName() + " on " + url.redact()
						+ (ex.getMessage() == null ? "" : ": " + ex.getMessage()), null, attempts, ex);
			}
		}
	}

	private static HttpUrl parse(String url, int attempts) throws HttpFailure {
		var parsed = HttpUrl.parse(url);
		if (parsed == null) {
			throw new HttpFailure(HttpFailure.Kind.CONNECTION, "not an http(s) URL: " + url, null, attempts, null);
		}
		return parsed;
	}

	private Request request(HttpGet get, HttpUrl url) {
		var builder = new Request.Builder().url(url).get().header("User-Agent", properties.userAgent());
		get.headers().forEach(builder::header);
		if (get.etag() != null) {
			builder.header("If-None-Match", get.etag());
		}
		if (get.lastModified() != null) {
			builder.header("If-Modified-Since", get.lastModified());
		}
		return builder.build();
	}

	private byte[] read(Response response, int attempts) throws IOException {
		long max = properties.maxResponseSize().toBytes();
		var body = response.body();
		if (body.contentLength() > max) {
			throw new HttpFailure(HttpFailure.Kind.TOO_LARGE,
					"answer of " + body.contentLength() + " bytes is over the limit of " + max, null, attempts, null);
		}
		var source = body.source();
		// Ask for one byte more than allowed: if it arrives, the answer is too large, and nothing more is read.
		if (source.request(max + 1)) {
			throw new HttpFailure(HttpFailure.Kind.TOO_LARGE, "answer is over the limit of " + max + " bytes", null,
					attempts, null);
		}
		return source.readByteArray();
	}

	private static Map<String, List<String>> headers(Response response) {
		Map<String, List<String>> headers = new HashMap<>();
		for (var name : response.headers().names()) {
			headers.put(name.toLowerCase(Locale.ROOT), response.headers(name));
		}
		return headers;
	}

}
