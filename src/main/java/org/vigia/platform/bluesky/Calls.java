package org.vigia.platform.bluesky;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Platform;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/** The requests of one check, whose time and attempts add up in its result, and the results of failed requests. */
final class Calls {

	private final PlatformHttpClient http;

	private final Clock clock;

	private Duration latency = Duration.ZERO;

	private int requests;

	Calls(PlatformHttpClient http, Clock clock) {
		this.http = http;
		this.clock = clock;
	}

	HttpResult get(String url) throws HttpFailure {
		long started = System.nanoTime();
		try {
			var answer = http.get(HttpGet.of(Platform.BLUESKY, url).header("Accept", "application/json"));
			latency = latency.plus(answer.latency());
			requests += answer.attempts();
			return answer;
		}
		catch (HttpFailure failure) {
			latency = latency.plus(Duration.ofNanos(System.nanoTime() - started));
			requests += failure.attempts();
			throw failure;
		}
	}

	Duration latency() {
		return latency;
	}

	int requests() {
		return requests;
	}

	CheckResult failed(HttpFailure failure) {
		var message = (failure.getMessage() != null) ? failure.getMessage() : failure.kind().name();
		if (failure.kind() == HttpFailure.Kind.RATE_LIMITED) {
			return CheckResult.failure(CheckOutcome.RATE_LIMITED, null, latency, requests, message, failure.retryAt());
		}
		return CheckResult.failure(CheckOutcome.ERROR, null, latency, requests, message, null);
	}

	/** An answer the check cannot use: the AppView's refusal, its failure, or a status it does not send. */
	CheckResult unexpected(HttpResult answer, String what) {
		var detail = BlueskyError.of(answer).map((error) -> ": " + error).orElse("");
		if (answer.status() == 429) {
			return CheckResult.failure(CheckOutcome.RATE_LIMITED, 429, latency, requests,
					"the AppView limits requests (HTTP 429) to " + what + detail, retryAt(answer));
		}
		return CheckResult.failure(CheckOutcome.ERROR, answer.status(), latency, requests,
				"unexpected answer HTTP " + answer.status() + " to " + what + detail, null);
	}

	CheckResult malformed(HttpResult answer, String what) {
		return CheckResult.failure(CheckOutcome.ERROR, answer.status(), latency, requests,
				"malformed answer to " + what + ": not the JSON the AppView sends", null);
	}

	CheckResult gone(CheckOutcome outcome, HttpResult answer, String detail) {
		return CheckResult.gone(outcome, answer.status(), latency, requests, detail);
	}

	/**
	 * When the AppView allows the next request: Retry-After where a proxy sets it, else its RateLimit-Reset (Unix
	 * seconds); null when neither says.
	 */
	@Nullable Instant retryAt(HttpResult answer) {
		var retryAfter = answer.header("Retry-After");
		if (retryAfter != null) {
			var at = retryAfter(retryAfter.strip());
			if (at != null) {
				return at;
			}
		}
		var reset = answer.header("RateLimit-Reset");
		if (reset != null) {
			try {
				return Instant.ofEpochSecond(Long.parseLong(reset.strip()));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private @Nullable Instant retryAfter(String value) {
		try {
			return clock.instant().plusSeconds(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			try {
				return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

}
