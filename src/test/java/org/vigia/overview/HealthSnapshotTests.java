package org.vigia.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.vigia.IntegrationTest;
import org.vigia.health.FindingStatus;
import org.vigia.health.FindingTransition;
import org.vigia.health.FindingType;
import org.vigia.health.FindingsTransitioned;
import org.vigia.health.HealthSwept;
import org.vigia.health.Severity;
import org.vigia.health.TransitionKind;
import org.vigia.polling.AccountsChecked;
import org.vigia.registry.AccountsChanged;
import org.vigia.registry.Registry;
import org.vigia.registry.RegistryCsv;
import org.vigia.registry.UnitChanged;

/**
 * The health snapshot the lists and the overview read ({@code account_health_snapshot}) against the health computed
 * from its sources ({@code account_health}): after every kind of change that moves an account's health, followed by the
 * event its owner publishes, a refresh makes the two equal, row for row; changes that publish nothing move nothing; a
 * change still uncommitted while a refresh runs is picked up by the next one, not lost; and what no event told, the
 * reconcile repairs. The changes are written here as their owners write them, and the events handed to the snapshot
 * as the owners publish them (straight to the listener, so that health's own listeners stay out of it).
 */
@IntegrationTest
@TestPropertySource(properties = "vigia.health.snapshot-refresh-enabled=true")
class HealthSnapshotTests {

	private static final String COLUMNS = """
			account_id, organization_id, unit_id, platform, status, state, last_activity_at, last_checked_at,
			last_outcome, last_success_at, consecutive_failures, finding_types::text as finding_types, owned
			""";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HealthSnapshot snapshot;

	@Autowired
	DataSource dataSource;

	@Autowired
	Scheduler scheduler;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Registry registry;

	@Autowired
	RegistryCsv csv;

	long organization;

	long unit;

	@BeforeEach
	void emptyRegistry() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
		snapshot.refresh();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		unit = jdbc.sql("""
				insert into unit (organization_id, name, created_at, updated_at)
				values (:org, 'Prensa', now(), now()) returning id
				""").param("org", organization).query(Long.class).single();
	}

	@Test
	void aFinishedHealthSweepBringsTheSnapshotUpToDate() {
		long active = account("activa");
		snapshot.refresh();
		checked(active, "OK", "2026-11-20T10:00:00Z");
		assertThat(row(active)).containsEntry("state", "UNKNOWN");

		events.publishEvent(new HealthSwept(Instant.parse("2026-11-21T10:00:00Z")));

		assertThat(row(active)).containsEntry("state", "ACTIVE");
		assertThat(jdbc.sql("select count(*) from account_health_stale").query(Long.class).single()).isZero();
	}

	@Test
	void everyChangeThatMovesHealthReachesTheSnapshot() throws Exception {
		long active = account("activa");
		long silent = account("silenciosa");
		long renamed = account("renombrada");
		assertSnapshotIsTheHealth();
		assertThat(row(active)).containsEntry("state", "UNKNOWN").containsEntry("owned", false);

		checked(active, "OK", "2026-11-20T10:00:00Z");
		checked(silent, "OK", "2026-01-02T10:00:00Z");
		checked(renamed, "OK", "2026-11-01T10:00:00Z");
		assertSnapshotIsTheHealth();
		assertThat(row(active)).containsEntry("state", "ACTIVE");
		assertThat(row(renamed).get("last_activity_at")).isNotNull();

		long abandoned = finding(silent, "ABANDONED", "OPEN");
		finding(silent, "UNOWNED", "OPEN");
		assertSnapshotIsTheHealth();
		assertThat(row(silent)).containsEntry("state", "ABANDONED")
			.containsEntry("finding_types", "{ABANDONED,UNOWNED}");

		jdbc.sql("update finding set status = 'DISMISSED', dismiss_reason = 'known' where id = :id")
			.param("id", abandoned)
			.update();
		transitioned(silent);
		assertSnapshotIsTheHealth();
		assertThat(row(silent)).containsEntry("state", "ABANDONED");

		jdbc.sql("update finding set status = 'RESOLVED', resolved_at = now() where id = :id")
			.param("id", abandoned)
			.update();
		transitioned(silent);
		assertSnapshotIsTheHealth();
		assertThat(row(silent)).containsEntry("state", "ACTIVE").containsEntry("finding_types", "{UNOWNED}");

		jdbc.sql("update unit set contact_emails = '{prensa@villaverde.example}' where id = :id")
			.param("id", unit)
			.update();
		snapshot.on(new UnitChanged(unit));
		assertSnapshotIsTheHealth();
		assertThat(row(active)).containsEntry("owned", true);

		// Facts learnt for the old handle no longer apply to the new one.
		jdbc.sql("update account set handle = 'nueva' where id = :id").param("id", renamed).update();
		snapshot.on(new AccountsChanged(List.of(renamed)));
		assertSnapshotIsTheHealth();
		assertThat(row(renamed)).containsEntry("state", "UNKNOWN").containsEntry("last_activity_at", null);

		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now() where id = :id")
			.param("id", active)
			.update();
		snapshot.on(new AccountsChanged(List.of(active)));
		assertSnapshotIsTheHealth();
		assertThat(row(active)).containsEntry("status", "ARCHIVED");

		finding(active, "GONE", "OPEN");
		assertSnapshotIsTheHealth();
		assertThat(row(active)).containsEntry("state", "GONE");
	}

	@Test
	void theReconcileRepairsWhatNoEventTold() {
		long active = account("activa");
		checked(active, "OK", "2026-11-20T10:00:00Z");
		finding(active, "GONE", "OPEN");
		snapshot.refresh();
		assertThat(row(active)).containsEntry("state", "GONE");

		// Emptied by hand: no writer, no event.
		jdbc.sql("truncate finding, finding_transition cascade").update();
		assertThat(snapshot.refresh()).isZero();
		assertThat(row(active)).containsEntry("state", "GONE");

		assertThat(snapshot.reconcile()).isEqualTo(1);
		assertSnapshotIsTheHealth();
		assertThat(row(active)).containsEntry("state", "ACTIVE").containsEntry("finding_types", "{}");

		jdbc.sql("truncate account_state").update();
		assertThat(snapshot.reconcile()).isEqualTo(1);
		assertSnapshotIsTheHealth();
		assertThat(row(active)).containsEntry("state", "UNKNOWN");
		assertThat(snapshot.reconcile()).isZero();
	}

	@Test
	void theRegistryTellsOfTheAccountsItArchivesAndImports() {
		long archived = account("archivada");
		snapshot.refresh();
		registry.archive(archived);
		snapshot.refresh();
		assertThat(row(archived)).containsEntry("status", "ARCHIVED");

		csv.importCsv("""
				organization,unit,platform,handle
				Villaverde,Prensa,mastodon,@importada@social.example
				""".getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
		snapshot.refresh();
		assertThat(jdbc.sql("select status from account_health_snapshot where account_id <> :id")
			.param("id", archived)
			.query(String.class)
			.list()).containsExactly("ACTIVE");
		assertSnapshotIsTheHealth();
	}

	@Test
	void aClaimOrNewEvidenceTellsNothingAndAnEditThatMovesNoHealthChangesNoRow() {
		long account = account("activa");
		checked(account, "OK", "2026-11-20T10:00:00Z");
		long finding = finding(account, "UNOWNED", "OPEN");
		snapshot.refresh();

		jdbc.sql("update account_state set lease_until = now(), next_due_at = now() where account_id = :id")
			.param("id", account)
			.update();
		jdbc.sql("update finding set evidence = '{\"reason\": \"NO_CONTACT\"}', updated_at = now() where id = :id")
			.param("id", finding)
			.update();
		assertThat(jdbc.sql("select count(*) from account_health_stale").query(Long.class).single()).isZero();

		jdbc.sql("update account set notes = 'a note', display_name = 'Activa' where id = :id")
			.param("id", account)
			.update();
		snapshot.on(new AccountsChanged(List.of(account)));

		assertThat(snapshot.refresh()).isZero();
		assertThat(jdbc.sql("select count(*) from account_health_stale").query(Long.class).single()).isZero();
	}

	@Test
	void aChangeUncommittedDuringARefreshIsPickedUpByTheNextOne() throws Exception {
		long account = account("activa");
		checked(account, "OK", "2026-11-20T10:00:00Z");
		snapshot.refresh();
		try (Connection other = dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (var statement = other.prepareStatement("""
					insert into finding (type, subject_key, account_id, organization_id, severity, status, subject, summary,
					                     evidence, fingerprint, opened_at, updated_at)
					values ('GONE', 'account:' || ?, ?, ?, 'HIGH', 'OPEN', 'activa', 'gone', '{}', 'f', now(), now())
					""")) {
				statement.setLong(1, account);
				statement.setLong(2, account);
				statement.setLong(3, organization);
				statement.executeUpdate();
			}
			// What the snapshot's listener writes in the writer's transaction when health publishes the transition.
			try (var statement = other.prepareStatement("insert into account_health_stale (account_id) values (?)")) {
				statement.setLong(1, account);
				statement.executeUpdate();
			}
			assertThat(snapshot.refresh()).isZero();
			assertThat(row(account)).containsEntry("state", "ACTIVE");
			other.commit();
		}
		// (Refreshed here, or by the every-minute job of one of the test contexts meanwhile: either way, not lost.)
		snapshot.refresh();
		assertThat(row(account)).containsEntry("state", "GONE");
		assertSnapshotIsTheHealth();
	}

	@Test
	void aJobOfTheClusterRefreshesEveryMinuteWithoutAnyoneReading() throws Exception {
		var trigger = (SimpleTrigger) scheduler.getTrigger(TriggerKey.triggerKey("snapshot", "health"));
		assertThat(trigger.getRepeatInterval()).isEqualTo(Duration.ofMinutes(1).toMillis());
		assertThat(trigger.getJobKey()).isEqualTo(JobKey.jobKey("snapshot", "health"));

		long account = account("activa");
		checked(account, "OK", "2026-11-20T10:00:00Z");
		scheduler.triggerJob(trigger.getJobKey());
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (jdbc.sql("select count(*) from account_health_stale").query(Long.class).single() > 0
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(row(account)).containsEntry("state", "ACTIVE");
	}

	private void assertSnapshotIsTheHealth() {
		snapshot.refresh();
		var computed = jdbc.sql("select " + COLUMNS + " from account_health order by account_id").query().listOfRows();
		var kept = jdbc.sql("select " + COLUMNS + " from account_health_snapshot order by account_id")
			.query()
			.listOfRows();
		assertThat(kept).isNotEmpty().isEqualTo(computed);
		assertThat(jdbc.sql("select count(*) from account_health_stale").query(Long.class).single()).isZero();
	}

	private Map<String, Object> row(long account) {
		List<Map<String, Object>> rows = jdbc
			.sql("select " + COLUMNS + " from account_health_snapshot where account_id = :id")
			.param("id", account)
			.query()
			.listOfRows();
		assertThat(rows).hasSize(1);
		return rows.getFirst();
	}

	private long account(String handle) {
		long id = jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, created_at, updated_at)
				values (:org, :unit, 'MASTODON', :handle, 'https://social.example/@' || :handle, now(), now()) returning id
				""").param("org", organization).param("unit", unit).param("handle", handle).query(Long.class).single();
		snapshot.on(new AccountsChanged(List.of(id)));
		return id;
	}

	/** A successful check, written as polling writes it (an upsert of the account's state) and told as it tells it. */
	private void checked(long account, String outcome, String lastActivity) {
		jdbc.sql("""
				insert into account_state (account_id, handle, last_activity_at, last_checked_at, last_success_at,
				                           last_outcome, consecutive_failures, next_due_at, updated_at)
				select a.id, a.handle, :activity::timestamptz, now(), now(), :outcome, 0, now(), now()
				from account a where a.id = :id
				on conflict (account_id) do update set handle = excluded.handle,
				    last_activity_at = excluded.last_activity_at, last_checked_at = excluded.last_checked_at,
				    last_success_at = excluded.last_success_at, last_outcome = excluded.last_outcome,
				    updated_at = excluded.updated_at
				""").param("id", account).param("activity", lastActivity).param("outcome", outcome).update();
		snapshot.on(new AccountsChecked(List.of(account), null));
	}

	/** What health publishes when one of the account's findings changes status. */
	private void transitioned(long account) {
		snapshot.on(new FindingsTransitioned(List.of(new FindingTransition(1, 1, FindingType.ABANDONED, Severity.MEDIUM,
				TransitionKind.UPDATED, FindingStatus.OPEN, FindingStatus.DISMISSED, Instant.parse("2026-11-21T10:00:00Z"), "test", null, account,
				null, organization, "MASTODON", "s", "s", Map.of()))));
	}

	private long finding(long account, String type, String status) {
		long id = jdbc.sql("""
				insert into finding (type, subject_key, account_id, organization_id, severity, status, subject, summary,
				                     evidence, fingerprint, opened_at, updated_at)
				values (:type, 'account:' || :account, :account, :org, 'MEDIUM', :status, 's', 's', '{}', 'f', now(), now())
				returning id
				""").param("type", type).param("account", account).param("org", organization).param("status", status)
			.query(Long.class)
			.single();
		transitioned(account);
		return id;
	}

}
