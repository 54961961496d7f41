package org.vigia.platform.http;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/** What each host's answers said about when it takes requests again. */
final class RateLimits {

	// A bogus reset years ahead must not silence a host until the service restarts.
	private static final Duration LONGEST_BLOCK = Duration.ofDays(1);

	// Bluesky sends Unix seconds, the IETF draft delta seconds; no delta is 30 years long.
	private static final long SMALLEST_EPOCH_SECOND = 1_000_000_000L;

	private static final long LONGEST_SECONDS = Duration.ofDays(36_500).toSeconds();

	// One entry per host that ever asked to wait, removed once the wait is over.
	private final ConcurrentMap<String, Instant> notBefore = new ConcurrentHashMap<>();

	/** When the host takes requests again, or null when it does now. */
	@Nullable Instant blockedUntil(String host, Instant now) {
		var until = notBefore.get(host);
		if (until != null && !until.isAfter(now)) {
			notBefore.remove(host, until);
			return null;
		}
		return until;
	}

	/** Learns from an answer when its host takes requests again. */
	void observe(String host, int status, Function<String, @Nullable String> headers, Instant now) {
		var until = until(status, headers, now);
		if (until != null && until.isAfter(now)) {
			var bounded = until.isAfter(now.plus(LONGEST_BLOCK)) ? now.plus(LONGEST_BLOCK) : until;
			notBefore.merge(host, bounded, (current, next) -> next.isAfter(current) ? next : current);
		}
	}

	/**
	 * When a host that gave this answer takes requests again: the time a 429 or 503 names in Retry-After, else the
	 * reset of a limit that is used up (Mastodon's X-RateLimit-*, X's x-rate-limit-*, Bluesky's and the IETF draft's RateLimit-*), which
	 * a 429 uses up by definition; null when the answer says nothing.
	 */
	static @Nullable Instant until(int status, Function<String, @Nullable String> headers, Instant now) {
		boolean limited = status == 429;
		if (limited || status == 503) {
			var retryAfter = retryAfter(headers.apply("Retry-After"), now);
			if (retryAfter != null) {
				return retryAfter;
			}
		}
		for (var prefix : new String[] { "X-RateLimit-", "X-Rate-Limit-", "RateLimit-" }) {
			var reset = reset(headers.apply(prefix + "Reset"), now);
			if (reset != null && (limited || usedUp(headers.apply(prefix + "Remaining")))) {
				return reset;
			}
		}
		return null;
	}

	/** Retry-After as delay seconds or an HTTP date. */
	static @Nullable Instant retryAfter(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		var trimmed = value.strip();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			return now.plusSeconds(seconds(trimmed));
		}
		try {
			return ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null; // an unreadable hint is no hint: the caller falls back to backoff
		}
	}

	/** A reset as an ISO-8601 time (Mastodon), Unix seconds (Bluesky, X) or delta seconds (IETF draft). */
	static @Nullable Instant reset(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		var trimmed = value.strip();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			var seconds = seconds(trimmed);
			return seconds < SMALLEST_EPOCH_SECOND ? now.plusSeconds(seconds) : Instant.ofEpochSecond(seconds);
		}
		try {
			return OffsetDateTime.parse(trimmed).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static boolean usedUp(@Nullable String remaining) {
		if (remaining == null) {
			return false;
		}
		try {
			return Long.parseLong(remaining.strip()) <= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** Digits as seconds, at most a century, so that no Instant arithmetic overflows. */
	private static long seconds(String digits) {
		try {
			return Math.min(Long.parseLong(digits), LONGEST_SECONDS);
		}
		catch (NumberFormatException ex) {
			return LONGEST_SECONDS;
		}
	}

}
