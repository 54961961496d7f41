package org.vigia.platform.http;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How Vigía talks to platforms.
 * @param allowPrivateAddresses allow loopback, private and link-local targets (tests, intranets); cloud metadata
 * endpoints stay refused
 * @param maxConcurrentRequests requests in flight at once, all hosts together
 * @param maxRequestsPerHost requests in flight at once to one host
 * @param connectTimeout time to open a connection
 * @param readTimeout longest silence while reading an answer
 * @param callTimeout longest time for one request, its redirects, retries, backoffs and rate-limit waits included;
 * only waiting for a first turn at a busy or rate-limited host does not count
 * @param maxResponseSize answers larger than this are cut off and fail
 * @param maxRedirects redirects followed per request
 * @param maxRetries retries of a transient failure (connection error, 5xx, 429 with a short wait)
 * @param maxRateLimitWait the longest a request waits for a host's rate limit before giving up as RATE_LIMITED
 * @param contactUrl where platform operators learn who polls them; part of the User-Agent
 * @param retryBaseDelay the first retry waits up to this long, each further one up to twice as long as the last
 */
@ConfigurationProperties("vigia.http")
@Validated
public record HttpProperties(@DefaultValue("false") boolean allowPrivateAddresses,
		@DefaultValue("64") @Min(1) @Max(4096) int maxConcurrentRequests,
		@DefaultValue("4") @Min(1) @Max(1024) int maxRequestsPerHost, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("15s") Duration readTimeout, @DefaultValue("30s") Duration callTimeout,
		@DefaultValue("5MB") DataSize maxResponseSize, @DefaultValue("3") @Min(0) @Max(10) int maxRedirects,
		@DefaultValue("2") @Min(0) @Max(10) int maxRetries, @DefaultValue("30s") Duration maxRateLimitWait,
		@DefaultValue("https://github.com/vigia-project/vigia") @NotBlank String contactUrl,
		@DefaultValue("500ms") Duration retryBaseDelay) {

	// The constructor below keeps older callers compiling; this one is what binding uses.
	@ConstructorBinding
	public HttpProperties {
		notNegative("connect-timeout", connectTimeout);
		notNegative("read-timeout", readTimeout);
		notNegative("call-timeout", callTimeout);
		notNegative("max-rate-limit-wait", maxRateLimitWait);
		notNegative("retry-base-delay", retryBaseDelay);
	}

	/** The properties as they were before {@code retryBaseDelay}, which takes its default. */
	public HttpProperties(boolean allowPrivateAddresses, int maxConcurrentRequests, int maxRequestsPerHost,
			Duration connectTimeout, Duration readTimeout, Duration callTimeout, DataSize maxResponseSize,
			int maxRedirects, int maxRetries, Duration maxRateLimitWait, String contactUrl) {
		this(allowPrivateAddresses, maxConcurrentRequests, maxRequestsPerHost, connectTimeout, readTimeout,
				callTimeout, maxResponseSize, maxRedirects, maxRetries, maxRateLimitWait, contactUrl,
				Duration.ofMillis(500));
	}

	/**
	 * Defaults, with private addresses allowed and short retry delays: what tests against a local MockWebServer
	 * need.
	 */
	public static HttpProperties forLocalTests() {
		return new HttpProperties(true, 64, 4, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5),
				DataSize.ofMegabytes(5), 3, 2, Duration.ofSeconds(2), "https://example.org/vigia",
				Duration.ofMillis(10));
	}

	private static void notNegative(String name, Duration value) {
		if (value.isNegative()) {
			throw new IllegalArgumentException("vigia.http." + name + " must not be negative, but is " + value);
		}
	}

	public String userAgent() {
		return "Vigia/0.1 (+" + contactUrl + ")";
	}

}
