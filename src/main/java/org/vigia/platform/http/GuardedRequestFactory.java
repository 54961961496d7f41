package org.vigia.platform.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;

import org.vigia.platform.Platform;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Spring's {@code RestClient} over the guarded client, for libraries that talk to a platform through one, such as
 * Spring Security's OAuth 2.0 client exchanging a code: their requests get the same address guard, size cap,
 * timeouts, redirect policy and metrics as every other platform request. GET, POST and DELETE only.
 */
public final class GuardedRequestFactory implements ClientHttpRequestFactory {

	private final PlatformHttpClient http;

	private final Platform platform;

	/** @param platform whose traffic the requests are, for metrics and rate limits */
	public GuardedRequestFactory(PlatformHttpClient http, Platform platform) {
		this.http = http;
		this.platform = platform;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod method) {
		if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.POST) && !method.equals(HttpMethod.DELETE)) {
			throw new IllegalArgumentException("the platform client sends GET, POST and DELETE, not " + method);
		}
		return new Request(uri, method);
	}

	private final class Request extends AbstractBufferingClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		Request(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return method;
		}

		@Override
		public URI getURI() {
			return uri;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
			var extra = new LinkedHashMap<String, String>();
			headers.forEach((name, values) -> {
				var lower = name.toLowerCase(Locale.ROOT);
				if (!lower.equals("content-type") && !lower.equals("content-length") && !values.isEmpty()) {
					extra.put(name, String.join(", ", values));
				}
			});
			var url = uri.toString();
			HttpResult result;
			if (method.equals(HttpMethod.GET)) {
				result = http.get(new HttpGet(platform, url, extra, null, null, true));
			}
			else {
				var contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
				result = http.post(new HttpPost(platform, method.name(), url, extra, body,
						(contentType != null) ? contentType : (body.length > 0) ? "application/octet-stream" : "",
						true, Long.MAX_VALUE));
			}
			return new Response(result);
		}

	}

	private static final class Response implements ClientHttpResponse {

		private final HttpResult result;

		private final HttpHeaders headers = new HttpHeaders();

		Response(HttpResult result) {
			this.result = result;
			result.headers().forEach(headers::addAll);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(result.status());
		}

		@Override
		public String getStatusText() {
			return "";
		}

		@Override
		public HttpHeaders getHeaders() {
			return headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(result.body());
		}

		@Override
		public void close() {
		}

	}

}
