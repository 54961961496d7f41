package org.vigia.platform.feed;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpResult;

/** The results that depend only on what HTTP said, not on what a feed contains. */
final class Answers {

	private Answers() {
	}

	static CheckResult failed(HttpFailure failure, Duration latency) {
		var message = failure.getMessage() == null ? failure.kind().name().toLowerCase(Locale.ROOT)
				: failure.getMessage();
		if (failure.kind() == HttpFailure.Kind.RATE_LIMITED) {
			return CheckResult.failure(CheckOutcome.RATE_LIMITED, null, latency, failure.attempts(), message,
					failure.retryAt());
		}
		return CheckResult.failure(CheckOutcome.ERROR, null, latency, failure.attempts(), message, null);
	}

	static CheckResult rateLimited(HttpResult answer, Clock clock) {
		var retryAt = retryAt(answer.header("Retry-After"), clock);
		var error = "the server answered 429 Too Many Requests"
				+ ((retryAt != null) ? "; it allows the next request at " + retryAt : " without a Retry-After");
		return CheckResult.failure(CheckOutcome.RATE_LIMITED, 429, answer.latency(), answer.attempts(), error,
				retryAt);
	}

	static CheckResult unexpected(HttpResult answer) {
		var error = (answer.status() >= 500) ? "the server failed with HTTP " + answer.status()
				: "the server answered HTTP " + answer.status();
		return CheckResult.failure(CheckOutcome.ERROR, answer.status(), answer.latency(), answer.attempts(), error,
				null);
	}

	/** Retry-After as seconds from now or as an HTTP date; null when absent or unreadable. */
	static @Nullable Instant retryAt(@Nullable String retryAfter, Clock clock) {
		if (retryAfter == null || retryAfter.isBlank()) {
			return null;
		}
		var value = retryAfter.strip();
		try {
			if (value.chars().allMatch(Character::isDigit)) {
				return clock.instant().plusSeconds(Long.parseLong(value));
			}
			return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (NumberFormatException | DateTimeException | ArithmeticException ex) {
			return null;
		}
	}

	/**
	 * The link resolved against the page it came from, kept only when it is http(s): links end up on the dashboard,
	 * where a javascript: URL from a hostile feed must never arrive.
	 */
	static @Nullable String webLink(@Nullable String link, String base) {
		if (link == null || link.isBlank()) {
			return null;
		}
		try {
			var resolved = URI.create(base).resolve(link.strip());
			var scheme = resolved.getScheme();
			return (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")))
					? resolved.toString() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
