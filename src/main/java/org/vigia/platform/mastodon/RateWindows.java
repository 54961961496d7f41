package org.vigia.platform.mastodon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.http.HttpResult;

/**
 * Each Mastodon server's rate-limit window as its X-RateLimit-Limit, -Remaining and -Reset headers describe it, so
 * that look-alike lookups spread over the windows instead of running into a 429. A request is taken from the window
 * while more than a tenth of it is left (the rest is for polling, searches and whatever else shares the address);
 * otherwise it waits for the window's reset, or gives up when that is further away than the caller's patience.
 * Mastodon sends the headers with every answer (300 requests per 5 minutes by default); a server that sends none is
 * not paced, and its 429s are honoured by the HTTP client as any host's. Safe for use by many threads; one instance
 * per process paces every examination on it.
 */
final class RateWindows {

	/** Mastodon's default for an address: 300 requests per 5 minutes; the window assumed once a known one is over. */
	static final Duration DEFAULT_PERIOD = Duration.ofMinutes(5);

	/** The share of a window kept for requests that are not look-alike lookups. */
	static final double RESERVE = 0.1;

	// A reset a moment after the one known belongs to the same window: servers round it.
	private static final Duration SAME_WINDOW = Duration.ofSeconds(1);

	// A reset further away than this is a server's mistake; waiting for it would stop the examination for nothing.
	private static final Duration LONGEST_WINDOW = Duration.ofHours(1);

	private final Clock clock;

	private final Sleeper sleeper;

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	RateWindows(Clock clock, Sleeper sleeper) {
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/**
	 * Takes one request from the server's window, waiting for the next window when this one is down to its reserve.
	 * Answers null when the request may go now, else the time the server takes requests again, which is further away
	 * than {@code patience}; nothing is taken then.
	 * @throws InterruptedException when interrupted while waiting
	 */
	@Nullable Instant take(String server, Duration patience) throws InterruptedException {
		var deadline = clock.instant().plus(patience);
		var window = windows.get(server);
		if (window == null) {
			return null;
		}
		while (true) {
			Instant reset;
			synchronized (window) {
				var now = clock.instant();
				window.roll(now);
				if (window.remaining > window.reserve()) {
					window.remaining--;
					return null;
				}
				reset = window.reset;
			}
			if (reset.isAfter(deadline)) {
				return reset;
			}
			var wait = Duration.between(clock.instant(), reset);
			if (wait.isPositive()) {
				sleeper.sleep(wait);
			}
		}
	}

	/** Learns the server's window from an answer's headers; an answer without them changes nothing. */
	void observe(String server, HttpResult answer) {
		var limit = integer(answer.header("X-RateLimit-Limit"));
		var remaining = integer(answer.header("X-RateLimit-Remaining"));
		var reset = MastodonServer.rateLimitReset(answer);
		if (remaining == null || reset == null) {
			return;
		}
		var now = clock.instant();
		if (reset.isAfter(now.plus(LONGEST_WINDOW))) {
			reset = now.plus(LONGEST_WINDOW);
		}
		var window = windows.computeIfAbsent(server, key -> new Window(now, (limit != null && limit > 0) ? limit
				: remaining));
		synchronized (window) {
			window.observe((limit != null && limit > 0) ? limit : window.limit, remaining, reset);
		}
	}

	/** What is left of the server's current window as known now, for tests and logs; -1 when nothing is known. */
	int remaining(String server) {
		var window = windows.get(server);
		if (window == null) {
			return -1;
		}
		synchronized (window) {
			window.roll(clock.instant());
			return window.remaining;
		}
	}

	private static @Nullable Integer integer(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** One server's window: guarded by its own monitor. */
	private static final class Window {

		int limit;

		int remaining;

		Instant reset;

		// After a reset the window is assumed (as large as the last one), and the server's next word replaces it.
		boolean known;

		Window(Instant now, int limit) {
			this.limit = limit;
			this.remaining = limit;
			this.reset = now;
		}

		int reserve() {
			return (int) Math.ceil(limit * RESERVE);
		}

		/** A window past its reset is a fresh one, of the last known size. */
		void roll(Instant now) {
			if (!now.isBefore(reset)) {
				remaining = limit;
				reset = now.plus(DEFAULT_PERIOD);
				known = false;
			}
		}

		void observe(int limit, int remaining, Instant reset) {
			this.limit = limit;
			if (!known || reset.isAfter(this.reset.plus(SAME_WINDOW))) {
				// The first word of the server, or a newer window than the one counted.
				this.reset = reset;
				this.remaining = remaining;
				known = true;
			}
			else if (!reset.isBefore(this.reset.minus(SAME_WINDOW))) {
				// Answers to requests in flight together arrive in any order: the lowest count is the latest.
				this.remaining = Math.min(this.remaining, remaining);
			}
		}

	}

	/** How the windows wait; tests pass one that moves their clock. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

}
