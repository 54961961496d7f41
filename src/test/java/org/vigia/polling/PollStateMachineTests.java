package org.vigia.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigia.MutableClock;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's state after a check, table by table and check after check on a moving clock: streaks, validators,
 * activity, moves and the next due time. No Spring, no database: state and result in, state out.
 */
class PollStateMachineTests {

	private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

	private static final Duration INTERVAL = Duration.ofHours(6);

	private static final Instant POST = Instant.parse("2026-05-30T08:00:00Z");

	private final PollStateMachine machine = new PollStateMachine(INTERVAL, () -> 0x5DEECE66DL);

	/** An account checked once, successfully, with validators, a move noted earlier and an error left behind. */
	private static PollState known() {
		return new PollState("cultura", "109", "\"v1\"", "Sat, 30 May 2026 08:00:00 GMT", POST, "https://x/1",
				T0.minus(INTERVAL), T0.minus(INTERVAL), CheckOutcome.OK, 200, 0, 3, null, null, 20, 0.25, null, 7L,
				T0);
	}

	private static CheckResult ok(@Nullable Instant lastActivity, @Nullable String etag) {
		return new CheckResult(CheckOutcome.OK, 200, Duration.ofMillis(40), 1, null, lastActivity,
				lastActivity == null ? null : "https://x/" + lastActivity.getEpochSecond(), false, null, 10, 0.5, null,
				"109", etag, null, null);
	}

	private static CheckResult result(CheckOutcome outcome) {
		return switch (outcome) {
			case OK -> ok(POST.plus(Duration.ofDays(1)), "\"v2\"");
			case MOVED -> new CheckResult(CheckOutcome.MOVED, 200, Duration.ZERO, 1, null, null, null, false, null,
					null, null, "cultura@elsewhere.example", "109", null, null, null);
			case NOT_FOUND, SUSPENDED, DEACTIVATED -> CheckResult.gone(outcome, 404, Duration.ZERO, 1, "gone");
			default -> CheckResult.failure(outcome, 503, Duration.ZERO, 1, "it failed", null);
		};
	}

	private PollState after(PollState before, CheckResult result, Instant at, boolean scheduled) {
		return machine.after(before, new PollStateMachine.Check("cultura", result, null, scheduled), at);
	}

	@ParameterizedTest(name = "{0}: failures {1}, failing since {2}, success {3}, etag {4}, moved to {5}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# outcome   | consecutive failures | failing since now | last success now | etag kept from | moved to
			# Evidence about the account: the streak of failures ends, validators come from the answer.
			OK          | 0 | false | true  | answer | -
			NOT_FOUND   | 0 | false | true  | before | -
			SUSPENDED   | 0 | false | true  | before | -
			DEACTIVATED | 0 | false | true  | before | -
			MOVED       | 0 | false | true  | before | cultura@elsewhere.example
			# Failures say nothing about the account: validators stay, the streak grows.
			ERROR        | 1 | true  | false | before | -
			RATE_LIMITED | 1 | true  | false | before | -
			# Neither evidence nor failure.
			UNSUPPORTED  | 0 | false | false | before | -
			""")
	void eachOutcomeMovesTheFailureStreakTheValidatorsAndTheMoveAsItMeans(CheckOutcome outcome, int failures,
			boolean failingSinceNow, boolean successNow, String etagFrom, String movedTo) {
		var before = known();

		var after = after(before, result(outcome), T0, true);

		assertThat(after.lastOutcome()).isEqualTo(outcome);
		assertThat(after.lastCheckedAt()).isEqualTo(T0);
		assertThat(after.consecutiveFailures()).isEqualTo(failures);
		assertThat(after.failingSince()).isEqualTo(failingSinceNow ? T0 : null);
		assertThat(after.lastSuccessAt()).isEqualTo(successNow ? T0 : before.lastSuccessAt());
		assertThat(after.etag()).isEqualTo(etagFrom.equals("answer") ? "\"v2\"" : before.etag());
		assertThat(after.lastModified()).isEqualTo(before.lastModified());
		assertThat(after.movedTo()).isEqualTo(movedTo);
		assertThat(after.outcomeStreak()).isEqualTo(outcome == CheckOutcome.OK ? 4 : 1);
		assertThat(after.lastActivityAt()).isEqualTo(outcome == CheckOutcome.OK ? POST.plus(Duration.ofDays(1)) : POST);
		assertThat(after.profileId()).isEqualTo(7L);
	}

	@Test
	void failuresCountUpFromTheFirstOneAndASuccessEndsThem() {
		var clock = new MutableClock(T0);
		var state = known();
		var seen = new ArrayList<String>();
		for (var outcome : List.of(CheckOutcome.ERROR, CheckOutcome.ERROR, CheckOutcome.RATE_LIMITED, CheckOutcome.ERROR,
				CheckOutcome.OK, CheckOutcome.ERROR)) {
			clock.advance(INTERVAL);
			state = after(state, result(outcome), clock.instant(), true);
			seen.add(outcome + " " + state.consecutiveFailures() + " "
					+ (state.failingSince() == null ? "-" : Duration.between(T0, state.failingSince()).toHours() + "h")
					+ " streak " + state.outcomeStreak());
		}

		assertThat(seen).containsExactly("ERROR 1 6h streak 1", "ERROR 2 6h streak 2", "RATE_LIMITED 3 6h streak 1",
				"ERROR 4 6h streak 1", "OK 0 - streak 1", "ERROR 1 36h streak 1");
	}

	@Test
	void aMoveIsKeptThroughFailuresAndClearedByTheNextSuccess() {
		var moved = after(known(), result(CheckOutcome.MOVED), T0, true);
		var failed = after(moved, result(CheckOutcome.ERROR), T0.plus(INTERVAL), true);
		var back = after(failed, result(CheckOutcome.OK), T0.plus(INTERVAL.multipliedBy(2)), true);

		assertThat(moved.movedTo()).isEqualTo("cultura@elsewhere.example");
		assertThat(failed.movedTo()).isEqualTo("cultura@elsewhere.example");
		assertThat(back.movedTo()).isNull();
	}

	@Test
	void theLastActivityNeverGoesBackAndTheNewestPostFollowsIt() {
		var older = after(known(), ok(POST.minus(Duration.ofDays(3)), null), T0, true);
		var unknown = after(older, ok(null, null), T0.plus(INTERVAL), true);
		var newer = after(unknown, ok(POST.plus(Duration.ofHours(1)), null), T0.plus(INTERVAL.multipliedBy(2)), true);

		assertThat(older.lastActivityAt()).isEqualTo(POST);
		assertThat(older.newestPostUrl()).isEqualTo("https://x/1");
		assertThat(unknown.lastActivityAt()).isEqualTo(POST);
		assertThat(newer.lastActivityAt()).isEqualTo(POST.plus(Duration.ofHours(1)));
		assertThat(newer.newestPostUrl()).isEqualTo("https://x/" + POST.plus(Duration.ofHours(1)).getEpochSecond());
		assertThat(older.etag()).as("an answer without a validator keeps the one known").isEqualTo("\"v1\"");
	}

	@Test
	void postsAreCountedOnlyWhenTheCheckReadThem() {
		var read = after(known(), ok(POST, null), T0, true);
		var notRead = after(read, result(CheckOutcome.NOT_FOUND), T0.plus(INTERVAL), true);

		assertThat(read.recentPosts()).isEqualTo(10);
		assertThat(read.replyShare()).isEqualTo(0.5);
		assertThat(notRead.recentPosts()).isEqualTo(10);
		assertThat(notRead.replyShare()).isEqualTo(0.5);
	}

	@Test
	void whatWasLearntForAnotherHandleIsForgottenButTheChecksHistoryIsNot() {
		var before = known();

		var after = machine.after(before,
				new PollStateMachine.Check("cultura_nueva", result(CheckOutcome.ERROR), null, true), T0);

		assertThat(after.handle()).isEqualTo("cultura_nueva");
		assertThat(after.platformId()).isNull();
		assertThat(after.etag()).isNull();
		assertThat(after.lastModified()).isNull();
		assertThat(after.lastActivityAt()).isNull();
		assertThat(after.newestPostUrl()).isNull();
		assertThat(after.recentPosts()).isNull();
		assertThat(after.outcomeStreak()).isEqualTo(1);
		// The checks themselves went as they went: when the last success was, the snapshot, the failures.
		assertThat(after.lastSuccessAt()).isEqualTo(before.lastSuccessAt());
		assertThat(after.profileId()).isEqualTo(7L);
		assertThat(after.consecutiveFailures()).isEqualTo(1);
	}

	@Test
	void aNewSnapshotReplacesTheProfileAndNoneKeepsIt() {
		var withSnapshot = machine.after(known(), new PollStateMachine.Check("cultura", ok(POST, null), 8L, true), T0);
		var without = machine.after(withSnapshot, new PollStateMachine.Check("cultura", ok(POST, null), null, true),
				T0.plus(INTERVAL));

		assertThat(withSnapshot.profileId()).isEqualTo(8L);
		assertThat(without.profileId()).isEqualTo(8L);
	}

	@Test
	void theFirstCheckOfAnAccountLearnsEverythingAndIsSpreadOverTheInterval() {
		var first = after(PollState.NONE, ok(POST, "\"v1\""), T0, false);

		assertThat(first.handle()).isEqualTo("cultura");
		assertThat(first.platformId()).isEqualTo("109");
		assertThat(first.etag()).isEqualTo("\"v1\"");
		assertThat(first.lastActivityAt()).isEqualTo(POST);
		assertThat(first.outcomeStreak()).isEqualTo(1);
		assertThat(first.lastSuccessAt()).isEqualTo(T0);
		assertThat(first.nextDueAt()).isAfterOrEqualTo(T0).isBefore(T0.plus(INTERVAL));
	}

	@ParameterizedTest(name = "{0} check due {1}, done {2}, {3} retry at {4} -> next due {5}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# kind      | due   | checked | outcome      | retry at | next due
			# A scheduled check moves the due time on by one interval from where it was, keeping the spread.
			scheduled   | 12:00 | 12:01   | OK           | -        | 18:00
			scheduled   | 12:00 | 12:01   | ERROR        | -        | 18:00
			# Checked after its next due time had passed (a node was down): one interval from now.
			scheduled   | 12:00 | 19:30   | OK           | -        | 01:30+1
			# A platform that asks to wait is retried when it says, if that comes sooner.
			scheduled   | 12:00 | 12:01   | RATE_LIMITED | 12:20    | 12:20
			scheduled   | 12:00 | 12:01   | RATE_LIMITED | 23:00    | 18:00
			scheduled   | 12:00 | 12:01   | RATE_LIMITED | -        | 18:00
			# A retry time already past waits a minute rather than hammering the platform.
			scheduled   | 12:00 | 12:01   | RATE_LIMITED | 11:00    | 12:02
			# A run's check leaves the schedule alone.
			run         | 12:00 | 12:01   | OK           | -        | 12:00
			run         | 12:00 | 12:01   | RATE_LIMITED | 12:20    | 12:00
			""")
	void theNextDueTimeFollowsTheScheduleAndThePlatformsRequestsToWait(String kind, String due, String checked,
			CheckOutcome outcome, String retryAt, String nextDue) {
		var before = new PollState(known().handle(), null, null, null, null, null, null, null, null, null, 0, 0, null,
				null, null, null, null, null, at(due));
		var answer = outcome == CheckOutcome.OK ? ok(POST, null)
				: CheckResult.failure(outcome, 429, Duration.ZERO, 1, "slow down", retryAt == null ? null : at(retryAt));

		var after = after(before, answer, at(checked), kind.equals("scheduled"));

		assertThat(after.nextDueAt()).isEqualTo(at(nextDue));
	}

	/** A time of the test's day, or of the next one with {@code +1}. */
	private static Instant at(String time) {
		var nextDay = time.endsWith("+1");
		return Instant.parse((nextDay ? "2026-06-02T" : "2026-06-01T") + time.replace("+1", "") + ":00Z");
	}

	@Test
	void anAccountWhoseActivityArrivesByPushIsCheckedAgainAfterThePushedInterval() {
		var pushing = new PollStateMachine(INTERVAL, Duration.ofDays(1), () -> 0x5DEECE66DL);
		var pushed = pushing.after(known(), new PollStateMachine.Check("cultura", result(CheckOutcome.OK), null, true,
				true), T0.plusSeconds(30));
		assertThat(pushed.nextDueAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
		var polled = pushing.after(known(), new PollStateMachine.Check("cultura", result(CheckOutcome.OK), null, true,
				false), T0.plusSeconds(30));
		assertThat(polled.nextDueAt()).isEqualTo(T0.plus(INTERVAL));
		// A run's check leaves the schedule alone, pushed or not.
		var run = pushing.after(known(), new PollStateMachine.Check("cultura", result(CheckOutcome.OK), null, false,
				true), T0.plusSeconds(30));
		assertThat(run.nextDueAt()).isEqualTo(T0);
		// A first check places a pushed account within the pushed interval.
		var first = pushing.after(PollState.NONE, new PollStateMachine.Check("cultura", result(CheckOutcome.OK), null,
				true, true), T0);
		assertThat(first.nextDueAt()).isAfterOrEqualTo(T0).isBefore(T0.plus(Duration.ofDays(1)));
	}

	@Test
	void aCheckSkippedForAnAllowanceKeepsWhatWasLearntAndCountsNoFailure() {
		var failing = new PollState("cultura", "109", "\"v1\"", null, POST, "https://x/1", T0.minus(INTERVAL),
				T0.minus(INTERVAL.multipliedBy(2)), CheckOutcome.ERROR, 503, 2, 2, T0.minus(INTERVAL), "it failed", 20,
				0.25, null, 7L, T0);
		var skipped = CheckResult.failure(CheckOutcome.SKIPPED, null, Duration.ZERO, 0, "budget", null);

		var after = machine.after(failing,
				new PollStateMachine.Check("cultura", skipped, null, true, false, Duration.ofDays(1)), T0);

		assertThat(after.lastOutcome()).isEqualTo(CheckOutcome.SKIPPED);
		assertThat(after.consecutiveFailures()).isEqualTo(2);
		assertThat(after.failingSince()).isEqualTo(failing.failingSince());
		assertThat(after.lastSuccessAt()).isEqualTo(failing.lastSuccessAt());
		assertThat(after.etag()).isEqualTo("\"v1\"");
		assertThat(after.lastActivityAt()).isEqualTo(POST);
		assertThat(after.replyShare()).isEqualTo(0.25);
		// The network's own interval (X: a day) moves the next check on, not the common one.
		assertThat(after.nextDueAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
	}

}
