package org.vigia.platform.adapter;

import java.net.URI;
import java.time.Clock;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.http.HttpResult;

/** The results of single answers that depend only on what HTTP said, not on what a feed or page contains. */
public final class Answers {

	private Answers() {
	}

	public static CheckResult rateLimited(HttpResult answer, Clock clock) {
		var retryAt = answer.retryAfter(clock);
		var error = ((retryAt != null) ? Message.of("check.http.rateLimited", retryAt.toString())
				: Message.of("check.http.rateLimited.unsaid")).encode();
		return CheckResult.failure(CheckOutcome.RATE_LIMITED, 429, answer.latency(), answer.attempts(), error,
				retryAt);
	}

	public static CheckResult unexpected(HttpResult answer) {
		var error = Message.of((answer.status() >= 500) ? "check.http.failed" : "check.http.unexpected",
				String.valueOf(answer.status())).encode();
		return CheckResult.failure(CheckOutcome.ERROR, answer.status(), answer.latency(), answer.attempts(), error,
				null);
	}

	/**
	 * The link resolved against the page it came from, kept only when it is http(s): links end up on the dashboard,
	 * where a javascript: URL from a hostile feed or page must never arrive.
	 */
	public static @Nullable String webLink(@Nullable String link, String base) {
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
