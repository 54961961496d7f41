package org.vigia.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;

/**
 * The account's state after a check: a pure function of the state before, what the check found and when. Nothing here
 * reads a clock or a database, so every transition can be tested with a table and a moving clock.
 */
final class PollStateMachine {

	/**
	 * What is known of one finished check beside its result.
	 * @param pushed whether the account's activity arrives by push: its next scheduled check comes after the pushed
	 * interval, as a reconciliation pass
	 * @param every the interval of the account's network where it has one of its own (X), else null
	 */
	record Check(String handle, CheckResult result, @Nullable Long snapshotId, boolean scheduled, boolean pushed,
			@Nullable Duration every) {

		Check(String handle, CheckResult result, @Nullable Long snapshotId, boolean scheduled, boolean pushed) {
			this(handle, result, snapshotId, scheduled, pushed, null);
		}

		Check(String handle, CheckResult result, @Nullable Long snapshotId, boolean scheduled) {
			this(handle, result, snapshotId, scheduled, false);
		}

	}

	private final Duration interval;

	private final Duration pushedInterval;

	private final RandomGenerator random;

	/**
	 * @param interval how often every account is checked
	 * @param pushedInterval how often an account whose activity arrives by push is checked
	 * @param random where an account's first due time in the interval comes from
	 */
	PollStateMachine(Duration interval, Duration pushedInterval, RandomGenerator random) {
		this.interval = interval;
		this.pushedInterval = pushedInterval;
		this.random = random;
	}

	PollStateMachine(Duration interval, RandomGenerator random) {
		this(interval, interval, random);
	}

	/** The state after {@code check}, which finished at {@code at}, given the state before it. */
	PollState after(PollState before, Check check, Instant at) {
		var result = check.result();
		var outcome = result.outcome();
		if (outcome == CheckOutcome.SKIPPED && check.handle().equals(before.handle())) {
			// Not read, to stay within an allowance: neither evidence nor failure; everything learnt stays as it was.
			return new PollState(before.handle(), before.platformId(), before.etag(), before.lastModified(),
					before.lastActivityAt(), before.newestPostUrl(), at, before.lastSuccessAt(), outcome,
					result.httpStatus(), before.consecutiveFailures(),
					before.lastOutcome() == outcome ? before.outcomeStreak() + 1 : 1, before.failingSince(),
					truncate(result.error(), 2000), before.recentPosts(), before.replyShare(), before.movedTo(),
					before.profileId(), nextDue(before.nextDueAt(), check, at));
		}
		boolean evidence = outcome.isEvidence();
		// Failures are facts about the check, never about the account: they leave its activity and validators alone.
		boolean failure = outcome == CheckOutcome.ERROR || outcome == CheckOutcome.RATE_LIMITED;
		// An edited registry entry may name another account: what was learnt about the old one must not leak.
		boolean sameAccount = check.handle().equals(before.handle());
		var etag = truncate(result.etag(), 500);
		var lastModified = truncate(result.lastModified(), 100);
		var newestPostUrl = truncate(result.newestPostUrl(), 2000);
		var activity = result.lastActivityAt();
		boolean newest = activity != null
				&& (before.lastActivityAt() == null || !activity.isBefore(before.lastActivityAt()));
		boolean postsRead = !sameAccount || result.recentPosts() != null;
		return new PollState(check.handle(),
				sameAccount ? coalesce(result.platformId(), before.platformId()) : result.platformId(),
				!sameAccount ? etag : evidence ? coalesce(etag, before.etag()) : before.etag(),
				!sameAccount ? lastModified : evidence ? coalesce(lastModified, before.lastModified()) : before.lastModified(),
				sameAccount ? latest(before.lastActivityAt(), activity) : activity,
				!sameAccount || newest ? newestPostUrl : before.newestPostUrl(),
				at,
				evidence ? at : before.lastSuccessAt(),
				outcome,
				result.httpStatus(),
				failure ? before.consecutiveFailures() + 1 : 0,
				sameAccount && outcome == before.lastOutcome() ? before.outcomeStreak() + 1 : 1,
				!failure ? null : coalesce(before.failingSince(), at),
				truncate(result.error(), 2000),
				postsRead ? result.recentPosts() : before.recentPosts(),
				postsRead ? result.replyShare() : before.replyShare(),
				outcome == CheckOutcome.MOVED ? truncate(result.movedTo(), 500) : evidence ? null : before.movedTo(),
				coalesce(check.snapshotId(), before.profileId()),
				nextDue(before.nextDueAt(), check, at));
	}

	private Instant nextDue(@Nullable Instant previous, Check check, Instant at) {
		// A network's own interval counts only when it is one (a stand-in checker answers Duration.ZERO).
		var own = check.every();
		var every = check.pushed() ? pushedInterval : (own != null && own.isPositive()) ? own : interval;
		if (previous == null) {
			// First check: place the account at a random point of the interval so that checks spread out.
			return at.plusMillis(random.nextLong(Math.max(1, every.toMillis())));
		}
		if (!check.scheduled()) {
			return previous;
		}
		var next = previous.plus(every);
		if (next.isBefore(at)) {
			next = at.plus(every);
		}
		var retryAt = check.result().retryAt();
		if (check.result().outcome() == CheckOutcome.RATE_LIMITED && retryAt != null && retryAt.isBefore(next)) {
			return retryAt.isAfter(at) ? retryAt : at.plus(Duration.ofMinutes(1));
		}
		return next;
	}

	private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
		return a == null ? b : b == null || a.isAfter(b) ? a : b;
	}

	private static <T> @Nullable T coalesce(@Nullable T value, @Nullable T otherwise) {
		return value != null ? value : otherwise;
	}

	static @Nullable String truncate(@Nullable String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
