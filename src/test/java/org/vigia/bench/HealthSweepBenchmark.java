package org.vigia.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vigia.IntegrationTest;
import org.vigia.health.HealthProperties;
import org.vigia.overview.HealthSnapshot;
import org.vigia.health.HealthSweep;

/**
 * The health sweep (every account's rules evaluated again) over N accounts with a year of check history, through the
 * real Spring context and real PostgreSQL; prints the seeding time, the history rows, and for a cold sweep (no findings
 * yet, cold JVM), a steady one (right after, little changes) and the cold one again in the warm JVM: accounts, chunks,
 * transitions, wall time, the SQL statements the sweep issued (counted by a wrapper around the DataSource bean,
 * independently of the code under test, with their time and text), the CPU of the JVM and of PostgreSQL, peak heap.
 * The sweep reads no check history (FactsRepository reads account_state): the history is there so that the database
 * has the size of a year of polling.
 * <p>
 * Not part of the test run (surefire picks up *Tests only): {@code bench/sweep.sh} runs it, or
 * {@code ./mvnw test -Dtest='HealthSweepBenchmark#sweepOfEveryAccount' -Dsurefire.failIfNoSpecifiedTests=false -Dbench.accounts=100000
 * -Dbench.checksPerDay=1}. Properties: {@code bench.accounts} (100,000), {@code bench.checksPerDay} (1),
 * {@code bench.days} (365), {@code bench.reuse} (false: keep the data of an earlier run of the same size instead of
 * seeding it again; the findings are always cleared so that the first sweep is cold), {@code bench.chunk} (the
 * application's default sweep chunk). Seeding replaces everything in the database: give it a database of its own.
 * <p>
 * {@link #sweepOfOneUnitOfManyAccounts()} is the case of one unit running {@code bench.unitAccounts} (20,000) accounts
 * on one network: {@code bench/sweep.sh unit} runs it in a JVM of at most 512 MB of heap.
 */
@IntegrationTest
@Import(HealthSweepBenchmark.CountingConfiguration.class)
class HealthSweepBenchmark {

	static final int ACCOUNTS = Integer.getInteger("bench.accounts", 100_000);

	static final int CHECKS_PER_DAY = Integer.getInteger("bench.checksPerDay", 1);

	static final int DAYS = Integer.getInteger("bench.days", 365);

	static final boolean REUSE = Boolean.getBoolean("bench.reuse");

	/** Accounts of the one unit in {@link #sweepOfOneUnitOfManyAccounts()}. */
	static final int UNIT_ACCOUNTS = Integer.getInteger("bench.unitAccounts", 20_000);

	/** Accounts per organization: 4 in each of its 5 units, one per platform in a unit. */
	static final int PER_ORGANIZATION = 20;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		var chunk = System.getProperty("bench.chunk");
		if (chunk != null) {
			registry.add("vigia.health.sweep-chunk", () -> chunk);
		}
	}

	@Autowired
	HealthSweep sweep;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	HealthProperties properties;

	@Autowired
	HealthSnapshot snapshot;

	@Test
	void sweepOfEveryAccount() {
		assertThat(dataSource).as("the DataSource bean is wrapped by the counting one").isInstanceOf(CountingDataSource.class);
		var counting = (CountingDataSource) dataSource;
		long historyRows = seed();

		clearFindings();
		sweep("cold sweep: no findings yet", counting, ACCOUNTS, historyRows);
		// A running service's findings have been analysed by autovacuum; so are they before the steady sweep.
		jdbc.sql("vacuum analyze finding, finding_transition").update();
		sweep("steady sweep: right after the cold one", counting, ACCOUNTS, historyRows);
		// The cold sweep again in a JVM that has compiled the code: what opening every finding costs without warm-up.
		clearFindings();
		sweep("cold sweep again, warm JVM: no findings, code compiled", counting, ACCOUNTS, historyRows);
	}

	/**
	 * A provincial press office that files every municipal account under one unit: {@code bench.unitAccounts} (20,000)
	 * Mastodon accounts of one unit, all checked and active, no check history. One DUPLICATE finding about the unit on
	 * Mastodon is what the sweeps must come to, whatever the number of accounts; the figures to watch are the time and
	 * the peak heap. Seeding replaces everything in the database, the main case's seed included.
	 */
	@Test
	void sweepOfOneUnitOfManyAccounts() {
		var counting = (CountingDataSource) dataSource;
		long started = System.nanoTime();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			jdbc.sql("""
					truncate finding_transition, finding, organization_guideline, account_check, poll_run_account, poll_run,
					         account_state, profile_snapshot, account, unit, organization restart identity cascade
					""").update();
			jdbc.sql("""
					insert into organization (id, name, aliases, official_domains, created_at, updated_at)
					values (1, 'Diputación Provincial', '{}', array['diputacion.example.es'], now(), now())
					""").update();
			jdbc.sql("""
					insert into unit (id, organization_id, name, contact_emails, created_at, updated_at)
					values (1, 1, 'Gabinete de Prensa', array['prensa@diputacion.example.es'], now(), now())
					""").update();
			jdbc.sql("""
					insert into account (id, organization_id, unit_id, platform, handle, url, display_name, created_at,
					                     updated_at)
					select i, 1, 1, 'MASTODON', 'municipio' || i || '@social.diputacion.example.es',
					       'https://social.diputacion.example.es/@municipio' || i, 'Ayuntamiento de Municipio ' || i,
					       now() - interval '2 years', now() - interval '2 years'
					from generate_series(1, :accounts) i
					""").param("accounts", UNIT_ACCOUNTS).update();
			jdbc.sql("""
					insert into account_state (account_id, handle, platform_id, last_activity_at, newest_post_url,
					                           last_checked_at, last_success_at, last_outcome, last_http_status,
					                           consecutive_failures, next_due_at, updated_at, outcome_streak)
					select id, handle, (109000000000000000 + id)::text, now() - (id % 20) * interval '1 day',
					       url || '/' || id, now() - interval '1 hour', now() - interval '1 hour', 'OK', 200, 0,
					       now() + interval '5 hours', now(), 1
					from account
					""").update();
			jdbc.sql("select setval(pg_get_serial_sequence('account', 'id'), :accounts)")
				.param("accounts", UNIT_ACCOUNTS)
				.query(Long.class)
				.single();
		});
		jdbc.sql("vacuum analyze organization, unit, account, account_state, finding, finding_transition").update();
		snapshot.reconcile();
		System.out.printf("%nHealth sweep benchmark, one unit of %d Mastodon accounts seeded in %.1f s%n%n",
				UNIT_ACCOUNTS, (System.nanoTime() - started) / 1e9);

		sweep("one unit of %d accounts, cold sweep: no findings yet".formatted(UNIT_ACCOUNTS), counting, UNIT_ACCOUNTS, 0);
		jdbc.sql("vacuum analyze finding, finding_transition").update();
		sweep("one unit of %d accounts, steady sweep".formatted(UNIT_ACCOUNTS), counting, UNIT_ACCOUNTS, 0);

		var duplicates = jdbc.sql("""
				select subject_key || ' ' || (evidence ->> 'accounts') || ' ' || jsonb_array_length(evidence -> 'firstAccounts')
				from finding where type = 'DUPLICATE'
				""").query(String.class).list();
		assertThat(duplicates).containsExactly("unit:1:mastodon " + UNIT_ACCOUNTS + " 20");
	}

	private void sweep(String label, CountingDataSource counting, int registered, long historyRows) {
		long expected = jdbc.sql("""
				select count(*) from account a
				where a.status = 'ACTIVE' or exists (select 1 from finding f where f.account_id = a.id and f.status <> 'RESOLVED')
				""").query(Long.class).single();
		var heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.toList();
		System.gc();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);

		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		double load = os.getSystemLoadAverage();
		var backendsBefore = backendCpu();
		long cpuBefore = os.getProcessCpuTime();
		counting.start();
		long started = System.nanoTime();
		var report = sweep.sweep();
		long wall = System.nanoTime() - started;
		var counts = counting.stop();
		long jvmCpu = os.getProcessCpuTime() - cpuBefore;
		var backendsAfter = backendCpu();
		long databaseCpu = backendsAfter.entrySet()
			.stream()
			.mapToLong(e -> e.getValue() - backendsBefore.getOrDefault(e.getKey(), 0L))
			.sum();
		long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
		// What the sweep job does next: the health snapshot the dashboard reads catches up with the sweep's findings.
		long refreshStarted = System.nanoTime();
		int refreshed = snapshot.refresh();
		long refreshWall = System.nanoTime() - refreshStarted;

		assertThat((long) report.accounts()).isEqualTo(expected);
		var findings = jdbc.sql("""
				select type || ' ' || count(*) filter (where status <> 'RESOLVED') from finding group by type order by type
				""").query(String.class).list();
		int chunk = properties.sweepChunk();
		var statements = new StringBuilder();
		counts.byText().entrySet()
			.stream()
			.sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
			.forEach(e -> statements.append("    %5d %9.1f %8.1f  %s%n".formatted(e.getValue()[0], e.getValue()[1] / 1e6,
					e.getValue()[2] / 1e6, e.getKey())));
		System.out.printf("""

				Health sweep benchmark, %s
				  accounts                 %d of %d registered (%d history rows)
				  chunks                   %d (sweep chunk %d)
				  transitions              %d
				  wall time                %.2f s (the report says %d ms)
				  SQL statements           %d (%.1f per chunk), %d commits
				  time in statements       %.2f s (measured around JDBC execute calls)
				  other threads            %d statements meanwhile (Quartz's, not the sweep's: not counted above)
				  CPU                      JVM %.2f s (all its threads), PostgreSQL %s (load average %.1f on %d cores at the start)
				  peak heap                %d MB (of at most %d MB)
				  snapshot refresh         %.2f s after the sweep (%d accounts' health changed), as the sweep job does
				  standing findings        %s
				  statements: count, total ms, max ms, text
				%s
				""", label, report.accounts(), registered, historyRows, report.chunks(), chunk, report.transitions(),
				wall / 1e9, report.duration().toMillis(), counts.statements(),
				counts.statements() / (double) Math.max(1, report.chunks()), counts.commits(), counts.nanos() / 1e9,
				counts.others(), jvmCpu / 1e9,
				backendsAfter.isEmpty() ? "n/a (not on this host)" : "%.2f s".formatted(databaseCpu / 1e9)
						+ " (its backends for this database, parallel workers not included)",
				load, os.getAvailableProcessors(), peakHeap / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024),
				refreshWall / 1e9, refreshed,
				String.join(", ", findings), statements);
	}

	/**
	 * The CPU time so far of each PostgreSQL backend connected to this database, in nanoseconds, by process id; empty
	 * when PostgreSQL does not run on this host (its processes are not in /proc).
	 */
	private Map<Integer, Long> backendCpu() {
		var pids = jdbc.sql("""
				select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'
				""").query(Integer.class).list();
		var cpu = new java.util.HashMap<Integer, Long>();
		for (var pid : pids) {
			try {
				var stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.toString(), "stat"));
				// after the command in parentheses: state is field 3, utime field 14 and stime field 15, in 1/100 s
				var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				cpu.put(pid, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L);
			}
			catch (java.io.IOException | RuntimeException ex) {
				// not on this host, or gone
			}
		}
		return cpu;
	}

	/**
	 * Empties the findings, then reconciles the health snapshot with what the seed and the truncation wrote by hand
	 * (no writer, so no event noted it), as the reconcile job would: the refresh after a sweep then covers what the
	 * sweep changed, as in a running service.
	 */
	void clearFindings() {
		jdbc.sql("truncate finding_transition, finding restart identity cascade").update();
		snapshot.reconcile();
	}

	/**
	 * Seeds the registry, the polling state, profiles and the check history, set-based, in one transaction (a failure
	 * leaves nothing half-seeded), unless {@code bench.reuse} is set and the database holds a seed of the same size.
	 * @return the rows of check history
	 */
	long seed() {
		var marker = "vigia bench seed: accounts=%d checksPerDay=%d days=%d".formatted(ACCOUNTS, CHECKS_PER_DAY, DAYS);
		var comment = jdbc.sql("select coalesce(obj_description('account'::regclass, 'pg_class'), '')")
			.query(String.class)
			.single();
		if (REUSE && comment.contains(marker + " ")) {
			Matcher rows = Pattern.compile("historyRows=(\\d+)").matcher(comment);
			assertThat(rows.find()).isTrue();
			System.out.printf("%nHealth sweep benchmark, seeding%n  reused                   %s%n  history rows             %s%n%n",
					comment, rows.group(1));
			return Long.parseLong(rows.group(1));
		}
		var tx = new TransactionTemplate(transactions);
		var phases = new ArrayList<String>();
		long started = System.nanoTime();
		long history = tx.execute(status -> {
			long phase = System.nanoTime();
			jdbc.sql("set local maintenance_work_mem = '1GB'").update();
			jdbc.sql("set local synchronous_commit = off").update();
			jdbc.sql("select setseed(0.42)").query(rs -> {
			});
			jdbc.sql("""
					truncate finding_transition, finding, organization_guideline, account_check, poll_run_account, poll_run,
					         account_state, profile_snapshot, account, unit, organization restart identity cascade
					""").update();
			registry();
			state();
			phases.add("registry, state and profiles %.1f s".formatted((System.nanoTime() - phase) / 1e9));
			phase = System.nanoTime();
			// Indexes and foreign keys are dropped for the load and made again from their own definitions after it:
			// one sort per index instead of 36 million random index insertions, one anti-join instead of a trigger per row.
			var indexes = jdbc.sql("""
					select pg_get_indexdef(i.indexrelid) from pg_index i
					where i.indrelid = 'account_check'::regclass and not i.indisprimary
					""").query(String.class).list();
			var keys = jdbc.sql("""
					select format('alter table account_check add constraint %I %s', conname, pg_get_constraintdef(oid))
					from pg_constraint where conrelid = 'account_check'::regclass and contype = 'f'
					""").query(String.class).list();
			jdbc.sql("""
					select format('alter table account_check drop constraint %I', conname)
					from pg_constraint where conrelid = 'account_check'::regclass and contype = 'f'
					""").query(String.class).list().forEach(drop -> jdbc.sql(drop).update());
			jdbc.sql("""
					select format('drop index %I', c.relname) from pg_index i join pg_class c on c.oid = i.indexrelid
					where i.indrelid = 'account_check'::regclass and not i.indisprimary
					""").query(String.class).list().forEach(drop -> jdbc.sql(drop).update());
			long rows = 0;
			for (int day = 0; day < DAYS && CHECKS_PER_DAY > 0; day++) {
				rows += history(day);
				if ((day + 1) % 73 == 0) {
					System.out.printf("  seeding: %d days of history, %d rows, %.0f s%n", day + 1, rows,
							(System.nanoTime() - started) / 1e9);
				}
			}
			phases.add("history %.1f s".formatted((System.nanoTime() - phase) / 1e9));
			phase = System.nanoTime();
			indexes.forEach(index -> jdbc.sql(index).update());
			keys.forEach(key -> jdbc.sql(key).update());
			phases.add("indexes and keys %.1f s".formatted((System.nanoTime() - phase) / 1e9));
			var now = jdbc.sql("select now()::text").query(String.class).single();
			// After the table's owner, which OwnershipTests reads from the same comment.
			jdbc.sql("comment on table account is 'owner: registry\n%s historyRows=%d seededAt=%s'".formatted(marker, rows, now))
				.update();
			return rows;
		});
		long phase = System.nanoTime();
		jdbc.sql("""
				vacuum analyze organization, unit, account, account_state, profile_snapshot, organization_guideline,
				               account_check, finding, finding_transition
				""").update();
		phases.add("vacuum analyze %.1f s".formatted((System.nanoTime() - phase) / 1e9));
		var sizes = jdbc.sql("""
				select (select count(*) from organization) || ' organizations, ' || (select count(*) from unit) || ' units, '
				       || (select count(*) from account where status = 'ACTIVE') || ' active accounts, '
				       || (select count(*) from profile_snapshot) || ' profile snapshots; account_check '
				       || pg_size_pretty(pg_total_relation_size('account_check')) || ' with indexes, database '
				       || pg_size_pretty(pg_database_size(current_database()))
				""").query(String.class).single();
		System.out.printf("""

				Health sweep benchmark, seeding
				  accounts                 %d (%s)
				  history rows             %d (%d days x %d checks per day)
				  seeding time             %.1f s (%s)

				""", ACCOUNTS, sizes, history, DAYS, CHECKS_PER_DAY, (System.nanoTime() - started) / 1e9,
				String.join(", ", phases));
		return history;
	}

	/**
	 * Organizations of 20 accounts: 5 units (one of them without a contact in a third of the organizations), each
	 * running one account on 4 of the 5 platforms; about 1 account in 12 has no unit, 1 organization in 50 has a unit
	 * with two Mastodon accounts, 1 account in 10 its own silence limit, 1 in 100 is archived, and 1 organization in 50
	 * has guidelines of its own.
	 */
	private void registry() {
		int organizations = (ACCOUNTS + PER_ORGANIZATION - 1) / PER_ORGANIZATION;
		jdbc.sql("""
				insert into organization (id, name, aliases, official_domains, created_at, updated_at)
				select o, 'Ayuntamiento de Municipio ' || o, array['Municipio ' || o],
				       array['municipio' || o || '.example.es'], now() - interval '3 years', now() - interval '3 years'
				from generate_series(1, :organizations) o
				""").param("organizations", organizations).update();
		jdbc.sql("""
				insert into unit (id, organization_id, name, contact_emails, created_at, updated_at)
				select (o - 1) * 5 + u + 1, o, (array['Alcaldía', 'Cultura', 'Deportes', 'Turismo', 'Policía Local'])[u + 1],
				       case when u = 4 and o % 3 = 0 then '{}'::text[]
				            else array[(array['alcaldia', 'cultura', 'deportes', 'turismo', 'policia'])[u + 1]
				                       || '@municipio' || o || '.example.es'] end,
				       now() - interval '3 years', now() - interval '3 years'
				from generate_series(1, :organizations) o cross join generate_series(0, 4) u
				""").param("organizations", organizations).update();
		jdbc.sql("""
				insert into account (id, organization_id, unit_id, platform, handle, url, display_name, contact_email, purpose,
				                     language, max_silence_days, notes, status, created_at, updated_at, archived_at)
				select i, o,
				       case when (o * 7 + k) % 12 = 0 then null
				            when o % 50 = 0 and k = 5 then (o - 1) * 5 + 1
				            else (o - 1) * 5 + k / 4 + 1 end,
				       platform,
				       case platform when 'MASTODON' then name || '@social' || o % 40 || '.example.es'
				                     when 'BLUESKY' then name || '.municipio' || o || '.example.es'
				                     when 'YOUTUBE' then '@' || name
				                     when 'FEED' then 'municipio' || o || '.example.es/' || slug || '/feed-' || k || '.xml'
				                     else name end,
				       case platform when 'MASTODON' then 'https://social' || o % 40 || '.example.es/@' || name
				                     when 'BLUESKY' then 'https://bsky.app/profile/' || name || '.municipio' || o || '.example.es'
				                     when 'YOUTUBE' then 'https://www.youtube.com/@' || name
				                     when 'FEED' then 'https://municipio' || o || '.example.es/' || slug || '/feed-' || k || '.xml'
				                     else 'https://t.me/' || name end,
				       'Municipio ' || o || ' · ' || initcap(slug),
				       case when k % 2 = 0 then 'prensa@municipio' || o || '.example.es' end,
				       'Información municipal', 'es',
				       case when i % 10 = 7 then (array[60, 180, 365])[i % 3 + 1] end,
				       case when i % 50 = 0 then 'Cuenta revisada en el pleno' end,
				       case when i % 100 = 99 then 'ARCHIVED' else 'ACTIVE' end,
				       now() - interval '3 years' + (i % 500) * interval '1 day', now() - interval '30 days',
				       case when i % 100 = 99 then now() - interval '30 days' end
				from (select i, (i - 1) / 20 + 1 as o, (i - 1) % 20 as k from generate_series(1, :accounts) i) g
				cross join lateral (
				    select (array['MASTODON', 'BLUESKY', 'YOUTUBE', 'FEED', 'TELEGRAM'])[k % 5 + 1] as platform,
				           (array['alcaldia', 'cultura', 'deportes', 'turismo', 'policia'])[k / 4 + 1] as slug,
				           (array['alcaldia', 'cultura', 'deportes', 'turismo', 'policia'])[k / 4 + 1] || o || 'n' || k as name
				) p
				""").param("accounts", ACCOUNTS).update();
		jdbc.sql("""
				insert into organization_guideline (organization_id, display_name_contains_name, official_link, avatar,
				                                    handle_pattern, updated_at)
				select id, true, true, true, case when id % 500 = 7 then 'municipio' end, now()
				from organization where id % 50 = 7
				""").update();
		for (var table : List.of("organization", "unit", "account")) {
			jdbc.sql("select setval(pg_get_serial_sequence('%s', 'id'), (select max(id) from %s))".formatted(table, table))
				.query(Long.class)
				.optional();
		}
	}

	/**
	 * One state row per account, checked within the last 20 hours under its current handle: 94% OK, 2% NOT_FOUND (1 to
	 * 3 in a row), 3% ERROR (1 to 8 failures in a row), some RATE_LIMITED, MOVED and SUSPENDED; the last post from an
	 * hour to 400 days ago, log-uniformly (28% silent for over 30 days), or unknown for 2%; a few platform ids shared by
	 * two registrations; recent posts and the share of replies for Mastodon and Bluesky. Profiles for 6 in 10 accounts
	 * not on feeds (a quarter with an older snapshot too), 1 in 20 of them without an avatar.
	 */
	private void state() {
		jdbc.sql("""
				insert into account_state (account_id, handle, platform_id, etag, last_modified, last_activity_at,
				                           newest_post_url, last_checked_at, last_success_at, last_outcome,
				                           last_http_status, consecutive_failures, moved_to, next_due_at, updated_at,
				                           outcome_streak, failing_since, last_error, recent_posts, reply_share)
				select id, handle,
				       case platform when 'MASTODON' then (109000000000000000 + pid)::text
				                     when 'BLUESKY' then 'did:plc:' || substr(md5('bsky' || pid), 1, 24)
				                     when 'YOUTUBE' then 'UC' || substr(md5('yt' || pid), 1, 22)
				                     when 'TELEGRAM' then (1000000000 + pid)::text end,
				       case when platform = 'FEED' then '"' || md5(id::text) || '"' end,
				       case when platform = 'FEED' then to_char(last_activity_at at time zone 'UTC',
				                                                 'Dy, DD Mon YYYY HH24:MI:SS "GMT"') end,
				       last_activity_at,
				       case when last_activity_at is not null then url || '/posts/' || id end,
				       last_checked_at,
				       case when outcome in ('OK', 'MOVED', 'SUSPENDED') then last_checked_at
				            when outcome = 'NOT_FOUND' then last_checked_at - streak * interval '1 day'
				            else now() - failures * interval '1 day' end,
				       outcome,
				       case outcome when 'OK' then 200 when 'NOT_FOUND' then 404 when 'RATE_LIMITED' then 429
				                    when 'MOVED' then 200 when 'SUSPENDED' then 410
				                    else case when id % 2 = 0 then 503 end end,
				       failures,
				       case when outcome = 'MOVED' then 'nueva' || id || '@social.example.es' end,
				       now() + r1 * interval '10 minutes', last_checked_at,
				       streak,
				       case when failures > 0 then now() - failures * interval '1 day' end,
				       case outcome when 'ERROR' then case when id % 2 = 0 then 'HTTP 503 Service Unavailable'
				                                           else 'connect timed out' end
				                    when 'RATE_LIMITED' then 'HTTP 429 Too Many Requests' end,
				       case when outcome = 'OK' and platform in ('MASTODON', 'BLUESKY') then 20 + id % 21 end,
				       case when outcome = 'OK' and platform in ('MASTODON', 'BLUESKY') then r3 * 0.4 end
				from (
				    select a.id, a.handle, a.platform, a.url, x, r1, r3,
				           case when (a.id - 1) / 20 % 200 = 1 and (a.id - 1) % 20 between 5 and 9 then a.id - 5
				                else a.id end as pid,
				           case when x < 20 then 'NOT_FOUND' when x < 50 then 'ERROR' when x < 55 then 'RATE_LIMITED'
				                when x < 58 then 'MOVED' when x < 60 then 'SUSPENDED' else 'OK' end as outcome,
				           case when x < 20 then 1 + a.id % 3 when x < 50 then 1 + a.id % 8 when x < 55 then 1 + a.id % 2
				                when x < 60 then 1 else 1 + a.id % 60 end as streak,
				           case when x between 20 and 49 then 1 + a.id % 8 when x between 50 and 54 then 1 + a.id % 2
				                else 0 end as failures,
				           now() - r1 * interval '20 hours' as last_checked_at,
				           case when x between 60 and 79 then null
				                else now() - interval '1 hour' * power(9600, r2) end as last_activity_at
				    from (select a.*, (a.id * 7919) % 1000 as x, random() as r1, random() as r2, random() as r3
				          from account a offset 0) a
				) s
				""").update();
		jdbc.sql("""
				insert into profile_snapshot (account_id, hash, display_name, bio, avatar_url, followers, following, posts,
				                              fields, bot, created_at, seen_at)
				select a.id, md5(a.id || '-' || v),
				       case when v = 0 then a.display_name else 'Ayto. ' || a.display_name end,
				       'Cuenta oficial del ' || o.name || '. Más información en https://' || o.official_domains[1],
				       case when a.id % 20 = 3 then null else 'https://media.example.es/avatars/' || a.id || '.png' end,
				       100 + a.id % 5000, 10 + a.id % 300, 500 + a.id % 3000,
				       jsonb_build_array(jsonb_build_object('name', 'Web', 'value', 'https://' || o.official_domains[1])),
				       false, now() - interval '2000 days' + (a.id % 900) * interval '1 day',
				       now() - v * interval '180 days' - interval '1 day'
				from account a join organization o on o.id = a.organization_id cross join generate_series(0, 1) v
				where a.platform <> 'FEED' and a.id % 10 < 6 and (v = 0 or a.id % 4 = 0)
				order by a.id, v desc
				""").update();
		jdbc.sql("""
				update account_state s set profile_id = p.id
				from (select distinct on (account_id) id, account_id from profile_snapshot order by account_id, seen_at desc) p
				where p.account_id = s.account_id
				""").update();
	}

	/**
	 * One day of check history for every account, {@code checksPerDay} checks, going back from its last check; the most
	 * recent check of all says what the state says, the others are OK 97% of the time.
	 */
	private long history(int day) {
		return jdbc.sql("""
				insert into account_check (account_id, checked_at, outcome, http_status, latency_ms, requests, error,
				                           last_activity_at, newest_post_url, not_modified, recent_posts, reply_share)
				select account_id, checked_at, outcome,
				       case outcome when 'OK' then 200 when 'NOT_FOUND' then 404 when 'RATE_LIMITED' then 429
				                    when 'MOVED' then 200 when 'SUSPENDED' then 410 else 503 end,
				       (40 + 900 * r2 ^ 3)::int, case when outcome = 'OK' and platform = 'BLUESKY' then 2 else 1 end,
				       case when outcome = 'ERROR' then 'HTTP 503 Service Unavailable' end,
				       case when outcome = 'OK' then least(last_activity_at, checked_at) end,
				       case when outcome = 'OK' and last_activity_at < checked_at then newest_post_url end,
				       outcome = 'OK' and platform = 'FEED' and r2 < 0.6,
				       case when outcome = 'OK' then recent_posts end, case when outcome = 'OK' then reply_share end
				from (
				    select account_id, platform, last_activity_at, newest_post_url, recent_posts, reply_share, r2,
				           case when latest then last_checked_at
				                else last_checked_at - (:day * :perDay + n) * interval '1 day' / :perDay
				                     - r1 * interval '5 minutes' end as checked_at,
				           case when latest then last_outcome when r1 < 0.97 then 'OK' when r1 < 0.985 then 'ERROR'
				                when r1 < 0.99 then 'RATE_LIMITED' else 'NOT_FOUND' end as outcome
				    from (
				        select a.id as account_id, a.platform, s.last_activity_at, s.newest_post_url, s.recent_posts,
				               s.reply_share, s.last_checked_at, s.last_outcome, n, :day = 0 and n = 0 as latest,
				               random() as r1, random() as r2
				        from account a join account_state s on s.account_id = a.id
				        cross join generate_series(0, :perDay - 1) n
				        offset 0
				    ) c
				) c
				""").param("day", day).param("perDay", CHECKS_PER_DAY).update();
	}

	/** Wraps the DataSource bean in the counting one. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountingConfiguration {

		@Bean
		static BeanPostProcessor countingDataSourcePostProcessor() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource))
							? new CountingDataSource(dataSource) : bean;
				}
			};
		}

	}

	/** What the watched thread executed. */
	record Counts(long statements, long commits, long nanos, long others, Map<String, long[]> byText) {
	}

	/**
	 * Counts the executions of statements (execute, executeQuery, executeUpdate, executeBatch and their large
	 * variants) on the connections it hands out, by the thread being watched, with their time and their text; and how
	 * many other threads ran meanwhile.
	 */
	static final class CountingDataSource extends DelegatingDataSource {

		private volatile @Nullable Thread watched;

		private final AtomicLong statements = new AtomicLong();

		private final AtomicLong commits = new AtomicLong();

		private final AtomicLong nanos = new AtomicLong();

		private final AtomicLong others = new AtomicLong();

		private final Map<String, long[]> byText = new ConcurrentHashMap<>();

		CountingDataSource(DataSource target) {
			super(target);
		}

		void start() {
			statements.set(0);
			commits.set(0);
			nanos.set(0);
			others.set(0);
			byText.clear();
			watched = Thread.currentThread();
		}

		Counts stop() {
			watched = null;
			return new Counts(statements.get(), commits.get(), nanos.get(), others.get(), Map.copyOf(byText));
		}

		@Override
		public Connection getConnection() throws SQLException {
			return connection(obtainTargetDataSource().getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return connection(obtainTargetDataSource().getConnection(username, password));
		}

		private Connection connection(Connection target) {
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						switch (method.getName()) {
							case "equals":
								return proxy == args[0];
							case "hashCode":
								return System.identityHashCode(proxy);
							case "unwrap":
								return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
							case "isWrapperFor":
								return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
							case "commit":
								if (watched == Thread.currentThread()) {
									commits.incrementAndGet();
								}
								return invoke(target, method, args);
							case "prepareStatement", "prepareCall", "createStatement": {
								var statement = (Statement) invoke(target, method, args);
								var sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : null;
								return statement(statement, sql);
							}
							default:
								return invoke(target, method, args);
						}
					});
		}

		private Statement statement(Statement target, @Nullable String preparedSql) {
			Class<?> type = (target instanceof CallableStatement) ? CallableStatement.class
					: (target instanceof PreparedStatement) ? PreparedStatement.class : Statement.class;
			return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type },
					(proxy, method, args) -> {
						var name = method.getName();
						if (name.equals("equals")) {
							return proxy == args[0];
						}
						if (name.equals("hashCode")) {
							return System.identityHashCode(proxy);
						}
						if (!name.startsWith("execute")) {
							return invoke(target, method, args);
						}
						var thread = watched;
						if (thread == null) {
							return invoke(target, method, args);
						}
						if (thread != Thread.currentThread()) {
							others.incrementAndGet();
							return invoke(target, method, args);
						}
						long started = System.nanoTime();
						try {
							return invoke(target, method, args);
						}
						finally {
							long took = System.nanoTime() - started;
							statements.incrementAndGet();
							nanos.addAndGet(took);
							var sql = name.contains("Batch") ? "(batch)"
									: (args != null && args.length > 0 && args[0] instanceof String text) ? text
											: String.valueOf(preparedSql);
							var text = sql.strip().replaceAll("\\s+", " ");
							byText.compute(text.substring(0, Math.min(110, text.length())), (key, stats) -> {
								var updated = (stats != null) ? stats : new long[3];
								updated[0]++;
								updated[1] += took;
								updated[2] = Math.max(updated[2], took);
								return updated;
							});
						}
					});
		}

		private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
			try {
				return method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

}
