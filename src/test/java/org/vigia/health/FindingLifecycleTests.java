package org.vigia.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.MutableClock;
import org.vigia.platform.English;

/**
 * The finding lifecycle against PostgreSQL: open, update, resolve, reopen, dismiss until a date, dismiss then escalate,
 * two evaluators racing on one account, and the same for a unit's finding about its accounts on one network.
 */
@IntegrationTest
@RecordApplicationEvents
class FindingLifecycleTests {

	static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

	static final MutableClock CLOCK = new MutableClock(T0);

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Evaluator evaluator;

	@Autowired
	HealthSweep sweep;

	@Autowired
	Findings findings;

	@Autowired
	ApplicationEvents events;

	@Autowired
	MockMvc mvc;

	long organization;

	long unit;

	@BeforeEach
	void emptyRegistry() {
		CLOCK.set(T0);
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		unit = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, 'Prensa', '{prensa@villaverde.example}', now(), now()) returning id
				""").param("org", organization).query(Long.class).single();
	}

	long account(String handle) {
		return jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, created_at, updated_at)
				values (:org, :unit, 'MASTODON', :handle, 'https://social.example/@' || :handle, now(), now()) returning id
				""").param("org", organization).param("unit", unit).param("handle", handle).query(Long.class).single();
	}

	/** What polling would have written after a check at the clock's time. */
	void checked(long account, String outcome, Instant lastActivity, int streak, int failures) {
		var now = CLOCK.instant();
		jdbc.sql("""
				insert into account_state (account_id, handle, last_activity_at, last_checked_at, last_success_at,
				                           last_outcome, last_http_status, outcome_streak, consecutive_failures,
				                           next_due_at, updated_at)
				select a.id, a.handle, :activity::timestamptz, :now::timestamptz,
				       case when :failures = 0 then :now::timestamptz end, :outcome, 200, :streak, :failures,
				       :now::timestamptz, :now::timestamptz
				from account a where a.id = :id
				on conflict (account_id) do update set last_activity_at = excluded.last_activity_at,
				    last_checked_at = excluded.last_checked_at,
				    last_success_at = coalesce(excluded.last_success_at, account_state.last_success_at),
				    last_outcome = excluded.last_outcome, outcome_streak = excluded.outcome_streak,
				    consecutive_failures = excluded.consecutive_failures, updated_at = excluded.updated_at
				""")
			.param("id", account)
			.param("activity", lastActivity.toString())
			.param("now", now.toString())
			.param("outcome", outcome)
			.param("streak", streak)
			.param("failures", failures)
			.update();
	}

	List<Finding> standing(long account) {
		return findings.list(new FindingFilter(java.util.Set.of(FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED,
				FindingStatus.DISMISSED), java.util.Set.of(), java.util.Set.of(), null, null, null, account),
				PageRequest.of(0, 50)).getContent();
	}

	Finding only(long account, FindingType type) {
		var matching = findings.list(new FindingFilter(java.util.Set.of(), java.util.Set.of(type), java.util.Set.of(),
				null, null, null, account), PageRequest.of(0, 50)).getContent();
		assertThat(matching).hasSize(1);
		return matching.getFirst();
	}

	List<TransitionKind> kinds(long findingId) {
		return findings.history(findingId).reversed().stream().map(FindingTransition::kind).toList();
	}

	@Test
	void aFindingOpensUpdatesResolvesAndReopensAsOneRowWithItsHistory() {
		long id = account("cultura");
		checked(id, "OK", T0.minus(Duration.ofDays(40)), 1, 0);
		evaluator.evaluate(List.of(id));
		var dormant = only(id, FindingType.DORMANT);
		assertThat(dormant.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(org.vigia.platform.English.text(dormant.summary())).isEqualTo("No public post for 40 days; dormant after 30, abandoned after 90");
		assertThat(dormant.evidence()).containsEntry("silentDays", 40);

		// Time passes: the evidence is refreshed without a transition, until the silence crosses the next threshold.
		CLOCK.advance(Duration.ofDays(10));
		sweep.sweep();
		assertThat(org.vigia.platform.English.text(only(id, FindingType.DORMANT).summary())).startsWith("No public post for 50 days");
		assertThat(kinds(dormant.id())).containsExactly(TransitionKind.OPENED);

		CLOCK.advance(Duration.ofDays(41));
		sweep.sweep();
		var abandoned = only(id, FindingType.ABANDONED);
		assertThat(abandoned.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(org.vigia.platform.English.text(abandoned.summary())).isEqualTo("No public post for 91 days; the limit for accounts is 90");
		assertThat(only(id, FindingType.DORMANT).status()).isEqualTo(FindingStatus.RESOLVED);
		assertThat(English.text(findings.history(dormant.id()).getFirst().reason())).isEqualTo("superseded by Abandoned");

		// A new post: the finding resolves by itself.
		checked(id, "OK", CLOCK.instant().minus(Duration.ofHours(2)), 2, 0);
		evaluator.evaluate(List.of(id));
		assertThat(only(id, FindingType.ABANDONED).status()).isEqualTo(FindingStatus.RESOLVED);
		assertThat(only(id, FindingType.ABANDONED).resolvedAt()).isEqualTo(CLOCK.instant());
		assertThat(standing(id)).isEmpty();

		// Silent again for long: the same finding reopens, with its whole history.
		CLOCK.advance(Duration.ofDays(95));
		sweep.sweep();
		var reopened = only(id, FindingType.ABANDONED);
		assertThat(reopened.id()).isEqualTo(abandoned.id());
		assertThat(reopened.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(reopened.resolvedAt()).isNull();
		assertThat(kinds(abandoned.id())).containsExactly(TransitionKind.OPENED, TransitionKind.RESOLVED,
				TransitionKind.REOPENED);
		assertThat(only(id, FindingType.DORMANT).status()).isEqualTo(FindingStatus.RESOLVED);
	}

	@Test
	void aDismissalHoldsUntilItsDateThenTheFindingReopens() {
		long id = account("deportes");
		checked(id, "OK", T0.minus(Duration.ofDays(120)), 1, 0);
		evaluator.evaluate(List.of(id));
		var abandoned = only(id, FindingType.ABANDONED);
		var dismissed = findings.dismiss(abandoned.id(), "editor", "Seasonal account, back in September",
				T0.plus(Duration.ofDays(7)));
		assertThat(dismissed.status()).isEqualTo(FindingStatus.DISMISSED);
		assertThat(dismissed.dismissedUntil()).isEqualTo(T0.plus(Duration.ofDays(7)));
		assertThat(dismissed.dismissReason()).isEqualTo("Seasonal account, back in September");

		CLOCK.advance(Duration.ofDays(6));
		sweep.sweep();
		assertThat(only(id, FindingType.ABANDONED).status()).isEqualTo(FindingStatus.DISMISSED);
		assertThat(org.vigia.platform.English.text(only(id, FindingType.ABANDONED).summary())).startsWith("No public post for 126 days");

		CLOCK.advance(Duration.ofDays(1));
		sweep.sweep();
		var reopened = only(id, FindingType.ABANDONED);
		assertThat(reopened.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(reopened.dismissedUntil()).isNull();
		assertThat(reopened.dismissReason()).isNull();
		var history = findings.history(abandoned.id());
		assertThat(history).extracting(FindingTransition::kind)
			.containsExactly(TransitionKind.REOPENED, TransitionKind.DISMISSED, TransitionKind.OPENED);
		assertThat(English.text(history.getFirst().reason())).isEqualTo("the dismissal expired");
		assertThat(history.get(1).actor()).isEqualTo("editor");
		assertThat(history.get(1).reason()).isEqualTo("Seasonal account, back in September");
	}

	@Test
	void aDismissedFindingWakesWhenTheEvidenceChangesAndAGraverOneOpensAnyway() {
		long id = account("juventud");
		checked(id, "OK", T0.minus(Duration.ofDays(40)), 1, 0);
		evaluator.evaluate(List.of(id));
		var dormant = only(id, FindingType.DORMANT);
		findings.dismiss(dormant.id(), "editor", "We know", null);

		// Dormant becoming abandoned: a new, open finding; the dismissed one is superseded.
		CLOCK.advance(Duration.ofDays(60));
		sweep.sweep();
		assertThat(only(id, FindingType.ABANDONED).status()).isEqualTo(FindingStatus.OPEN);
		assertThat(only(id, FindingType.DORMANT).status()).isEqualTo(FindingStatus.RESOLVED);

		// Then the account disappears: GONE opens; dismissed, it wakes when NOT_FOUND becomes SUSPENDED.
		checked(id, "NOT_FOUND", T0.minus(Duration.ofDays(40)), 1, 0);
		evaluator.evaluate(List.of(id));
		var gone = only(id, FindingType.GONE);
		assertThat(gone.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(only(id, FindingType.ABANDONED).status()).isEqualTo(FindingStatus.RESOLVED);
		findings.dismiss(gone.id(), "editor", "Reported to the platform", null);
		checked(id, "NOT_FOUND", T0.minus(Duration.ofDays(40)), 2, 0);
		evaluator.evaluate(List.of(id));
		assertThat(only(id, FindingType.GONE).status()).isEqualTo(FindingStatus.DISMISSED);
		checked(id, "SUSPENDED", T0.minus(Duration.ofDays(40)), 1, 0);
		evaluator.evaluate(List.of(id));
		var woken = only(id, FindingType.GONE);
		assertThat(woken.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(woken.evidence()).containsEntry("outcome", "SUSPENDED");
		assertThat(English.text(findings.history(gone.id()).getFirst().reason())).isEqualTo("the evidence changed");
	}

	@Test
	void peopleAcknowledgeDismissAndReopenAndEveryActionIsRecorded() {
		long id = account("turismo");
		checked(id, "OK", T0.minus(Duration.ofDays(100)), 1, 0);
		evaluator.evaluate(List.of(id));
		var finding = only(id, FindingType.ABANDONED);
		assertThat(findings.acknowledge(finding.id(), "editor").status()).isEqualTo(FindingStatus.ACKNOWLEDGED);
		assertThat(findings.acknowledge(finding.id(), "editor").status()).isEqualTo(FindingStatus.ACKNOWLEDGED);
		CLOCK.advance(Duration.ofDays(1));
		sweep.sweep();
		assertThat(only(id, FindingType.ABANDONED).status()).isEqualTo(FindingStatus.ACKNOWLEDGED);
		assertThatThrownBy(() -> findings.dismiss(finding.id(), "editor", " ", null))
			.isInstanceOf(FindingActionException.class)
			.hasMessage("A dismissal needs a reason");
		assertThatThrownBy(() -> findings.dismiss(finding.id(), "editor", "old", T0))
			.isInstanceOf(FindingActionException.class)
			.hasMessageContaining("until must be in the future");
		findings.dismiss(finding.id(), "editor", "Handled by the press office", null);
		assertThat(findings.reopen(finding.id(), "admin").status()).isEqualTo(FindingStatus.OPEN);
		assertThat(findings.history(finding.id())).extracting(FindingTransition::kind, FindingTransition::actor)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(TransitionKind.REOPENED, "admin"),
					org.assertj.core.groups.Tuple.tuple(TransitionKind.DISMISSED, "editor"),
					org.assertj.core.groups.Tuple.tuple(TransitionKind.ACKNOWLEDGED, "editor"),
					org.assertj.core.groups.Tuple.tuple(TransitionKind.OPENED, "vigia"));

		checked(id, "OK", CLOCK.instant(), 2, 0);
		evaluator.evaluate(List.of(id));
		assertThatThrownBy(() -> findings.acknowledge(finding.id(), "editor"))
			.isInstanceOf(FindingActionException.class)
			.satisfies(ex -> assertThat(((FindingActionException) ex).conflict()).isTrue());
		assertThatThrownBy(() -> findings.get(999_999)).isInstanceOf(FindingNotFoundException.class);
	}

	@Test
	void transitionsArePublishedWithTheirFindings() {
		long id = account("empleo");
		checked(id, "OK", T0.minus(Duration.ofDays(100)), 1, 0);
		evaluator.evaluate(List.of(id));
		evaluator.evaluate(List.of(id));
		var published = events.stream(FindingsTransitioned.class).flatMap(e -> e.transitions().stream()).toList();
		assertThat(published).singleElement().satisfies(transition -> {
			assertThat(transition.type()).isEqualTo(FindingType.ABANDONED);
			assertThat(transition.kind()).isEqualTo(TransitionKind.OPENED);
			assertThat(transition.severity()).isEqualTo(Severity.HIGH);
			assertThat(transition.accountId()).isEqualTo(id);
			assertThat(transition.organizationId()).isEqualTo(organization);
			assertThat(org.vigia.platform.English.text(transition.summary())).isEqualTo("No public post for 100 days; the limit for accounts is 90");
		});
	}

	@Test
	void twoEvaluatorsRacingOnOneAccountOpenOneFindingWithOneTransition() throws Exception {
		var ids = new ArrayList<Long>();
		for (int i = 0; i < 20; i++) {
			long id = account("carrera_" + i);
			checked(id, "OK", T0.minus(Duration.ofDays(100)), 1, 0);
			ids.add(id);
		}
		try (var executor = Executors.newFixedThreadPool(2)) {
			for (long id : ids) {
				var barrier = new CyclicBarrier(2);
				var results = new ArrayList<Future<Evaluator.Result>>();
				for (int t = 0; t < 2; t++) {
					results.add(executor.submit(() -> {
						barrier.await();
						return evaluator.evaluate(List.of(id));
					}));
				}
				var transitions = new ArrayList<FindingTransition>();
				for (var result : results) {
					transitions.addAll(result.get().transitions());
				}
				// ABANDONED for each; and the unit's DUPLICATE on Mastodon, once: it opens with the first account
				// evaluated, as the unit runs all 20 there.
				var expected = (id == ids.getFirst()) ? List.of(FindingType.ABANDONED, FindingType.DUPLICATE)
						: List.of(FindingType.ABANDONED);
				assertThat(transitions).as("transitions for account %d", id)
					.extracting(FindingTransition::type)
					.containsExactlyInAnyOrderElementsOf(expected);
			}
		}
		assertThat(jdbc.sql("select count(*) from finding").query(Long.class).single()).isEqualTo(21);
		assertThat(jdbc.sql("select count(*) from finding_transition").query(Long.class).single()).isEqualTo(21);

		// Both see the account post again: one of them resolves each finding.
		for (long id : ids) {
			checked(id, "OK", T0.minus(Duration.ofHours(1)), 2, 0);
		}
		try (var executor = Executors.newFixedThreadPool(2)) {
			var barrier = new CyclicBarrier(2);
			var results = new ArrayList<Future<Evaluator.Result>>();
			for (int t = 0; t < 2; t++) {
				results.add(executor.submit(() -> {
					barrier.await();
					return evaluator.evaluate(ids);
				}));
			}
			int resolved = 0;
			for (var result : results) {
				resolved += result.get().transitions().size();
			}
			assertThat(resolved).isEqualTo(20);
		}
		assertThat(jdbc.sql("select count(*) from finding_transition where kind = 'RESOLVED'").query(Long.class).single())
			.isEqualTo(20);
	}

	/** The unit's own DUPLICATE finding, among the unit's findings (its accounts' too). */
	Finding unitFinding() {
		var matching = findings.list(new FindingFilter(java.util.Set.of(), java.util.Set.of(FindingType.DUPLICATE),
				java.util.Set.of(), null, unit, null, null), PageRequest.of(0, 50)).getContent()
			.stream()
			.filter(finding -> finding.accountId() == null)
			.toList();
		assertThat(matching).hasSize(1);
		return matching.getFirst();
	}

	void archive(long account) {
		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now() where id = :id").param("id", account).update();
	}

	@Test
	void aUnitsAccountsOnOneNetworkAreOneFindingThatOpensUpdatesResolvesAndReopensWithItsAccounts() {
		var ids = new ArrayList<Long>();
		for (var handle : List.of("prensa", "alcaldia", "cultura")) {
			long id = account(handle);
			checked(id, "OK", T0.minus(Duration.ofHours(3)), 1, 0);
			ids.add(id);
		}
		sweep.sweep();
		var opened = unitFinding();
		assertThat(opened.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(opened.accountId()).isNull();
		assertThat(opened.unitId()).isEqualTo(unit);
		assertThat(opened.organizationId()).isEqualTo(organization);
		assertThat(opened.platform()).isEqualTo("mastodon");
		assertThat(org.vigia.platform.English.text(opened.subject())).isEqualTo("Unit Prensa on Mastodon");
		assertThat(org.vigia.platform.English.text(opened.summary())).isEqualTo("Unit Prensa runs 3 accounts on Mastodon: prensa (#%d), alcaldia (#%d), cultura (#%d)"
			.formatted(ids.get(0), ids.get(1), ids.get(2)));
		assertThat(opened.evidence()).containsEntry("accounts", 3).containsEntry("unit", "Prensa");
		for (long id : ids) {
			assertThat(standing(id)).as("account %d has no finding of its own", id).isEmpty();
		}
		// Evaluating any of its accounts again changes nothing.
		assertThat(evaluator.evaluate(List.of(ids.get(1))).transitions()).isEmpty();

		// An account more: the evaluation of that account updates the unit's finding.
		long fourth = account("turismo");
		checked(fourth, "OK", T0.minus(Duration.ofHours(3)), 1, 0);
		var added = evaluator.evaluate(List.of(fourth)).transitions();
		assertThat(added).extracting(FindingTransition::kind, FindingTransition::unitId, FindingTransition::accountId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(TransitionKind.UPDATED, unit, null));
		assertThat(unitFinding().evidence()).containsEntry("accounts", 4);

		// Acknowledged, it stays so while the unit runs several accounts there (one fewer is a change of evidence); it
		// resolves when one is left.
		findings.acknowledge(opened.id(), "editor");
		archive(ids.get(1));
		sweep.sweep();
		assertThat(unitFinding().status()).isEqualTo(FindingStatus.ACKNOWLEDGED);
		assertThat(unitFinding().evidence()).containsEntry("accounts", 3);
		archive(ids.get(2));
		archive(fourth);
		sweep.sweep();
		assertThat(unitFinding().status()).isEqualTo(FindingStatus.RESOLVED);
		assertThat(English.text(findings.history(opened.id()).getFirst().reason())).isEqualTo("the condition cleared");

		// Another account on the network: the same finding reopens.
		long fifth = account("deportes");
		checked(fifth, "OK", T0.minus(Duration.ofHours(3)), 1, 0);
		evaluator.evaluate(List.of(fifth));
		assertThat(unitFinding().id()).isEqualTo(opened.id());
		assertThat(unitFinding().status()).isEqualTo(FindingStatus.OPEN);
		assertThat(kinds(opened.id())).containsExactly(TransitionKind.OPENED, TransitionKind.UPDATED,
				TransitionKind.ACKNOWLEDGED, TransitionKind.UPDATED, TransitionKind.RESOLVED, TransitionKind.REOPENED);
	}

	@Test
	void aDismissedUnitFindingStaysQuietWhenTheUnitIsRenamedAndWakesWhenItsAccountsChange() {
		long first = account("prensa");
		long second = account("alcaldia");
		sweep.sweep();
		var finding = unitFinding();
		findings.dismiss(finding.id(), "editor", "Two accounts on purpose: news and the mayor", null);

		jdbc.sql("update unit set name = 'Comunicación' where id = :id").param("id", unit).update();
		sweep.sweep();
		assertThat(unitFinding().status()).isEqualTo(FindingStatus.DISMISSED);
		assertThat(org.vigia.platform.English.text(unitFinding().subject())).isEqualTo("Unit Comunicación on Mastodon");

		archive(second);
		long third = account("empleo");
		sweep.sweep();
		assertThat(unitFinding().status()).as("the same number of accounts, but another one").isEqualTo(FindingStatus.OPEN);
		assertThat(English.text(findings.history(finding.id()).getFirst().reason())).isEqualTo("the evidence changed");
		assertThat(unitFinding().evidence().get("firstAccounts")).isEqualTo(List.of(
				java.util.Map.of("accountId", (int) first, "handle", "prensa"),
				java.util.Map.of("accountId", (int) third, "handle", "empleo")));
	}

	@Test
	void markingAUnitAsRunningManyAccountsByDesignResolvesItsFindingAtOnceAndUnmarkingItReopensIt() throws Exception {
		long first = account("prensa");
		long second = account("prensa_oficial");
		// The second is also the first registered again: that stays a DUPLICATE of its own whatever the unit.
		for (long id : List.of(first, second)) {
			checked(id, "OK", T0.minus(Duration.ofHours(3)), 1, 0);
			jdbc.sql("update account_state set platform_id = '109' where account_id = :id").param("id", id).update();
		}
		sweep.sweep();
		var finding = unitFinding();
		assertThat(finding.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(only(second, FindingType.DUPLICATE).status()).isEqualTo(FindingStatus.OPEN);

		mvc.perform(put("/api/units/{id}", unit).with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "Prensa", "contactEmails": ["prensa@villaverde.example"], "managesManyAccounts": true}
					"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.managesManyAccounts").value(true));
		assertThat(unitFinding().status()).as("resolved there and then").isEqualTo(FindingStatus.RESOLVED);
		assertThat(findings.history(finding.id()).getFirst()).satisfies(transition -> {
			assertThat(English.text(transition.reason())).isEqualTo("unit Prensa runs many accounts by design");
			assertThat(transition.actor()).isEqualTo(FindingTransition.RULES);
		});
		sweep.sweep();
		assertThat(unitFinding().status()).isEqualTo(FindingStatus.RESOLVED);
		assertThat(only(second, FindingType.DUPLICATE).status()).isEqualTo(FindingStatus.OPEN);

		// A change that does not mention the mark keeps it.
		mvc.perform(put("/api/units/{id}", unit).with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "Prensa y Comunicación", "contactEmails": ["prensa@villaverde.example"]}
					"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.managesManyAccounts").value(true));
		mvc.perform(get("/api/units/{id}", unit).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.managesManyAccounts").value(true));
		assertThat(unitFinding().status()).isEqualTo(FindingStatus.RESOLVED);

		mvc.perform(put("/api/units/{id}", unit).with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "Prensa y Comunicación", "contactEmails": ["prensa@villaverde.example"],
					 "managesManyAccounts": false}
					"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.managesManyAccounts").value(false));
		assertThat(unitFinding().status()).isEqualTo(FindingStatus.OPEN);
		assertThat(org.vigia.platform.English.text(unitFinding().subject())).isEqualTo("Unit Prensa y Comunicación on Mastodon");
		assertThat(English.text(findings.history(finding.id()).getFirst().reason())).isEqualTo("the condition came back");
	}

	@Test
	void twoEvaluatorsOfDifferentAccountsOfOneUnitRecordOneTransitionPerChangeOfItsFinding() throws Exception {
		var ids = new ArrayList<Long>();
		for (int i = 0; i < 12; i++) {
			ids.add(account("carrera_" + i));
		}
		sweep.sweep();
		long findingId = unitFinding().id();
		try (var executor = Executors.newFixedThreadPool(2)) {
			for (int round = 0; round < 10; round++) {
				// Each round, an account more: both evaluators see the change, on accounts that do not make them wait.
				ids.add(account("nueva_" + round));
				var barrier = new CyclicBarrier(2);
				var results = new ArrayList<Future<Evaluator.Result>>();
				for (int t = 0; t < 2; t++) {
					long id = ids.get(t);
					results.add(executor.submit(() -> {
						barrier.await();
						return evaluator.evaluate(List.of(id));
					}));
				}
				int transitions = 0;
				for (var result : results) {
					transitions += result.get().transitions().size();
				}
				assertThat(transitions).as("transitions in round %d", round).isOne();
			}
		}
		assertThat(kinds(findingId)).hasSize(11).containsOnly(TransitionKind.OPENED, TransitionKind.UPDATED);
		assertThat(unitFinding().evidence()).containsEntry("accounts", 22);
	}

	@Test
	void anAccountsOwnDuplicateFromBeforeUnitFindingsResolvesAsReportedForTheUnit() {
		long first = account("prensa");
		long second = account("alcaldia");
		// What an earlier version wrote: the later account's own DUPLICATE, listing the other.
		jdbc.sql("""
				insert into finding (type, subject_key, account_id, organization_id, platform, severity, status, subject,
				                     summary, evidence, fingerprint, opened_at, updated_at)
				values ('DUPLICATE', 'account:' || :id, :id, :org, 'mastodon', 'LOW', 'OPEN', 'alcaldia on Mastodon',
				        'Unit Prensa also runs prensa (#' || :first || ') on Mastodon', '{}', 'unit:' || :first, now(), now())
				""").param("id", second).param("org", organization).param("first", first).update();

		sweep.sweep();

		var legacy = only(second, FindingType.DUPLICATE);
		assertThat(legacy.status()).isEqualTo(FindingStatus.RESOLVED);
		assertThat(English.text(findings.history(legacy.id()).getFirst().reason())).isEqualTo("reported once for unit Prensa on Mastodon");
		assertThat(unitFinding().status()).isEqualTo(FindingStatus.OPEN);
	}

	@Test
	void theSameRealAccountRegisteredTwiceIsADuplicateAndServersKeepMastodonIdsApart() {
		long feed = otherAccount("FEED", "https://villaverde.example/rss", null);
		long sameFeed = otherAccount("FEED", "https://www.villaverde.example/noticias.xml", null);
		long mastodon = otherAccount("MASTODON", "cultura@uno.example", "109");
		long otherServer = otherAccount("MASTODON", "cultura@dos.example", "109");
		jdbc.sql("update account set unit_id = null where id in (:a, :b)").param("a", mastodon).param("b", otherServer)
			.update();
		for (long id : List.of(feed, sameFeed)) {
			jdbc.sql("update account_state set platform_id = 'https://villaverde.example/feed.xml' where account_id = :id")
				.param("id", id)
				.update();
		}
		sweep.sweep();
		var duplicate = only(sameFeed, FindingType.DUPLICATE);
		assertThat(org.vigia.platform.English.text(duplicate.summary())).isEqualTo(
				"The same RSS/Atom account is also registered as https://villaverde.example/rss (#" + feed + ")");
		assertThat(standing(feed)).extracting(Finding::type).doesNotContain(FindingType.DUPLICATE);
		assertThat(standing(otherServer)).extracting(Finding::type).doesNotContain(FindingType.DUPLICATE);

		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now() where id = :id").param("id", feed).update();
		sweep.sweep();
		assertThat(only(sameFeed, FindingType.DUPLICATE).status()).isEqualTo(FindingStatus.RESOLVED);
	}

	@Test
	void aWholePlatformFailingIsOnePlatformFindingNotOnePerAccount() {
		var ids = new ArrayList<Long>();
		for (int i = 0; i < 5; i++) {
			long id = otherAccount("BLUESKY", "sede" + i + ".villaverde.example", "did:plc:sede" + i);
			checked(id, "ERROR", T0.minus(Duration.ofDays(120)), 4, 4);
			ids.add(id);
		}
		long lone = account("cultura");
		checked(lone, "ERROR", T0.minus(Duration.ofDays(120)), 4, 4);
		sweep.sweep();
		var outage = findings.list(new FindingFilter(java.util.Set.of(), java.util.Set.of(FindingType.UNREACHABLE),
				java.util.Set.of(), null, null, null, null), PageRequest.of(0, 50)).getContent();
		assertThat(outage).extracting(Finding::accountId).containsExactlyInAnyOrder(null, lone);
		var platform = outage.stream().filter(f -> f.accountId() == null).findFirst().orElseThrow();
		assertThat(org.vigia.platform.English.text(platform.subject())).isEqualTo("Bluesky");
		assertThat(platform.platform()).isEqualTo("bluesky");
		assertThat(org.vigia.platform.English.text(platform.summary())).isEqualTo("5 of 5 Bluesky accounts could not be checked 4 times in a row: "
				+ "the platform, or Vigía's access to it, is failing");
		// Failures are no evidence of silence: no ABANDONED for accounts silent for 120 days.
		assertThat(jdbc.sql("select count(*) from finding where type in ('DORMANT', 'ABANDONED')").query(Long.class)
			.single()).isZero();

		for (long id : ids) {
			checked(id, "OK", T0.minus(Duration.ofDays(120)), 1, 0);
		}
		sweep.sweep();
		assertThat(findings.get(platform.id()).status()).isEqualTo(FindingStatus.RESOLVED);
		assertThat(only(ids.getFirst(), FindingType.ABANDONED).status()).isEqualTo(FindingStatus.OPEN);
	}

	long otherAccount(String platform, String handle, String platformId) {
		long id = jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, created_at, updated_at)
				values (:org, :unit, :platform, :handle, :handle, now(), now()) returning id
				""").param("org", organization).param("unit", unit).param("platform", platform).param("handle", handle)
			.query(Long.class)
			.single();
		checked(id, "OK", T0.minus(Duration.ofDays(1)), 1, 0);
		jdbc.sql("update account_state set platform_id = :pid where account_id = :id")
			.param("pid", platformId, java.sql.Types.VARCHAR)
			.param("id", id)
			.update();
		return id;
	}

	@Test
	void theSweepEvaluatesArchivedAccountsOnceToResolveTheirFindings() {
		long id = account("archivo");
		checked(id, "OK", T0.minus(Duration.ofDays(100)), 1, 0);
		sweep.sweep();
		assertThat(only(id, FindingType.ABANDONED).status()).isEqualTo(FindingStatus.OPEN);
		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now() where id = :id").param("id", id).update();
		var report = sweep.sweep();
		assertThat(report.accounts()).isOne();
		assertThat(only(id, FindingType.ABANDONED).status()).isEqualTo(FindingStatus.RESOLVED);
		assertThat(English.text(findings.history(only(id, FindingType.ABANDONED).id()).getFirst().reason()))
			.isEqualTo("the account was archived");
		assertThat(sweep.sweep().accounts()).isZero();
	}

}
