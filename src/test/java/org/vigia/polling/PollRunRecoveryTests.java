package org.vigia.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vigia.runs.ClusterNodes;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.DatabaseOutage;
import org.vigia.IntegrationTest;
import org.vigia.registry.RegistryCsv;

/**
 * Poll runs that lose their workers, with accounts not checked on schedule (as in every integration test): the
 * cluster still sees each run to its end, COMPLETED, or FAILED with the reason, never RUNNING for ever.
 */
@IntegrationTest
@Import(DatabaseOutage.class)
@TestPropertySource(properties = { "vigia.polling.tick=PT2S", "vigia.http.allow-private-addresses=true",
		"management.endpoint.health.show-components=always" })
class PollRunRecoveryTests {

	static final int ACCOUNTS = 200;

	@Autowired
	PollRuns runs;

	@Autowired
	RegistryCsv csv;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	DatabaseOutage.Switch outage;

	@Autowired
	ClusterNodes nodes;

	final MockWebServer feeds = new MockWebServer();

	final ConcurrentHashMap<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

	@BeforeEach
	void slowFeeds() throws Exception {
		feeds.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				lookups.computeIfAbsent(request.getUrl().encodedPath(), path -> new AtomicInteger()).incrementAndGet();
				Thread.sleep(100);
				return new MockResponse.Builder().code(200)
					.addHeader("Content-Type", "application/rss+xml")
					.body(PollingClusterTests.rss(request.getUrl().encodedPath()))
					.build();
			}
		});
		feeds.start();
		jdbc.sql("truncate account, unit, organization, poll_run restart identity cascade").update();
	}

	@AfterEach
	void databaseBackAndFeedsClosed() throws Exception {
		outage.end();
		jdbc.sql("drop trigger if exists refuse_checks on account_check").update();
		jdbc.sql("drop function if exists refuse_checks()").update();
		feeds.close();
	}

	void register(int accounts) {
		var file = new StringBuilder("organization,platform,url\n");
		for (int i = 0; i < accounts; i++) {
			file.append("Villaverde,feed,").append(feeds.url("/feeds/" + i + ".xml")).append('\n');
		}
		csv.importCsv(file.toString().getBytes(StandardCharsets.UTF_8), false);
	}

	@Test
	void aRunInterruptedByADatabaseOutageIsFinishedOnceTheDatabaseIsBack() throws Exception {
		register(ACCOUNTS);
		var run = runs.start(null);
		var deadline = Instant.now().plusSeconds(30);
		// Three quarters through the lookups: the outage is on when the worker records what it checked.
		while (lookups.values().stream().mapToInt(AtomicInteger::get).sum() < 150 && Instant.now().isBefore(deadline)) {
			Thread.sleep(20);
		}
		outage.begin();
		Thread.sleep(Duration.ofSeconds(10));
		outage.end();
		var back = Instant.now();
		int checkedAfterOutage = runs.get(run.id()).checked();
		assertThat(checkedAfterOutage).as("the outage stopped the run part-way").isLessThan(ACCOUNTS);

		var finished = awaitEnd(run, Duration.ofSeconds(90));
		assertThat(finished.status()).isEqualTo(PollRun.Status.COMPLETED);
		assertThat(finished.checked()).isEqualTo(ACCOUNTS);
		var checksPerAccount = jdbc.sql("""
				select count(c.id) from account a left join account_check c on c.account_id = a.id and c.run_id = :runId
				group by a.id
				""").param("runId", run.id()).query(Long.class).list();
		assertThat(checksPerAccount).as("checks recorded per account").hasSize(ACCOUNTS).containsOnly(1L);
		System.out.printf("Outage: %d of %d accounts checked when the database came back; COMPLETED %.1f s later%n",
				checkedAfterOutage, ACCOUNTS,
				Duration.between(back, finished.finishedAt()).toMillis() / 1000.0);
	}

	@Test
	void aRunWhoseWorkersKeepStoppingIsFailedWithTheReasonShownInTheApiAndOnItsPage() throws Exception {
		register(10);
		jdbc.sql("""
				create function refuse_checks() returns trigger language plpgsql as $$
				begin
				    raise exception 'account_check refuses every check (a test)';
				end $$""").update();
		jdbc.sql("create trigger refuse_checks before insert on account_check execute function refuse_checks()")
			.update();
		var run = runs.start(null);

		var finished = awaitEnd(run, Duration.ofSeconds(60));
		assertThat(finished.status()).isEqualTo(PollRun.Status.FAILED);
		assertThat(finished.reason()).isEqualTo(PollRun.Reason.WORKERS_STOPPED);
		assertThat(finished.error()).contains("account_check refuses every check (a test)");
		assertThat(finished.finishedAt()).isNotNull();
		assertThat(jdbc.sql("select restarts from poll_run where id = :id").param("id", run.id()).query(Integer.class)
			.single()).isEqualTo(PollRuns.MAX_RESTARTS);
		mvc.perform(get("/api/poll-runs/" + run.id()).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.status").value("FAILED"))
			.andExpect(jsonPath("$.reason").value("WORKERS_STOPPED"))
			.andExpect(jsonPath("$.error").value(containsString("account_check refuses every check")));
		mvc.perform(get("/runs/" + run.id() + "?lang=es").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString(
					"Sus procesos se detuvieron varias veces seguidas sin comprobar ninguna cuenta")));
	}

	@Test
	void aRunLeftWithoutWorkersIsFinishedByTheClusterWithTheScheduleOff() throws Exception {
		register(2);
		// Left behind by a node that died before it could hand the run to Quartz: one account done, one claimed by
		// a worker of this very node whose lease is still good, although that worker is gone.
		long runId = jdbc.sql("insert into poll_run (status, trigger, total, started_at) "
				+ "values ('RUNNING', 'MANUAL', 2, now() - interval '1 minute') returning id")
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into poll_run_account (run_id, account_id, done, outcome, lease_until, claimed_by)
				select :runId, id, id = 1, case when id = 1 then 'OK' end,
				       case when id = 2 then now() + interval '10 minutes' end,
				       case when id = 2 then :instance end
				from account
				""").param("runId", runId).param("instance", nodes.instanceId()).update();

		var finished = awaitEnd(runs.get(runId), Duration.ofSeconds(30));
		assertThat(finished.status()).isEqualTo(PollRun.Status.COMPLETED);
		assertThat(jdbc.sql("select count(*) from account_check where run_id = :id").param("id", runId)
			.query(Long.class).single()).isOne();
	}

	PollRun awaitEnd(PollRun run, Duration timeout) throws InterruptedException {
		var deadline = Instant.now().plus(timeout);
		while (run.status() == PollRun.Status.RUNNING && Instant.now().isBefore(deadline)) {
			Thread.sleep(200);
			run = runs.get(run.id());
		}
		return run;
	}

}
