package org.vigia.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.vigia.platform.CheckOutcome;
import org.vigia.platform.English;
import org.vigia.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health rules, table by table: every boundary of the silence thresholds at every level, and what each kind of
 * check, owner, duplicate and profile makes of an account. No Spring, no database: facts in, evaluation out.
 */
class RulesTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	/** What a check must have shown for these to be judged; a failed or unconfirmed check holds them all. */
	private static final Set<FindingType> FROM_CHECKS = EnumSet.of(FindingType.DORMANT, FindingType.ABANDONED,
			FindingType.GONE, FindingType.MOVED, FindingType.GUIDELINE, FindingType.ONE_WAY);

	private static final Set<FindingType> SILENCE = EnumSet.of(FindingType.DORMANT, FindingType.ABANDONED);

	private static final Guideline NO_GUIDELINES = new Guideline(false, false, false, null, false);

	private static final Rules RULES = new Rules(properties(Map.of()));

	// Silence

	@ParameterizedTest(name = "[{0} {1}/{2}] {3}, own limit {4}: silent for {5} -> {6}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# thresholds for | dormant | abandoned | account's platform | own limit | silence | finding | dormant after | abandoned after | limit source
			# Global defaults, 30 and 90 days: "silent longer than", so the day itself is not enough.
			-       | -    | -     | MASTODON | -   | P29D     | -         | 30  | 90  | DEFAULT
			-       | -    | -     | MASTODON | -   | P30D     | -         | 30  | 90  | DEFAULT
			-       | -    | -     | MASTODON | -   | P30DT1S  | DORMANT   | 30  | 90  | DEFAULT
			-       | -    | -     | MASTODON | -   | P31D     | DORMANT   | 30  | 90  | DEFAULT
			-       | -    | -     | MASTODON | -   | P89D     | DORMANT   | 30  | 90  | DEFAULT
			-       | -    | -     | MASTODON | -   | P90D     | DORMANT   | 30  | 90  | DEFAULT
			-       | -    | -     | MASTODON | -   | P90DT1S  | ABANDONED | 30  | 90  | DEFAULT
			-       | -    | -     | MASTODON | -   | P91D     | ABANDONED | 30  | 90  | DEFAULT
			-       | -    | -     | YOUTUBE  | -   | P400D    | ABANDONED | 30  | 90  | DEFAULT
			# Per platform: YouTube publishes less often.
			youtube | P60D | P180D | YOUTUBE  | -   | P31D     | -         | 60  | 180 | PLATFORM
			youtube | P60D | P180D | YOUTUBE  | -   | P59D     | -         | 60  | 180 | PLATFORM
			youtube | P60D | P180D | YOUTUBE  | -   | P60D     | -         | 60  | 180 | PLATFORM
			youtube | P60D | P180D | YOUTUBE  | -   | P60DT1S  | DORMANT   | 60  | 180 | PLATFORM
			youtube | P60D | P180D | YOUTUBE  | -   | P61D     | DORMANT   | 60  | 180 | PLATFORM
			youtube | P60D | P180D | YOUTUBE  | -   | P91D     | DORMANT   | 60  | 180 | PLATFORM
			youtube | P60D | P180D | YOUTUBE  | -   | P179D    | DORMANT   | 60  | 180 | PLATFORM
			youtube | P60D | P180D | YOUTUBE  | -   | P180D    | DORMANT   | 60  | 180 | PLATFORM
			youtube | P60D | P180D | YOUTUBE  | -   | P180DT1S | ABANDONED | 60  | 180 | PLATFORM
			youtube | P60D | P180D | YOUTUBE  | -   | P181D    | ABANDONED | 60  | 180 | PLATFORM
			# Another platform's thresholds leave this one on the defaults.
			youtube | P60D | P180D | MASTODON | -   | P30D     | -         | 30  | 90  | DEFAULT
			youtube | P60D | P180D | MASTODON | -   | P31D     | DORMANT   | 30  | 90  | DEFAULT
			youtube | P60D | P180D | MASTODON | -   | P91D     | ABANDONED | 30  | 90  | DEFAULT
			# Only one of the two set per platform: the other is the default.
			youtube | P60D | -     | YOUTUBE  | -   | P60D     | -         | 60  | 90  | DEFAULT
			youtube | P60D | -     | YOUTUBE  | -   | P61D     | DORMANT   | 60  | 90  | DEFAULT
			youtube | P60D | -     | YOUTUBE  | -   | P90D     | DORMANT   | 60  | 90  | DEFAULT
			youtube | P60D | -     | YOUTUBE  | -   | P91D     | ABANDONED | 60  | 90  | DEFAULT
			youtube | -    | P180D | YOUTUBE  | -   | P30D     | -         | 30  | 180 | PLATFORM
			youtube | -    | P180D | YOUTUBE  | -   | P31D     | DORMANT   | 30  | 180 | PLATFORM
			youtube | -    | P180D | YOUTUBE  | -   | P180D    | DORMANT   | 30  | 180 | PLATFORM
			youtube | -    | P180D | YOUTUBE  | -   | P181D    | ABANDONED | 30  | 180 | PLATFORM
			# Per account: its own limit is its abandoned threshold, dormant keeps the platform's proportion (1/3).
			-       | -    | -     | MASTODON | 60  | P20D     | -         | 20  | 60  | ACCOUNT
			-       | -    | -     | MASTODON | 60  | P20DT1S  | DORMANT   | 20  | 60  | ACCOUNT
			-       | -    | -     | MASTODON | 60  | P21D     | DORMANT   | 20  | 60  | ACCOUNT
			-       | -    | -     | MASTODON | 60  | P60D     | DORMANT   | 20  | 60  | ACCOUNT
			-       | -    | -     | MASTODON | 60  | P60DT1S  | ABANDONED | 20  | 60  | ACCOUNT
			-       | -    | -     | MASTODON | 60  | P61D     | ABANDONED | 20  | 60  | ACCOUNT
			-       | -    | -     | MASTODON | 90  | P30D     | -         | 30  | 90  | ACCOUNT
			-       | -    | -     | MASTODON | 90  | P31D     | DORMANT   | 30  | 90  | ACCOUNT
			-       | -    | -     | MASTODON | 90  | P91D     | ABANDONED | 30  | 90  | ACCOUNT
			-       | -    | -     | MASTODON | 30  | P10D     | -         | 10  | 30  | ACCOUNT
			-       | -    | -     | MASTODON | 30  | P11D     | DORMANT   | 10  | 30  | ACCOUNT
			-       | -    | -     | MASTODON | 30  | P31D     | ABANDONED | 10  | 30  | ACCOUNT
			-       | -    | -     | MASTODON | 365 | P100D    | -         | 121 | 365 | ACCOUNT
			-       | -    | -     | MASTODON | 365 | P121D    | -         | 121 | 365 | ACCOUNT
			-       | -    | -     | MASTODON | 365 | P122D    | DORMANT   | 121 | 365 | ACCOUNT
			-       | -    | -     | MASTODON | 365 | P365D    | DORMANT   | 121 | 365 | ACCOUNT
			-       | -    | -     | MASTODON | 365 | P366D    | ABANDONED | 121 | 365 | ACCOUNT
			# Per account beats per platform, and keeps the platform's proportion (60/180).
			youtube | P60D | P180D | YOUTUBE  | 90  | P30D     | -         | 30  | 90  | ACCOUNT
			youtube | P60D | P180D | YOUTUBE  | 90  | P30DT1S  | DORMANT   | 30  | 90  | ACCOUNT
			youtube | P60D | P180D | YOUTUBE  | 90  | P90D     | DORMANT   | 30  | 90  | ACCOUNT
			youtube | P60D | P180D | YOUTUBE  | 90  | P90DT1S  | ABANDONED | 30  | 90  | ACCOUNT
			""")
	void silenceOpensDormantThenAbandonedAtTheThresholdsOfEveryLevel(String configured, Duration dormantAfter,
			Duration abandonedAfter, Platform platform, Integer maxSilenceDays, Duration silence, FindingType expected,
			long dormantDays, long abandonedDays, String limitSource) {
		var platforms = (configured != null)
				? Map.of(configured, new HealthProperties.Thresholds(dormantAfter, abandonedAfter))
				: Map.<String, HealthProperties.Thresholds>of();
		var rules = new Rules(properties(platforms));
		var lastPost = Instant.parse("2026-01-10T08:30:00Z");
		var facts = account().platform(platform)
			.maxSilenceDays(maxSilenceDays)
			.check(ok().lastActivityAt(lastPost))
			.facts();

		var evaluation = rules.evaluate(facts, Context.EMPTY, lastPost.plus(silence));

		var silent = evaluation.conditions()
			.stream()
			.filter((condition) -> SILENCE.contains(condition.type()))
			.toList();
		assertThat(evaluation.held()).isEmpty();
		if (expected == null) {
			assertThat(silent).isEmpty();
			assertThat(evaluation.reasons()).doesNotContainKeys(FindingType.DORMANT, FindingType.ABANDONED);
			return;
		}
		assertThat(silent).singleElement().satisfies((condition) -> {
			assertThat(condition.type()).isEqualTo(expected);
			assertThat(condition.subjectKey()).isEqualTo("account:42");
			assertThat(condition.fingerprint()).isEmpty();
			assertThat(condition.evidence()).containsEntry("silentDays", silence.toDays())
				.containsEntry("lastActivityAt", lastPost)
				.containsEntry("dormantAfterDays", dormantDays)
				.containsEntry("abandonedAfterDays", abandonedDays)
				.containsEntry("limitSource", limitSource)
				.doesNotContainKey("accountCreatedAt");
			assertThat(org.vigia.platform.English.text(condition.summary())).startsWith("No public post for %d days; ".formatted(silence.toDays()))
				.endsWith((expected == FindingType.DORMANT)
						? "; dormant after %d, abandoned after %d".formatted(dormantDays, abandonedDays)
						: " is " + abandonedDays);
		});
		if (expected == FindingType.ABANDONED) {
			assertThat(English.text(evaluation.reasons().get(FindingType.DORMANT))).isEqualTo("superseded by Abandoned");
		}
		else {
			assertThat(evaluation.reasons()).doesNotContainKey(FindingType.DORMANT);
		}
	}

	@ParameterizedTest(name = "{1} [{0}], own limit {2}, silent {3}, created {4} days ago -> {5}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# thresholds for | platform | own limit | days since the last post | days since creation | summary | limit source
			-       | MASTODON | -  | 142 | -   | No public post for 142 days; the limit for accounts is 90                                  | DEFAULT
			youtube | YOUTUBE  | -  | 200 | -   | No public post for 200 days; the limit for YouTube accounts is 180                         | PLATFORM
			-       | MASTODON | 90 | 142 | -   | No public post for 142 days; the limit for this account is 90                              | ACCOUNT
			youtube | YOUTUBE  | 90 | 142 | -   | No public post for 142 days; the limit for this account is 90                              | ACCOUNT
			-       | MASTODON | -  | 45  | -   | No public post for 45 days; dormant after 30, abandoned after 90                           | DEFAULT
			youtube | YOUTUBE  | -  | 90  | -   | No public post for 90 days; dormant after 60, abandoned after 180                          | PLATFORM
			-       | MASTODON | 60 | 45  | -   | No public post for 45 days; dormant after 20, abandoned after 60                           | ACCOUNT
			-       | BLUESKY  | -  | -   | 142 | No public post since the account was created 142 days ago; the limit for accounts is 90    | DEFAULT
			-       | BLUESKY  | -  | -   | 45  | No public post since the account was created 45 days ago; dormant after 30, abandoned after 90 | DEFAULT
			-       | BLUESKY  | 60 | -   | 61  | No public post since the account was created 61 days ago; the limit for this account is 60 | ACCOUNT
			""")
	void silenceSummariesNameTheLimitAndWhereItComesFrom(String configured, Platform platform, Integer maxSilenceDays,
			Integer daysSincePost, Integer daysSinceCreation, String summary, String limitSource) {
		var platforms = (configured != null)
				? Map.of(configured, new HealthProperties.Thresholds(Duration.ofDays(60), Duration.ofDays(180)))
				: Map.<String, HealthProperties.Thresholds>of();
		var lastPost = (daysSincePost != null) ? NOW.minus(Duration.ofDays(daysSincePost)) : null;
		var created = (daysSinceCreation != null) ? NOW.minus(Duration.ofDays(daysSinceCreation)) : null;
		var facts = account().platform(platform)
			.maxSilenceDays(maxSilenceDays)
			.profile(profile().createdAt(created))
			.check(ok().lastActivityAt(lastPost))
			.facts();

		var evaluation = new Rules(properties(platforms)).evaluate(facts, Context.EMPTY, NOW);

		assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
			assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(summary);
			assertThat(org.vigia.platform.English.text(condition.subject())).isEqualTo("cultura@mastodon.social on " + platform.label());
			assertThat(condition.evidence()).containsEntry("limitSource", limitSource)
				.containsEntry("lastActivityAt", lastPost)
				.containsEntry("newestPostUrl", "https://mastodon.social/@cultura/113")
				.containsEntry("lastCheckedAt", NOW.minus(Duration.ofHours(1)));
			if (created != null) {
				assertThat(condition.evidence()).containsEntry("accountCreatedAt", created);
			}
		});
	}

	@ParameterizedTest(name = "last post {0} days ago, profile {1}, created {2} days ago -> {3}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# days since the last post | profile known | days since creation | finding | silent days
			-  | true  | 10  | -         | -
			-  | true  | 30  | -         | -
			-  | true  | 31  | DORMANT   | 31
			-  | true  | 142 | ABANDONED | 142
			-  | true  | -   | -         | -
			-  | false | -   | -         | -
			10 | true  | 400 | -         | -
			45 | true  | 400 | DORMANT   | 45
			""")
	void withoutAnyPostSilenceCountsFromTheAccountsCreation(Integer daysSincePost, boolean profileKnown,
			Integer daysSinceCreation, FindingType expected, Long silentDays) {
		var created = (daysSinceCreation != null) ? NOW.minus(Duration.ofDays(daysSinceCreation)) : null;
		var lastPost = (daysSincePost != null) ? NOW.minus(Duration.ofDays(daysSincePost)) : null;
		var facts = account().profile(profileKnown ? profile().createdAt(created) : null)
			.check(ok().lastActivityAt(lastPost))
			.facts();

		var evaluation = evaluate(facts);

		if (expected == null) {
			assertThat(evaluation.conditions()).isEmpty();
			return;
		}
		assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
			assertThat(condition.type()).isEqualTo(expected);
			assertThat(condition.evidence()).containsEntry("silentDays", silentDays);
			if (lastPost == null) {
				assertThat(org.vigia.platform.English.text(condition.summary())).startsWith("No public post since the account was created");
				assertThat(condition.evidence()).containsEntry("accountCreatedAt", created)
					.containsEntry("lastActivityAt", null);
			}
			else {
				assertThat(org.vigia.platform.English.text(condition.summary())).startsWith("No public post for %d days".formatted(silentDays));
				assertThat(condition.evidence()).containsEntry("lastActivityAt", lastPost)
					.doesNotContainKey("accountCreatedAt");
			}
		});
	}

	// What is known about an account at all

	static Stream<Arguments> uncheckedAccounts() {
		return Stream.of(Arguments.of("never checked (no state)", null),
				Arguments.of("state without a check", ok().lastCheckedAt(null)),
				Arguments.of("state without a check, but an old NOT_FOUND",
						check(CheckOutcome.NOT_FOUND).streak(3).lastCheckedAt(null)),
				Arguments.of("state without an outcome", check(null)),
				Arguments.of("UNSUPPORTED network", check(CheckOutcome.UNSUPPORTED)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("uncheckedAccounts")
	void anAccountNotCheckedGetsNoFindingFromChecks(String description, Check check) {
		var facts = badEverywhere().check(check).facts();

		var evaluation = evaluate(facts);

		assertThat(evaluation.conditions()).isEmpty();
		assertThat(evaluation.held()).isEmpty();
		assertThat(evaluation.reasons()).isEmpty();
	}

	@Test
	void theSameAccountOnceCheckedGetsItsFindings() {
		// The control for the table above: the same facts after a successful check.
		var evaluation = evaluate(badEverywhere().check(ok().silentFor(Duration.ofDays(400)).replies(0.0, 40)).facts());

		assertThat(types(evaluation)).containsExactlyInAnyOrder(FindingType.ABANDONED, FindingType.GUIDELINE,
				FindingType.ONE_WAY);
		assertThat(evaluation.reasons()).containsOnlyKeys(FindingType.DORMANT);
		assertThat(English.text(evaluation.reasons().get(FindingType.DORMANT))).isEqualTo("superseded by Abandoned");
	}

	@Test
	void anAccountNotCheckedIsJudgedOnItsHandleOnly() {
		var facts = badEverywhere()
			.guideline(new Guideline(true, true, true, "^ayto", true))
			.check(check(CheckOutcome.UNSUPPORTED))
			.facts();

		var evaluation = evaluate(facts);

		assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
			assertThat(condition.type()).isEqualTo(FindingType.GUIDELINE);
			assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo("Breaks a guideline: the handle does not match ^ayto");
			assertThat(condition.fingerprint()).isEqualTo("HANDLE_PATTERN");
			assertThat(condition.evidence()).containsEntry("broken", List.of("HANDLE_PATTERN"));
		});
	}

	// What a person reported, where Vigía cannot read the network

	@ParameterizedTest(name = "{0}: last post reported {1} days ago -> {2}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# what Vigía knows                          | reported days ago | finding
			never checked (no state)                    | 400 | ABANDONED
			never checked (no state)                    | 60  | DORMANT
			never checked (no state)                    | 10  | -
			UNSUPPORTED network                         | 400 | ABANDONED
			UNSUPPORTED network                         | 91  | ABANDONED
			UNSUPPORTED network                         | 89  | DORMANT
			UNSUPPORTED network                         | 3   | -
			""")
	void aReportedLastPostIsEvidenceForTheSilenceRulesWhereVigiaCannotRead(String known, int days,
			FindingType expected) {
		var account = account().platform(Platform.TIKTOK).handle("villaverde").reported(NOW.minus(Duration.ofDays(days)));
		if (known.startsWith("UNSUPPORTED")) {
			account.check(check(CheckOutcome.UNSUPPORTED).lastActivityAt(null));
		}
		else {
			account.check(null);
		}

		var evaluation = evaluate(account.facts());

		if (expected == null) {
			assertThat(evaluation.conditions()).isEmpty();
			return;
		}
		assertThat(types(evaluation)).containsExactly(expected);
		var condition = condition(evaluation, expected);
		assertThat(condition.evidence()).containsEntry("source", "REPORTED")
			.containsEntry("reportedBy", "prensa@villaverde.example")
			.containsEntry("silentDays", (long) days);
		assertThat(English.text(condition.summary()))
			.startsWith("No post for %d days, as prensa@villaverde.example reported on 2026-05-31".formatted(days));
	}

	@Test
	void aFailedCheckWithAnOldReportIsNoEvidenceOfAbandonment() {
		var facts = account().platform(Platform.TIKTOK)
			.check(check(CheckOutcome.ERROR).failures(1))
			.reported(NOW.minus(Duration.ofDays(400)))
			.facts();

		var evaluation = evaluate(facts);

		assertThat(evaluation.conditions()).isEmpty();
		assertThat(evaluation.held()).contains(FindingType.ABANDONED, FindingType.DORMANT);
	}

	@Test
	void aReportOlderThanWhatVigiaOnceReadCountsTheNewerPost() {
		var facts = account().platform(Platform.TIKTOK)
			.check(check(CheckOutcome.UNSUPPORTED).lastActivityAt(NOW.minus(Duration.ofDays(5))))
			.reported(NOW.minus(Duration.ofDays(400)))
			.facts();

		assertThat(evaluate(facts).conditions()).isEmpty();
	}

	// Failed checks

	@ParameterizedTest(name = "{0} x{1}, outage on {2} -> UNREACHABLE {3}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# last outcome | failures in a row | platforms in outage | UNREACHABLE
			ERROR        | 1  | -        | NONE
			ERROR        | 3  | -        | NONE
			ERROR        | 4  | -        | OPEN
			ERROR        | 12 | -        | OPEN
			RATE_LIMITED | 3  | -        | NONE
			RATE_LIMITED | 4  | -        | OPEN
			ERROR        | 4  | BLUESKY  | OPEN
			ERROR        | 4  | MASTODON | HELD
			RATE_LIMITED | 9  | MASTODON | HELD
			ERROR        | 3  | MASTODON | NONE
			""")
	void failedChecksHoldWhatChecksFindAndOpenUnreachableAfterFourInARow(CheckOutcome outcome, int failures,
			Platform outage, Unreachable expected) {
		// Silent for 400 days, only broadcasting, breaking a guideline: none of it may open or resolve now.
		var facts = badEverywhere()
			.check(check(outcome).failures(failures).silentFor(Duration.ofDays(400)).replies(0.0, 40))
			.facts();
		var context = new Context(Map.of(), Map.of(), (outage != null) ? Set.of(outage) : Set.of());

		var evaluation = RULES.evaluate(facts, context, NOW);

		assertThat(evaluation.reasons()).isEmpty();
		switch (expected) {
			case NONE -> {
				assertThat(evaluation.conditions()).isEmpty();
				assertThat(evaluation.held()).containsExactlyInAnyOrderElementsOf(FROM_CHECKS);
			}
			case HELD -> {
				assertThat(evaluation.conditions()).isEmpty();
				assertThat(evaluation.held()).containsAll(FROM_CHECKS)
					.contains(FindingType.UNREACHABLE)
					.hasSize(FROM_CHECKS.size() + 1);
			}
			case OPEN -> {
				assertThat(evaluation.held()).containsExactlyInAnyOrderElementsOf(FROM_CHECKS);
				assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
					assertThat(condition.type()).isEqualTo(FindingType.UNREACHABLE);
					assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(
							"Could not be checked %d times in a row since 2026-05-30 (last: connect timed out)"
								.formatted(failures));
					assertThat(condition.evidence()).containsEntry("failuresInARow", failures)
						.containsEntry("lastOutcome", outcome.name())
						.containsEntry("failingSince", Instant.parse("2026-05-30T10:00:00Z"))
						.containsEntry("lastError", "connect timed out")
						.containsEntry("lastSuccessAt", Instant.parse("2026-05-30T04:00:00Z"));
					assertThat(condition.fingerprint()).isEmpty();
				});
			}
		}
	}

	enum Unreachable {

		NONE, HELD, OPEN

	}

	@ParameterizedTest(name = "{0}, error {1}, HTTP {2}, failing since {3}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			ERROR        | connect timed out | 503 | 2026-05-30T10:00:00Z | Could not be checked 4 times in a row since 2026-05-30 (last: connect timed out)
			ERROR        | -                 | 503 | 2026-05-30T10:00:00Z | Could not be checked 4 times in a row since 2026-05-30 (last: HTTP 503)
			RATE_LIMITED | -                 | -   | 2026-05-31T23:59:59Z | Could not be checked 4 times in a row since 2026-05-31 (last: rate limited)
			ERROR        | -                 | -   | -                    | Could not be checked 4 times in a row (last: error)
			""")
	void unreachableSaysWhatFailedLastAndSinceWhen(CheckOutcome outcome, String error, Integer httpStatus,
			Instant failingSince, String summary) {
		var facts = account().check(check(outcome).failures(4).error(error).http(httpStatus).failingSince(failingSince))
			.facts();

		var evaluation = evaluate(facts);

		assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
			assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(summary);
			assertThat(condition.evidence()).containsEntry("lastHttpStatus", httpStatus)
				.containsEntry("lastError", error);
		});
	}

	@Test
	void unreachableAbbreviatesALongError() {
		var facts = account().check(check(CheckOutcome.ERROR).failures(5).error("x".repeat(300))).facts();

		var evaluation = evaluate(facts);

		assertThat(evaluation.conditions()).singleElement()
			.extracting(c -> org.vigia.platform.English.text(c.summary()))
			.isEqualTo("Could not be checked 5 times in a row since 2026-05-30 (last: " + "x".repeat(199) + "…)");
	}

	// Gone

	@ParameterizedTest(name = "{0} {1} x{2} (HTTP {3}) -> {4}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# platform | outcome | checks in a row | HTTP status | GONE opens | summary
			MASTODON | NOT_FOUND   | 1 | 404 | true  | Mastodon says the account does not exist (HTTP 404); reclaim the handle or retire it from the registry
			MASTODON | SUSPENDED   | 1 | 410 | true  | Mastodon suspended the account (HTTP 410); reclaim the handle or retire it from the registry
			MASTODON | DEACTIVATED | 1 | -   | true  | The account was deactivated on Mastodon; reclaim the handle or retire it from the registry
			BLUESKY  | NOT_FOUND   | 1 | 400 | true  | Bluesky says the account does not exist (HTTP 400); reclaim the handle or retire it from the registry
			BLUESKY  | SUSPENDED   | 1 | -   | true  | Bluesky suspended the account; reclaim the handle or retire it from the registry
			BLUESKY  | DEACTIVATED | 2 | -   | true  | The account was deactivated on Bluesky; reclaim the handle or retire it from the registry
			TELEGRAM | NOT_FOUND   | 1 | 302 | true  | Telegram says the account does not exist (HTTP 302); reclaim the handle or retire it from the registry
			YOUTUBE  | NOT_FOUND   | 1 | 404 | false | -
			YOUTUBE  | SUSPENDED   | 1 | 404 | false | -
			YOUTUBE  | NOT_FOUND   | 2 | 404 | true  | YouTube says the account does not exist (HTTP 404), in 2 checks in a row; reclaim the handle or retire it from the registry
			YOUTUBE  | NOT_FOUND   | 3 | 404 | true  | YouTube says the account does not exist (HTTP 404), in 3 checks in a row; reclaim the handle or retire it from the registry
			YOUTUBE  | SUSPENDED   | 2 | -   | true  | YouTube suspended the account, in 2 checks in a row; reclaim the handle or retire it from the registry
			""")
	void goneOpensAtOnceOrAfterConfirmationsAndSupersedesWhatChecksFound(Platform platform, CheckOutcome outcome,
			int streak, Integer httpStatus, boolean opens, String summary) {
		// Silent for 400 days and only broadcasting: GONE, when it opens, supersedes all of that.
		var facts = badEverywhere().platform(platform)
			.check(check(outcome).streak(streak).http(httpStatus).silentFor(Duration.ofDays(400)).replies(0.0, 40))
			.facts();

		var evaluation = evaluate(facts);

		if (!opens) {
			assertThat(evaluation.conditions()).isEmpty();
			assertThat(evaluation.held()).containsExactlyInAnyOrderElementsOf(FROM_CHECKS);
			assertThat(evaluation.reasons()).isEmpty();
			return;
		}
		assertThat(evaluation.held()).isEmpty();
		assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
			assertThat(condition.type()).isEqualTo(FindingType.GONE);
			assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(summary);
			assertThat(condition.fingerprint()).isEqualTo(outcome.name());
			assertThat(condition.evidence()).containsEntry("outcome", outcome.name())
				.containsEntry("httpStatus", httpStatus)
				.containsEntry("checksInARow", streak)
				.containsEntry("lastActivityAt", NOW.minus(Duration.ofDays(400)));
		});
		assertThat(evaluation.reasons()).containsOnlyKeys(FindingType.DORMANT, FindingType.ABANDONED, FindingType.MOVED,
				FindingType.GUIDELINE, FindingType.ONE_WAY)
			.allSatisfy((type, reason) -> assertThat(English.text(reason)).isEqualTo("superseded by Gone"));
	}

	// Moved

	@ParameterizedTest(name = "moved to {0}, silent {1} days")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			cultura@social.madrid.es | 1   | The account moved to cultura@social.madrid.es; the registry still lists cultura@mastodon.social
			cultura@social.madrid.es | 45  | The account moved to cultura@social.madrid.es; the registry still lists cultura@mastodon.social
			cultura@social.madrid.es | 400 | The account moved to cultura@social.madrid.es; the registry still lists cultura@mastodon.social
			-                        | 400 | The account moved to an unnamed account; the registry still lists cultura@mastodon.social
			""")
	void movedNamesTheNewHandleAndSupersedesSilence(String movedTo, int silentDays, String summary) {
		var facts = account().check(check(CheckOutcome.MOVED).movedTo(movedTo).silentFor(Duration.ofDays(silentDays)))
			.facts();

		var evaluation = evaluate(facts);

		assertThat(evaluation.held()).isEmpty();
		assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
			assertThat(condition.type()).isEqualTo(FindingType.MOVED);
			assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(summary);
			assertThat(condition.evidence()).containsEntry("newHandle", movedTo)
				.containsEntry("registeredHandle", "cultura@mastodon.social");
			assertThat(condition.fingerprint()).isEqualTo(String.valueOf(movedTo));
		});
		assertThat(evaluation.reasons()).containsOnlyKeys(FindingType.DORMANT, FindingType.ABANDONED,
				FindingType.GUIDELINE, FindingType.ONE_WAY)
			.allSatisfy((type, reason) -> assertThat(English.text(reason)).isEqualTo("superseded by Moved"));
	}

	// Owners

	@ParameterizedTest(name = "unit {0}, unit contacts [{2}], account contact {3} -> {4}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# unit | unit name | unit contacts | account contact | reason | summary
			-  | -       | -                                   | -                | NO_UNIT    | No unit is responsible for this account; assign one in the registry
			-  | -       | -                                   | prensa@madrid.es | NO_UNIT    | No unit is responsible for this account; assign one in the registry
			7  | Cultura | -                                   | -                | NO_CONTACT | Neither the account nor its unit Cultura has a contact address
			7  | Cultura | -                                   | '  '             | NO_CONTACT | Neither the account nor its unit Cultura has a contact address
			7  | Cultura | cultura@madrid.es                   | -                | -          | -
			7  | Cultura | -                                   | prensa@madrid.es | -          | -
			7  | Cultura | cultura@madrid.es,museos@madrid.es  | prensa@madrid.es | -          | -
			""")
	void unownedWithoutAUnitOrWithoutAnyContact(Long unitId, String unitName, String unitContacts,
			String contactEmail, String reason, String summary) {
		var contacts = (unitContacts != null) ? List.of(unitContacts.split(",")) : List.<String>of();
		var facts = account().unit(unitId, unitName, contacts)
			.contactEmail(contactEmail)
			.facts();

		var evaluation = evaluate(facts);

		if (reason == null) {
			assertThat(evaluation.conditions()).isEmpty();
			return;
		}
		assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
			assertThat(condition.type()).isEqualTo(FindingType.UNOWNED);
			assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(summary);
			assertThat(condition.fingerprint()).isEqualTo(reason);
			assertThat(condition.evidence()).containsEntry("reason", reason);
			if (unitId == null) {
				assertThat(condition.evidence()).containsEntry("contactEmail", contactEmail);
			}
			else {
				assertThat(condition.evidence()).containsEntry("unitId", unitId).containsEntry("unit", unitName);
			}
		});
	}

	static Stream<Arguments> archivedAccounts() {
		return Stream.of(Arguments.of("silent for 400 days", ok().silentFor(Duration.ofDays(400)).replies(0.0, 40)),
				Arguments.of("not found", check(CheckOutcome.NOT_FOUND).http(404)),
				Arguments.of("moved", check(CheckOutcome.MOVED).movedTo("cultura@social.madrid.es")),
				Arguments.of("failing for weeks", check(CheckOutcome.ERROR).failures(40)),
				Arguments.of("never checked", null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("archivedAccounts")
	void anArchivedAccountHasNoFindingAndEveryTypeSaysWhy(String description, Check check) {
		// No unit, a duplicate, and whatever the check says: none of it matters once archived.
		var facts = badEverywhere().unit(null, null, List.of()).active(false).check(check).facts();
		var context = new Context(Map.of(42L, List.of(new Context.Peer(1, "cultura"), new Context.Peer(42, "dup"))),
				Map.of(), Set.of(Platform.MASTODON));

		var evaluation = RULES.evaluate(facts, context, NOW);

		assertThat(evaluation.conditions()).isEmpty();
		assertThat(evaluation.held()).isEmpty();
		assertThat(evaluation.reasons()).containsOnlyKeys(FindingType.values())
			.allSatisfy((type, reason) -> assertThat(English.text(reason)).isEqualTo("the account was archived"));
	}

	// Duplicates

	/**
	 * Accounts 11, 12 and 13 are one Mastodon account registered three times; 41 is alone in its group. Unit Cultura (7)
	 * runs 12 and 21 on Mastodon. Groups are oldest first.
	 */
	private static final Context.UnitGroup CULTURA_ON_MASTODON = new Context.UnitGroup(7, 3, "Cultura",
			Platform.MASTODON, 2, List.of(new Context.Peer(12, "madridcultura@mastodon.social"),
					new Context.Peer(21, "museos@mastodon.social")),
			"0f3c1a", false);

	private static final Context DUPLICATES = duplicates();

	private static Context duplicates() {
		var sameAccount = List.of(new Context.Peer(11, "cultura@mastodon.social"),
				new Context.Peer(12, "madridcultura@mastodon.social"),
				new Context.Peer(13, "cultura@social.madrid.es"));
		return new Context(Map.of(11L, sameAccount, 12L, sameAccount, 13L, sameAccount, 41L,
				List.of(new Context.Peer(41, "solo@mastodon.social"))),
				Map.of(new Context.UnitNetwork(7, Platform.MASTODON), CULTURA_ON_MASTODON), Set.of());
	}

	@ParameterizedTest(name = "account {0} -> {1}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# account | summary | fingerprint | same account
			11 | -                                                                                                                  | -             | -
			12 | The same Mastodon account is also registered as cultura@mastodon.social (#11), cultura@social.madrid.es (#13)      | account:11,13 | 11,13
			13 | The same Mastodon account is also registered as cultura@mastodon.social (#11), madridcultura@mastodon.social (#12) | account:11,12 | 11,12
			21 | -                                                                                                                  | -             | -
			41 | -                                                                                                                  | -             | -
			99 | -                                                                                                                  | -             | -
			""")
	void theOldestRegistrationIsTheOriginalAndTheLaterOnesAreDuplicates(long accountId, String summary,
			String fingerprint, String sameAccount) {
		var facts = account().id(accountId).facts();

		var evaluation = RULES.evaluate(facts, DUPLICATES, NOW);

		if (summary == null) {
			assertThat(evaluation.conditions()).isEmpty();
			return;
		}
		assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
			assertThat(condition.type()).isEqualTo(FindingType.DUPLICATE);
			assertThat(condition.subjectKey()).isEqualTo("account:" + accountId);
			assertThat(condition.unitId()).isNull();
			assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(summary);
			assertThat(condition.fingerprint()).isEqualTo(fingerprint);
			assertThat(peerIds(condition.evidence().get("sameAccount"))).isEqualTo(ids(sameAccount));
			assertThat(condition.evidence()).containsEntry("platformId", "109").doesNotContainKey("sameUnit");
		});
	}

	@Test
	void duplicatePeersCarryTheirHandles() {
		var evaluation = RULES.evaluate(account().id(13).facts(), DUPLICATES, NOW);

		assertThat(evaluation.conditions()).singleElement()
			.extracting((condition) -> condition.evidence().get("sameAccount"))
			.isEqualTo(List.of(Map.of("accountId", 11L, "handle", "cultura@mastodon.social"),
					Map.of("accountId", 12L, "handle", "madridcultura@mastodon.social")));
	}

	@Test
	void oneUnitRunningTwoAccountsOnOneNetworkIsOneFindingAboutTheUnitAndTheNetwork() {
		var condition = RULES.sameUnit(CULTURA_ON_MASTODON).orElseThrow();

		assertThat(condition.type()).isEqualTo(FindingType.DUPLICATE);
		assertThat(condition.subjectKey()).isEqualTo("unit:7:mastodon");
		assertThat(condition.accountId()).isNull();
		assertThat(condition.unitId()).isEqualTo(7L);
		assertThat(condition.organizationId()).isEqualTo(3L);
		assertThat(condition.platform()).isEqualTo(Platform.MASTODON);
		assertThat(org.vigia.platform.English.text(condition.subject())).isEqualTo("Unit Cultura on Mastodon");
		assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(
				"Unit Cultura runs 2 accounts on Mastodon: madridcultura@mastodon.social (#12), museos@mastodon.social (#21)");
		assertThat(condition.evidence()).containsExactly(Map.entry("unitId", 7L), Map.entry("unit", "Cultura"),
				Map.entry("platform", "mastodon"), Map.entry("accounts", 2),
				Map.entry("firstAccounts", List.of(Map.of("accountId", 12L, "handle", "madridcultura@mastodon.social"),
						Map.of("accountId", 21L, "handle", "museos@mastodon.social"))));
		assertThat(condition.fingerprint()).isEqualTo("accounts:2:0f3c1a");
	}

	@Test
	void aBigUnitsFindingNamesFiveAccountsListsTwentyAndCountsThemAll() {
		var first = new ArrayList<Context.Peer>();
		for (long id = 1; id <= Context.UnitGroup.SHOWN; id++) {
			first.add(new Context.Peer(id, "municipio" + id + ".diputacion.example"));
		}
		var group = new Context.UnitGroup(9, 3, "Gabinete de Prensa", Platform.BLUESKY, 20_000, first, "9e107d", false);

		var condition = RULES.sameUnit(group).orElseThrow();

		assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo("Unit Gabinete de Prensa runs 20,000 accounts on Bluesky: "
				+ "municipio1.diputacion.example (#1), municipio2.diputacion.example (#2), "
				+ "municipio3.diputacion.example (#3), municipio4.diputacion.example (#4), "
				+ "municipio5.diputacion.example (#5) and 19,995 more");
		assertThat(condition.evidence()).containsEntry("accounts", 20_000);
		assertThat(peerIds(condition.evidence().get("firstAccounts"))).hasSize(20).startsWith(1L, 2L).endsWith(20L);
		assertThat(condition.fingerprint()).isEqualTo("accounts:20000:9e107d");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			the same accounts, the unit renamed        | Prensa  | 2 | 0f3c1a | true
			an account replaced by another             | Cultura | 2 | 77aa01 | false
			an account more                            | Cultura | 3 | 77aa01 | false
			""")
	void whichAccountsTheUnitRunsIsMaterialAndItsNameIsNot(String change, String name, int accounts, String digest,
			boolean sameFingerprint) {
		var changed = new Context.UnitGroup(7, 3, name, Platform.MASTODON, accounts, CULTURA_ON_MASTODON.first(), digest,
				false);

		var before = RULES.sameUnit(CULTURA_ON_MASTODON).orElseThrow().fingerprint();
		var after = RULES.sameUnit(changed).orElseThrow().fingerprint();

		assertThat(after.equals(before)).as(change).isEqualTo(sameFingerprint);
	}

	@Test
	void aUnitThatRunsManyAccountsByDesignHasNoSuchFindingAndSaysWhy() {
		var pressOffice = new Context.UnitGroup(7, 3, "Cultura", Platform.MASTODON, 2, CULTURA_ON_MASTODON.first(),
				"0f3c1a", true);

		assertThat(RULES.sameUnit(pressOffice)).isEmpty();
		assertThat(English.text(RULES.sameUnitCleared(pressOffice))).isEqualTo("unit Cultura runs many accounts by design");
		assertThat(RULES.sameUnitCleared(CULTURA_ON_MASTODON)).isNull();
	}

	@Test
	void anAccountsOwnDuplicateResolvesAsReportedForItsUnitWhenOnlyItsUnitRunsOthers() {
		var evaluation = RULES.evaluate(account().id(21).facts(), DUPLICATES, NOW);

		assertThat(evaluation.conditions()).isEmpty();
		assertThat(English.text(evaluation.reasons().get(FindingType.DUPLICATE))).isEqualTo("reported once for unit Cultura on Mastodon");
		assertThat(RULES.evaluate(account().id(41).unit(8L, "Turismo", List.of("turismo@madrid.es")).facts(), DUPLICATES,
				NOW).reasons()).doesNotContainKey(FindingType.DUPLICATE);
	}

	// Guidelines

	@ParameterizedTest(name = "avatar ''{0}'' -> broken: {1}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			-                                                                      | true
			''                                                                     | true
			'   '                                                                  | true
			https://mastodon.social/avatars/original/missing.png                   | true
			https://social.madrid.es/avatars/original/missing.png                  | true
			https://files.mastodon.social/accounts/avatars/109/original/1a2b3c.png | false
			https://cdn.bsky.app/img/avatar/plain/did:plc:abc/bafkrei@jpeg         | false
			""")
	void anAvatarIsMissingWhenAbsentBlankOrMastodonsPlaceholder(String avatarUrl, boolean broken) {
		var facts = account().guideline(new Guideline(false, false, true, null, false))
			.profile(profile().avatarUrl(avatarUrl))
			.facts();

		var guideline = condition(evaluate(facts), FindingType.GUIDELINE);

		if (!broken) {
			assertThat(guideline).isNull();
			return;
		}
		assertThat(guideline).isNotNull();
		assertThat(org.vigia.platform.English.text(guideline.summary())).isEqualTo("Breaks a guideline: no avatar");
		assertThat(guideline.fingerprint()).isEqualTo("AVATAR");
		assertThat(guideline.evidence()).containsEntry("broken", List.of("AVATAR"))
			.containsEntry("details", List.of(org.vigia.platform.Message.of("guideline.AVATAR").encode()))
			.containsEntry("avatarUrl", avatarUrl)
			.containsEntry("organizationGuidelines", false);
	}

	@ParameterizedTest(name = "{0} without an avatar -> broken: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			MASTODON | true
			BLUESKY  | true
			TELEGRAM | true
			FEED     | false
			YOUTUBE  | false
			""")
	void anAvatarIsRequiredOnlyWhereProfilesHaveOne(Platform platform, boolean broken) {
		var facts = account().platform(platform)
			.guideline(new Guideline(false, false, true, null, false))
			.profile(profile().avatarUrl(null))
			.facts();

		assertThat(condition(evaluate(facts), FindingType.GUIDELINE) != null).isEqualTo(broken);
	}

	@ParameterizedTest(name = "display name ''{0}'' -> broken: {1}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			Ayuntamiento de Málaga                  | false
			AYUNTAMIENTO DE MALAGA                  | false
			ayuntamiento de malaga                  | false
			Ayuntamiento de Ma\u0301laga            | false
			Cultura · Ayuntamiento de Málaga        | false
			Ayto. de Malaga                         | false
			AYTO. DE MÁLAGA - Deportes              | false
			Cultura Málaga                          | true
			Ayuntamiento Málaga                     | true
			Ayuntamiento de Marbella                | true
			''                                      | true
			-                                       | true
			""")
	void theDisplayNameMustNameTheOrganizationOrAnAliasWhateverTheAccentsAndCase(String displayName, boolean broken) {
		var facts = account().organization("Ayuntamiento de Málaga", List.of("", "Ayto. de Málaga"))
			.guideline(new Guideline(true, false, false, null, true))
			.profile(profile().displayName(displayName))
			.facts();

		var guideline = condition(evaluate(facts), FindingType.GUIDELINE);

		if (!broken) {
			assertThat(guideline).isNull();
			return;
		}
		assertThat(guideline).isNotNull();
		assertThat(guideline.fingerprint()).isEqualTo("DISPLAY_NAME");
		if (displayName == null || displayName.isBlank()) {
			assertThat(org.vigia.platform.English.text(guideline.summary())).isEqualTo(
					"Breaks a guideline: the profile has no display name, so it cannot contain Ayuntamiento de Málaga");
		}
		else {
			assertThat(org.vigia.platform.English.text(guideline.summary()))
				.isEqualTo("Breaks a guideline: the display name \"" + displayName
						+ "\" does not contain Ayuntamiento de Málaga or an alias");
		}
		assertThat(guideline.evidence()).containsEntry("displayName", displayName)
			.containsEntry("organizationGuidelines", true);
	}

	@Test
	void aDisplayNameWithLineBreaksAndBidiOverridesIsQuotedOnOneVisibleLine() {
		var facts = account().organization("Ayuntamiento de Málaga", List.of())
			.guideline(new Guideline(true, false, false, null, true))
			.profile(profile().displayName("Cultura\r\nBcc: everyone@example.org\u2028factura\u202Efdp.exe"))
			.facts();

		var guideline = condition(evaluate(facts), FindingType.GUIDELINE);

		assertThat(org.vigia.platform.English.text(guideline.summary())).isEqualTo("Breaks a guideline: the display name \"Cultura Bcc: "
				+ "everyone@example.org factura<U+202E>fdp.exe\" does not contain Ayuntamiento de Málaga or an alias");
		// The evidence keeps what the platform said, for the dashboard to show escaped.
		assertThat(guideline.evidence()).containsEntry("displayName",
				"Cultura\r\nBcc: everyone@example.org\u2028factura\u202Efdp.exe");
	}

	@Test
	void aMoveToAHandleWithALineBreakIsSummedUpOnOneLine() {
		var facts = account().check(check(CheckOutcome.MOVED).movedTo("cultura@social.madrid.es\nBcc: x@example.org"))
			.facts();

		var moved = condition(evaluate(facts), FindingType.MOVED);

		assertThat(org.vigia.platform.English.text(moved.summary())).isEqualTo("The account moved to cultura@social.madrid.es Bcc: x@example.org; "
				+ "the registry still lists cultura@mastodon.social");
	}

	@ParameterizedTest(name = "bio ''{0}'', links [{1}] -> broken: {2}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# bio | link fields, comma-separated | broken
			Web oficial: https://www.madrid.es            | -                                           | false
			Toda la cultura en madrid.es.                 | -                                           | false
			Toda la cultura en MADRID.ES                  | -                                           | false
			-                                             | https://sede.madrid.es/portal/site/tramites | false
			-                                             | HTTPS://MADRID.ES/cultura                   | false
			-                                             | https://twitter.com/madrid,www.madrid.es    | false
			Síguenos                                      | https://www.esmadrid.com                    | false
			Visita evil-madrid.es                         | -                                           | true
			-                                             | https://evil-madrid.es                      | true
			-                                             | https://evilmadrid.es                       | true
			-                                             | https://madrid.es.example.com               | true
			-                                             | https://madrid.es-oficial.com               | true
			-                                             | https://www.madrid.esp/                     | true
			Cultura en Madrid, España                     | https://twitter.com/madrid                  | true
			-                                             | -                                           | true
			""")
	void theProfileMustLinkToAnOfficialDomainOrASubdomain(String bio, String links, boolean broken) {
		var facts = account().officialDomains(List.of("madrid.es", "esmadrid.com"))
			.guideline(new Guideline(false, true, false, null, true))
			.profile(profile().bio(bio).links((links != null) ? List.of(links.split(",")) : List.of()))
			.facts();

		var guideline = condition(evaluate(facts), FindingType.GUIDELINE);

		if (!broken) {
			assertThat(guideline).isNull();
			return;
		}
		assertThat(guideline).isNotNull();
		assertThat(org.vigia.platform.English.text(guideline.summary()))
			.isEqualTo("Breaks a guideline: the profile does not link to madrid.es, esmadrid.com");
		assertThat(guideline.fingerprint()).isEqualTo("OFFICIAL_LINK");
	}

	@Test
	void theOfficialLinkRuleNeedsOfficialDomainsToJudge() {
		var facts = account().officialDomains(List.of())
			.guideline(new Guideline(false, true, false, null, true))
			.profile(profile().bio("Sin web").links(List.of()))
			.facts();

		assertThat(evaluate(facts).conditions()).isEmpty();
	}

	@ParameterizedTest(name = "pattern ''{0}'', handle {1} -> broken: {2}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			^ayto          | aytomadrid@mastodon.social      | false
			^ayto          | cultura@mastodon.social         | true
			madrid         | cultura_madrid@mastodon.social  | false
			madrid         | cultura@mastodon.social         | true
			@social\\.madrid\\.es$ | cultura@social.madrid.es | false
			@social\\.madrid\\.es$ | cultura@mastodon.social  | true
			""")
	void theHandleMustMatchThePattern(String pattern, String handle, boolean broken) {
		var facts = account().handle(handle).guideline(new Guideline(false, false, false, pattern, true)).facts();

		var guideline = condition(evaluate(facts), FindingType.GUIDELINE);

		if (!broken) {
			assertThat(guideline).isNull();
			return;
		}
		assertThat(guideline).isNotNull();
		assertThat(org.vigia.platform.English.text(guideline.summary())).isEqualTo("Breaks a guideline: the handle does not match " + pattern);
		assertThat(guideline.fingerprint()).isEqualTo("HANDLE_PATTERN");
	}

	@ParameterizedTest(name = "handle ok {0}, avatar ok {1}, name ok {2}, link ok {3} -> {4}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# handle ok | avatar ok | display name ok | link ok | fingerprint | broken, in the order they are judged
			true  | true  | true  | true  | -                                            | -
			false | true  | true  | true  | HANDLE_PATTERN                               | HANDLE_PATTERN
			false | false | true  | true  | AVATAR,HANDLE_PATTERN                        | HANDLE_PATTERN,AVATAR
			true  | true  | false | false | DISPLAY_NAME,OFFICIAL_LINK                   | DISPLAY_NAME,OFFICIAL_LINK
			false | true  | true  | false | HANDLE_PATTERN,OFFICIAL_LINK                 | HANDLE_PATTERN,OFFICIAL_LINK
			false | false | false | false | AVATAR,DISPLAY_NAME,HANDLE_PATTERN,OFFICIAL_LINK | HANDLE_PATTERN,AVATAR,DISPLAY_NAME,OFFICIAL_LINK
			""")
	void theGuidelineFingerprintIsTheSortedBrokenRules(boolean handleOk, boolean avatarOk, boolean nameOk,
			boolean linkOk, String fingerprint, String broken) {
		var facts = account().handle(handleOk ? "ayto_cultura@mastodon.social" : "cultura@mastodon.social")
			.guideline(new Guideline(true, true, true, "^ayto", true))
			.profile(profile().avatarUrl(avatarOk ? "https://files.mastodon.social/a.png" : null)
				.displayName(nameOk ? "Cultura - Ayuntamiento de Madrid" : "Cultura")
				.bio(linkOk ? "https://www.madrid.es/cultura" : "Agenda cultural"))
			.facts();

		var guideline = condition(evaluate(facts), FindingType.GUIDELINE);

		if (fingerprint == null) {
			assertThat(guideline).isNull();
			return;
		}
		assertThat(guideline).isNotNull();
		assertThat(guideline.fingerprint()).isEqualTo(fingerprint);
		assertThat(guideline.evidence()).containsEntry("broken", List.of(broken.split(",")));
		int count = broken.split(",").length;
		assertThat(org.vigia.platform.English.text(guideline.summary()))
			.startsWith((count == 1) ? "Breaks a guideline: " : "Breaks %d guidelines: ".formatted(count));
	}

	@Test
	void everyBrokenGuidelineIsSpelledOutInTheSummary() {
		var facts = account().guideline(new Guideline(true, true, true, "^ayto", true))
			.profile(profile().avatarUrl(null).displayName("Cultura").bio(null).links(List.of()))
			.facts();

		var guideline = condition(evaluate(facts), FindingType.GUIDELINE);

		assertThat(guideline).isNotNull();
		assertThat(org.vigia.platform.English.text(guideline.summary())).isEqualTo("Breaks 4 guidelines: the handle does not match ^ayto; no avatar; "
				+ "the display name \"Cultura\" does not contain Ayuntamiento de Madrid or an alias; "
				+ "the profile does not link to madrid.es");
		assertThat(((List<?>) guideline.evidence().get("details")).stream()
			.map(detail -> org.vigia.platform.English.text((String) detail)).toList()).isEqualTo(
				List.of("the handle does not match ^ayto", "no avatar",
						"the display name \"Cultura\" does not contain Ayuntamiento de Madrid or an alias",
						"the profile does not link to madrid.es"));
	}

	@Test
	void withoutAProfileOnlyTheHandleIsJudged() {
		var facts = account().guideline(new Guideline(true, true, true, "^ayto", true)).profile(null).facts();

		var guideline = condition(evaluate(facts), FindingType.GUIDELINE);

		assertThat(guideline).isNotNull();
		assertThat(guideline.fingerprint()).isEqualTo("HANDLE_PATTERN");
		assertThat(guideline.evidence()).doesNotContainKeys("displayName", "avatarUrl");
	}

	// One way

	@ParameterizedTest(name = "reply share {0} over {1} posts -> {2}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			# reply share | recent posts | summary, or none
			0.0                 | 20  | 0 of the last 20 posts are replies (0%); the minimum is 5%
			0.0                 | 100 | 0 of the last 100 posts are replies (0%); the minimum is 5%
			0.04                | 25  | 1 of the last 25 posts is a reply (4%); the minimum is 5%
			0.04                | 50  | 2 of the last 50 posts are replies (4%); the minimum is 5%
			0.025               | 40  | 1 of the last 40 posts is a reply (2.5%); the minimum is 5%
			0.03333333333333333 | 30  | 1 of the last 30 posts is a reply (3.3%); the minimum is 5%
			0.05                | 20  | -
			0.05                | 40  | -
			0.1                 | 40  | -
			1.0                 | 20  | -
			0.0                 | 19  | -
			0.0                 | 1   | -
			-                   | 40  | -
			0.0                 | -   | -
			""")
	void oneWayWhenFewerThanFivePercentOfTwentyOrMorePostsAreReplies(Double replyShare, Integer posts, String summary) {
		var facts = account().check(ok().replies(replyShare, posts)).facts();

		var evaluation = evaluate(facts);

		if (summary == null) {
			assertThat(evaluation.conditions()).isEmpty();
			return;
		}
		assertThat(evaluation.conditions()).singleElement().satisfies((condition) -> {
			assertThat(condition.type()).isEqualTo(FindingType.ONE_WAY);
			assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(summary);
			assertThat(condition.evidence()).containsEntry("replies", Math.round(replyShare * posts))
				.containsEntry("posts", posts)
				.containsEntry("replyShare", replyShare)
				.containsEntry("minimumShare", 0.05);
			assertThat(condition.fingerprint()).isEmpty();
		});
	}

	// Platform outages

	@ParameterizedTest(name = "{0} of {1} unreachable -> outage: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			# unreachable | checked | outage (at least 3 checked, at least 80% unreachable)
			8   | 10  | true
			7   | 10  | false
			10  | 10  | true
			9   | 10  | true
			3   | 3   | true
			2   | 3   | false
			4   | 5   | true
			3   | 5   | false
			12  | 15  | true
			11  | 15  | false
			28  | 35  | true
			800 | 1000 | true
			799 | 1000 | false
			2   | 2   | false
			1   | 1   | false
			0   | 3   | false
			0   | 0   | false
			""")
	void anOutageNeedsThreeCheckedAccountsAndEightyPercentUnreachable(int unreachable, int checked, boolean outage) {
		var condition = RULES.outage(Platform.BLUESKY, unreachable, checked);

		assertThat(RULES.outage(unreachable, checked)).isEqualTo(outage);
		if (!outage) {
			assertThat(condition).isNull();
			return;
		}
		assertThat(condition).isNotNull();
		assertThat(condition.type()).isEqualTo(FindingType.UNREACHABLE);
		assertThat(condition.subjectKey()).isEqualTo("platform:bluesky");
		assertThat(condition.accountId()).isNull();
		assertThat(condition.organizationId()).isNull();
		assertThat(condition.platform()).isEqualTo(Platform.BLUESKY);
		assertThat(org.vigia.platform.English.text(condition.subject())).isEqualTo("Bluesky");
		assertThat(org.vigia.platform.English.text(condition.summary())).isEqualTo(String.format(java.util.Locale.ENGLISH, "%,d of %,d Bluesky accounts could not be checked 4 times in a row: ",
				unreachable, checked) + "the platform, or Vigía's access to it, is failing");
		assertThat(condition.evidence()).containsEntry("platform", "bluesky")
			.containsEntry("unreachableAccounts", unreachable)
			.containsEntry("checkedAccounts", checked)
			.containsEntry("unreachableAfter", 4);
	}

	// Rules and lifecycle together, as the evaluator runs them

	@Test
	void aMovingClockOpensDormantThenAbandonedWhichSupersedesItUntilTheNextPost() {
		var store = new Store();
		var log = new ArrayList<String>();
		var lastPost = NOW;
		for (int day = 1; day <= 140; day++) {
			var now = NOW.plus(Duration.ofDays(day));
			if (day == 100) {
				lastPost = now;
			}
			var facts = account().check(ok().lastActivityAt(lastPost)).facts();
			for (var transition : store.apply(RULES.evaluate(facts, Context.EMPTY, now), now)) {
				log.add("day " + day + ": " + transition);
			}
		}

		assertThat(log).containsExactly("day 31: DORMANT OPENED", "day 91: DORMANT RESOLVED (superseded by Abandoned)",
				"day 91: ABANDONED OPENED", "day 100: ABANDONED RESOLVED (the condition cleared)",
				"day 131: DORMANT REOPENED (the condition came back)");
	}

	@Test
	void aSpuriousNotFoundOnYouTubeIsForgottenAfterTheNextGoodCheck() {
		var store = new Store();
		var youtube = account().platform(Platform.YOUTUBE).handle("@culturamadrid");

		var first = store.apply(evaluate(youtube.check(check(CheckOutcome.NOT_FOUND).http(404)).facts()), NOW);
		var afterOk = store.apply(evaluate(youtube.check(ok()).facts()), NOW);

		assertThat(first).isEmpty();
		assertThat(afterOk).isEmpty();
		assertThat(evaluate(youtube.check(ok()).facts()).held()).doesNotContain(FindingType.GONE);
		assertThat(store.status(FindingType.GONE)).isNull();

		var again = store.apply(evaluate(youtube.check(check(CheckOutcome.NOT_FOUND).http(404)).facts()), NOW);
		var confirmed = store
			.apply(evaluate(youtube.check(check(CheckOutcome.NOT_FOUND).http(404).streak(2)).facts()), NOW);
		var back = store.apply(evaluate(youtube.check(ok()).facts()), NOW);

		assertThat(again).isEmpty();
		assertThat(confirmed).containsExactly("GONE OPENED");
		assertThat(back).containsExactly("GONE RESOLVED (the condition cleared)");
	}

	@Test
	void failuresNeitherOpenNorResolveWhatChecksFoundButOpenUnreachable() {
		var store = new Store();
		var lastPost = NOW.minus(Duration.ofDays(100));
		var log = new ArrayList<String>();

		log.addAll(store.apply(evaluate(account().check(ok().lastActivityAt(lastPost)).facts()), NOW));
		for (int failures = 1; failures <= 5; failures++) {
			var facts = account().check(check(CheckOutcome.ERROR).failures(failures).lastActivityAt(lastPost)).facts();
			log.addAll(store.apply(evaluate(facts), NOW));
		}
		log.addAll(store.apply(evaluate(account().check(ok()).facts()), NOW));

		assertThat(log).containsExactly("ABANDONED OPENED", "UNREACHABLE OPENED",
				"ABANDONED RESOLVED (the condition cleared)", "UNREACHABLE RESOLVED (the condition cleared)");
	}

	@Test
	void archivingResolvesEveryStandingFindingSayingWhy() {
		var store = new Store();
		var account = badEverywhere().unit(null, null, List.of())
			.check(ok().silentFor(Duration.ofDays(400)).replies(0.0, 40));
		store.apply(evaluate(account.facts()), NOW);

		var transitions = store.apply(evaluate(account.active(false).facts()), NOW);

		assertThat(transitions).containsExactly("ABANDONED RESOLVED (the account was archived)",
				"UNOWNED RESOLVED (the account was archived)", "GUIDELINE RESOLVED (the account was archived)",
				"ONE_WAY RESOLVED (the account was archived)");
	}

	// Helpers

	@ParameterizedTest(name = "share {0}: {1} of {2} unreachable -> outage: {3}")
	@CsvSource(delimiter = '|', textBlock = """
			0.55 | 55 | 100 | true
			0.55 | 54 | 100 | false
			0.07 | 7  | 100 | true
			0.34 | 34 | 100 | true
			0.68 | 68 | 100 | true
			0.68 | 67 | 100 | false
			""")
	void theOutageShareIsComparedExactly(double share, int unreachable, int checked, boolean outage) {
		var defaults = properties(Map.of());
		var rules = new Rules(new HealthProperties(defaults.dormantAfter(), defaults.abandonedAfter(), Map.of(),
				defaults.unreachableAfter(), share, 3, defaults.confirmGone(), defaults.goneConfirmations(),
				defaults.oneWay(), defaults.duplicates(), defaults.guidelines(), true, defaults.sweepInterval(),
				defaults.sweepChunk()));

		assertThat(rules.outage(unreachable, checked)).isEqualTo(outage);
	}

	static HealthProperties properties(Map<String, HealthProperties.Thresholds> platforms) {
		return new HealthProperties(Duration.ofDays(30), Duration.ofDays(90), platforms, 4, 0.8, 3, Set.of("youtube"),
				2, new HealthProperties.OneWay(0.05, 20), new HealthProperties.Duplicates(true, Set.of("feed")),
				new HealthProperties.GuidelineDefaults(false, false, true, null), true, Duration.ofMinutes(10), 5000);
	}

	private static Evaluation evaluate(AccountFacts facts) {
		return RULES.evaluate(facts, Context.EMPTY, NOW);
	}

	private static List<FindingType> types(Evaluation evaluation) {
		return evaluation.conditions().stream().map(Condition::type).toList();
	}

	private static Condition condition(Evaluation evaluation, FindingType type) {
		return evaluation.conditions()
			.stream()
			.filter((condition) -> condition.type() == type)
			.findFirst()
			.orElse(null);
	}

	@SuppressWarnings("unchecked")
	private static List<Long> peerIds(Object peers) {
		return (peers != null)
				? ((List<Map<String, Object>>) peers).stream().map((peer) -> (Long) peer.get("accountId")).toList()
				: null;
	}

	private static List<Long> ids(String ids) {
		return (ids != null) ? Arrays.stream(ids.split(",")).map(Long::valueOf).toList() : null;
	}

	/**
	 * An account whose profile breaks every guideline but the handle's: no avatar, no organization name, no link. Only
	 * a check that read the profile can tell.
	 */
	private static Account badEverywhere() {
		return account().guideline(new Guideline(true, true, true, null, true))
			.profile(profile().displayName("Cultura")
				.avatarUrl(null)
				.bio(null)
				.createdAt(NOW.minus(Duration.ofDays(800))));
	}

	static Account account() {
		return new Account();
	}

	static Check ok() {
		return new Check(CheckOutcome.OK);
	}

	static Check check(CheckOutcome outcome) {
		return new Check(outcome);
	}

	static Profile profile() {
		return new Profile();
	}

	/** An account's facts, fine in every respect unless told otherwise. */
	static final class Account {

		private long id = 42;

		private String organizationName = "Ayuntamiento de Madrid";

		private List<String> aliases = List.of();

		private List<String> officialDomains = List.of("madrid.es");

		private Long unitId = 7L;

		private String unitName = "Cultura";

		private List<String> unitContacts = List.of("cultura@madrid.es");

		private String contactEmail;

		private Platform platform = Platform.MASTODON;

		private String handle = "cultura@mastodon.social";

		private boolean active = true;

		private Integer maxSilenceDays;

		private Check check = ok();

		private Profile profile = RulesTests.profile();

		private Guideline guideline = NO_GUIDELINES;

		private AccountFacts.Reported reported;

		Account id(long id) {
			this.id = id;
			return this;
		}

		Account organization(String name, List<String> aliases) {
			this.organizationName = name;
			this.aliases = aliases;
			return this;
		}

		Account officialDomains(List<String> domains) {
			this.officialDomains = domains;
			return this;
		}

		Account unit(Long unitId, String unitName, List<String> contacts) {
			this.unitId = unitId;
			this.unitName = unitName;
			this.unitContacts = contacts;
			return this;
		}

		Account contactEmail(String contactEmail) {
			this.contactEmail = contactEmail;
			return this;
		}

		Account platform(Platform platform) {
			this.platform = platform;
			return this;
		}

		Account handle(String handle) {
			this.handle = handle;
			return this;
		}

		Account active(boolean active) {
			this.active = active;
			return this;
		}

		Account maxSilenceDays(Integer days) {
			this.maxSilenceDays = days;
			return this;
		}

		Account check(Check check) {
			this.check = check;
			return this;
		}

		Account profile(Profile profile) {
			this.profile = profile;
			return this;
		}

		Account guideline(Guideline guideline) {
			this.guideline = guideline;
			return this;
		}

		Account reported(Instant lastPostAt) {
			this.reported = new AccountFacts.Reported(lastPostAt, "prensa@villaverde.example", NOW.minus(Duration.ofDays(1)));
			return this;
		}

		AccountFacts facts() {
			return new AccountFacts(id, 3, organizationName, aliases, officialDomains, unitId, unitName, unitContacts,
					contactEmail, platform, handle, active, maxSilenceDays, (check != null) ? check.state() : null,
					(profile != null) ? profile.facts() : null, guideline, reported);
		}

	}

	/** What the last checks said: a successful check an hour ago that saw a post yesterday, unless told otherwise. */
	static final class Check {

		private final CheckOutcome outcome;

		private Instant lastCheckedAt = NOW.minus(Duration.ofHours(1));

		private Instant lastSuccessAt;

		private Instant lastActivityAt = NOW.minus(Duration.ofDays(1));

		private Integer httpStatus;

		private int streak = 1;

		private int failures;

		private Instant failingSince;

		private String lastError;

		private String movedTo;

		private Integer recentPosts;

		private Double replyShare;

		Check(CheckOutcome outcome) {
			this.outcome = outcome;
			this.lastSuccessAt = (outcome != null && outcome.isEvidence()) ? this.lastCheckedAt : null;
		}

		Check lastCheckedAt(Instant at) {
			this.lastCheckedAt = at;
			return this;
		}

		Check lastActivityAt(Instant at) {
			this.lastActivityAt = at;
			return this;
		}

		Check silentFor(Duration silence) {
			return lastActivityAt(NOW.minus(silence));
		}

		Check http(Integer status) {
			this.httpStatus = status;
			return this;
		}

		Check streak(int streak) {
			this.streak = streak;
			return this;
		}

		/** Failed this many times in a row since two days ago, the last success six hours before. */
		Check failures(int failures) {
			this.failures = failures;
			this.streak = failures;
			this.failingSince = Instant.parse("2026-05-30T10:00:00Z");
			this.lastSuccessAt = Instant.parse("2026-05-30T04:00:00Z");
			this.lastError = "connect timed out";
			return this;
		}

		Check failingSince(Instant since) {
			this.failingSince = since;
			return this;
		}

		Check error(String error) {
			this.lastError = error;
			return this;
		}

		Check movedTo(String handle) {
			this.movedTo = handle;
			return this;
		}

		Check replies(Double share, Integer posts) {
			this.replyShare = share;
			this.recentPosts = posts;
			return this;
		}

		AccountFacts.State state() {
			return new AccountFacts.State(lastCheckedAt, lastSuccessAt, lastActivityAt,
					"https://mastodon.social/@cultura/113", outcome, httpStatus, streak, failures, failingSince,
					lastError, movedTo, "109", recentPosts, replyShare);
		}

	}

	/** The latest profile: named after the organization, with an avatar and a link to its site. */
	static final class Profile {

		private String displayName = "Cultura - Ayuntamiento de Madrid";

		private String bio = "Agenda cultural de https://www.madrid.es";

		private String avatarUrl = "https://files.mastodon.social/accounts/avatars/109/original/cultura.png";

		private List<String> links = List.of();

		private Instant createdAt = NOW.minus(Duration.ofDays(800));

		Profile displayName(String displayName) {
			this.displayName = displayName;
			return this;
		}

		Profile bio(String bio) {
			this.bio = bio;
			return this;
		}

		Profile avatarUrl(String avatarUrl) {
			this.avatarUrl = avatarUrl;
			return this;
		}

		Profile links(List<String> links) {
			this.links = links;
			return this;
		}

		Profile createdAt(Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		AccountFacts.ProfileFacts facts() {
			return new AccountFacts.ProfileFacts(displayName, bio, avatarUrl, links, createdAt);
		}

	}

	/**
	 * One account's findings as the database would hold them: applies the lifecycle's decisions as the evaluator does
	 * and answers the transitions, such as {@code DORMANT RESOLVED (superseded by Abandoned)}.
	 */
	private static final class Store {

		private final Map<FindingType, Lifecycle.Stored> findings = new EnumMap<>(FindingType.class);

		private long nextId = 1;

		List<String> apply(Evaluation evaluation, Instant now) {
			var conditions = new EnumMap<FindingType, Condition>(FindingType.class);
			evaluation.conditions().forEach((condition) -> conditions.put(condition.type(), condition));
			var transitions = new ArrayList<String>();
			for (var type : FindingType.values()) {
				var decision = Lifecycle.decide(findings.get(type), conditions.get(type),
						evaluation.held().contains(type), evaluation.reasons().get(type), now);
				if (decision == null) {
					continue;
				}
				var stored = decision.stored();
				var fingerprint = (decision.condition() != null) ? decision.condition().fingerprint()
						: stored.fingerprint();
				findings.put(type, new Lifecycle.Stored((stored != null) ? stored.id() : nextId++, type,
						Condition.accountKey(evaluation.accountId()), decision.to(), fingerprint,
						(stored != null) ? stored.dismissedUntil() : null));
				if (decision.kind() != null) {
					transitions.add(type + " " + decision.kind()
							+ ((decision.reason() != null) ? " (" + English.text(decision.reason()) + ")" : ""));
				}
			}
			return transitions;
		}

		FindingStatus status(FindingType type) {
			var stored = findings.get(type);
			return (stored != null) ? stored.status() : null;
		}

	}

}
