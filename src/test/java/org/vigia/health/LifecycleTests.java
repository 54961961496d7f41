package org.vigia.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.vigia.platform.English;
import org.vigia.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finding lifecycle, one row per situation: the finding as stored (if any), the condition as the rules see it now
 * (if any), and what is written. Rules speak, people decide.
 */
class LifecycleTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	@ParameterizedTest(name = "{0} ({1}, dismissed for {2}) + condition {3}, held {4}, reason {5} -> {6} {7} {8}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# stored    | stored fingerprint | dismissed until, from now | condition's fingerprint | held | cleared reason | action | transition | status after | reason
			# Open: a new condition opens a finding; nothing stored and nothing wrong is nothing.
			-            | -            | -     | NOT_FOUND       | false | -                        | INSERT | OPENED   | OPEN         | -
			-            | -            | -     | ''              | false | -                        | INSERT | OPENED   | OPEN         | -
			-            | -            | -     | -               | false | -                        | -      | -        | -            | -
			-            | -            | -     | -               | true  | -                        | -      | -        | -            | -
			-            | -            | -     | -               | false | superseded by GONE       | -      | -        | -            | -
			# Update: while it holds, a standing finding is refreshed quietly, and a material change is recorded.
			OPEN         | NOT_FOUND    | -     | NOT_FOUND       | false | -                        | UPDATE | -        | OPEN         | -
			OPEN         | ''           | -     | ''              | false | -                        | UPDATE | -        | OPEN         | -
			OPEN         | NOT_FOUND    | -     | SUSPENDED       | false | -                        | UPDATE | UPDATED  | OPEN         | the evidence changed
			# Acknowledged keeps ACKNOWLEDGED while it holds, whatever the evidence.
			ACKNOWLEDGED | NOT_FOUND    | -     | NOT_FOUND       | false | -                        | UPDATE | -        | ACKNOWLEDGED | -
			ACKNOWLEDGED | NOT_FOUND    | -     | SUSPENDED       | false | -                        | UPDATE | UPDATED  | ACKNOWLEDGED | the evidence changed
			# Resolve: when the condition clears, a standing finding resolves, saying why.
			OPEN         | NOT_FOUND    | -     | -               | false | -                        | UPDATE | RESOLVED | RESOLVED     | the condition cleared
			OPEN         | ''           | -     | -               | false | superseded by ABANDONED  | UPDATE | RESOLVED | RESOLVED     | superseded by ABANDONED
			ACKNOWLEDGED | NOT_FOUND    | -     | -               | false | -                        | UPDATE | RESOLVED | RESOLVED     | the condition cleared
			ACKNOWLEDGED | NOT_FOUND    | -     | -               | false | the account was archived | UPDATE | RESOLVED | RESOLVED     | the account was archived
			DISMISSED    | NOT_FOUND    | P30D  | -               | false | -                        | UPDATE | RESOLVED | RESOLVED     | the condition cleared
			DISMISSED    | NOT_FOUND    | -     | -               | false | superseded by MOVED      | UPDATE | RESOLVED | RESOLVED     | superseded by MOVED
			DISMISSED    | NOT_FOUND    | -P1D  | -               | false | -                        | UPDATE | RESOLVED | RESOLVED     | the condition cleared
			# Held: nobody can tell now, so nothing changes, not even an expired dismissal.
			OPEN         | NOT_FOUND    | -     | -               | true  | -                        | -      | -        | -            | -
			ACKNOWLEDGED | ''           | -     | -               | true  | -                        | -      | -        | -            | -
			DISMISSED    | NOT_FOUND    | P30D  | -               | true  | -                        | -      | -        | -            | -
			DISMISSED    | NOT_FOUND    | -P1D  | -               | true  | -                        | -      | -        | -            | -
			# Resolved stays resolved.
			RESOLVED     | NOT_FOUND    | -     | -               | false | -                        | -      | -        | -            | -
			RESOLVED     | NOT_FOUND    | -     | -               | true  | -                        | -      | -        | -            | -
			RESOLVED     | ''           | -     | -               | false | superseded by ABANDONED  | -      | -        | -            | -
			# Reopen: the condition comes back.
			RESOLVED     | NOT_FOUND    | -     | NOT_FOUND       | false | -                        | UPDATE | REOPENED | OPEN         | the condition came back
			RESOLVED     | NOT_FOUND    | -     | SUSPENDED       | false | -                        | UPDATE | REOPENED | OPEN         | the condition came back
			RESOLVED     | ''           | -     | ''              | false | -                        | UPDATE | REOPENED | OPEN         | the condition came back
			# Dismissed until a date: quiet before it, reopened at or after it.
			DISMISSED    | NOT_FOUND    | P30D  | NOT_FOUND       | false | -                        | UPDATE | -        | DISMISSED    | -
			DISMISSED    | NOT_FOUND    | PT1S  | NOT_FOUND       | false | -                        | UPDATE | -        | DISMISSED    | -
			DISMISSED    | NOT_FOUND    | -     | NOT_FOUND       | false | -                        | UPDATE | -        | DISMISSED    | -
			DISMISSED    | ''           | -     | ''              | false | -                        | UPDATE | -        | DISMISSED    | -
			DISMISSED    | NOT_FOUND    | PT0S  | NOT_FOUND       | false | -                        | UPDATE | REOPENED | OPEN         | the dismissal expired
			DISMISSED    | NOT_FOUND    | -PT1S | NOT_FOUND       | false | -                        | UPDATE | REOPENED | OPEN         | the dismissal expired
			DISMISSED    | ''           | -P30D | ''              | false | -                        | UPDATE | REOPENED | OPEN         | the dismissal expired
			# Dismissed, then the evidence changes materially: it wakes up before its date.
			DISMISSED    | NOT_FOUND    | P30D  | SUSPENDED       | false | -                        | UPDATE | REOPENED | OPEN         | the evidence changed
			DISMISSED    | NOT_FOUND    | -     | SUSPENDED       | false | -                        | UPDATE | REOPENED | OPEN         | the evidence changed
			DISMISSED    | 'account:11' | -     | 'account:11,13' | false | -                        | UPDATE | REOPENED | OPEN         | the evidence changed
			DISMISSED    | NOT_FOUND    | -PT1S | SUSPENDED       | false | -                        | UPDATE | REOPENED | OPEN         | the dismissal expired
			""")
	void decidesWhatToWrite(FindingStatus status, String storedFingerprint, Duration dismissedFor,
			String fingerprint, boolean held, String clearedReason, Lifecycle.Action action, TransitionKind kind,
			FindingStatus to, String reason) {
		var stored = (status != null) ? stored(status, storedFingerprint, dismissedFor) : null;
		var condition = (fingerprint != null) ? condition(fingerprint) : null;

		var decision = Lifecycle.decide(stored, condition, held, clearedReason, NOW);

		if (action == null) {
			assertThat(decision).isNull();
			return;
		}
		assertThat(decision).isNotNull();
		assertThat(decision.action()).isEqualTo(action);
		assertThat(decision.kind()).isEqualTo(kind);
		assertThat(decision.to()).isEqualTo(to);
		assertThat((decision.reason() == null) ? null : English.text(decision.reason())).isEqualTo(reason);
		assertThat(decision.stored()).isSameAs(stored);
		assertThat(decision.condition()).isSameAs(condition);
		assertThat(decision.dismissedUntil()).isNull();
	}

	@Test
	void aDismissalHoldsUntilItsDateThenTheFindingReopens() {
		var until = NOW.plus(Duration.ofDays(10));
		var stored = new Lifecycle.Stored(7, FindingType.DORMANT, "account:42", FindingStatus.DISMISSED, "", until);
		var log = new ArrayList<String>();

		for (int day = 0; day <= 12 && stored.status() == FindingStatus.DISMISSED; day++) {
			var now = NOW.plus(Duration.ofDays(day));
			var decision = Lifecycle.decide(stored, condition(""), false, null, now);
			log.add("day " + day + ": " + decision.to() + ((decision.kind() != null) ? " " + decision.kind() : "")
					+ ((decision.reason() != null) ? " (" + English.text(decision.reason()) + ")" : ""));
			stored = new Lifecycle.Stored(stored.id(), stored.type(), stored.subjectKey(), decision.to(),
					decision.condition().fingerprint(), stored.dismissedUntil());
		}

		assertThat(log).containsExactly("day 0: DISMISSED", "day 1: DISMISSED", "day 2: DISMISSED", "day 3: DISMISSED",
				"day 4: DISMISSED", "day 5: DISMISSED", "day 6: DISMISSED", "day 7: DISMISSED", "day 8: DISMISSED",
				"day 9: DISMISSED", "day 10: OPEN REOPENED (the dismissal expired)");
	}

	@Test
	void anAcknowledgedFindingStaysAcknowledgedThroughChangesAndResolvesWhenItClears() {
		var stored = new Lifecycle.Stored(7, FindingType.GONE, "account:42", FindingStatus.ACKNOWLEDGED, "NOT_FOUND",
				null);

		var same = Lifecycle.decide(stored, condition("NOT_FOUND"), false, null, NOW);
		var changed = Lifecycle.decide(stored, condition("SUSPENDED"), false, null, NOW);
		var held = Lifecycle.decide(stored, null, true, null, NOW);
		var cleared = Lifecycle.decide(stored, null, false, null, NOW);

		assertThat(same).extracting(Lifecycle.Decision::kind, Lifecycle.Decision::to)
			.containsExactly(null, FindingStatus.ACKNOWLEDGED);
		assertThat(changed).extracting(Lifecycle.Decision::kind, Lifecycle.Decision::to)
			.containsExactly(TransitionKind.UPDATED, FindingStatus.ACKNOWLEDGED);
		assertThat(held).isNull();
		assertThat(cleared).extracting(Lifecycle.Decision::kind, Lifecycle.Decision::to, d -> English.text(d.reason()))
			.containsExactly(TransitionKind.RESOLVED, FindingStatus.RESOLVED, "the condition cleared");
	}

	private static Lifecycle.Stored stored(FindingStatus status, String fingerprint, Duration dismissedFor) {
		return new Lifecycle.Stored(7, FindingType.GONE, "account:42", status, fingerprint,
				(dismissedFor != null) ? NOW.plus(dismissedFor) : null);
	}

	private static Condition condition(String fingerprint) {
		return new Condition(FindingType.GONE, "account:42", 42L, null, 3L, Platform.MASTODON,
				"cultura@mastodon.social on Mastodon", "Mastodon says the account does not exist",
				Map.of("outcome", fingerprint), fingerprint);
	}

}
