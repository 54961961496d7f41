package org.vigia.platform.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A platform's answer, whatever its status.
 * @param status the HTTP status
 * @param headers response headers, names in lower case
 * @param body the body, at most the configured size
 * @param url the URL that answered, after redirects
 * @param latency time from the first attempt to the answer, retries and waits included
 * @param attempts requests made, retries and redirects included
 */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body, String url, Duration latency,
		int attempts) {

	private static final java.util.regex.Pattern CHARSET = java.util.regex.Pattern.compile("charset=\"?([^\";\\s]+)",
			java.util.regex.Pattern.CASE_INSENSITIVE);


	public @Nullable String header(String name) {
		var values = headers.get(name.toLowerCase(Locale.ROOT));
		return values == null || values.isEmpty() ? null : values.getFirst();
	}

	/** When Retry-After, as delay seconds or an HTTP date, says the server takes requests again; null if it does not. */
	public @Nullable Instant retryAfter(Clock clock) {
		return RateLimits.retryAfter(header("Retry-After"), clock.instant());
	}

	public boolean isSuccessful() {
		return status >= 200 && status < 300;
	}

	public String text() {
		return new String(body, charset());
	}

	private Charset charset() {
		var contentType = header("content-type");
		if (contentType != null) {
			var matcher = CHARSET.matcher(contentType);
			if (matcher.find()) {
				try {
					return Charset.forName(matcher.group(1));
				}
				catch (IllegalArgumentException ex) {
					// an unknown charset: UTF-8 is the best guess for platform APIs
				}
			}
		}
		return StandardCharsets.UTF_8;
	}

}
