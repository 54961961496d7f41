package org.vigia.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.vigia.ClusterNode;
import org.vigia.IntegrationTest;
import org.vigia.registry.RegistryCsv;

/**
 * Fail-over with the production settings: a ten-minute lease, batches of 500, Quartz's check-in every five seconds (as
 * application.yml sets them; stated here so that no test default shortens them). Two nodes, this test's and one in a
 * child JVM; the child holds a poll run's work and is killed in the middle of it.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.polling.lease=PT10M",
		"vigia.polling.batch-size=500", "vigia.polling.shards=4", "vigia.polling.tick=PT1M",
		"spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=5000",
		"spring.quartz.properties.org.quartz.scheduler.idleWaitTime=2000" })
class PollingFailoverTests {

	static final int ACCOUNTS = 400;

	static final Duration LATENCY = Duration.ofMillis(200);

	static final String CHILD_AGENT = "https://example.org/child-node";

	@Autowired
	PollRuns runs;

	@Autowired
	RegistryCsv csv;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Scheduler scheduler;

	final MockWebServer feeds = new MockWebServer();

	final ConcurrentHashMap<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

	final AtomicInteger childLookups = new AtomicInteger();

	final AtomicReference<Instant> childBegan = new AtomicReference<>();

	Process child;

	@BeforeEach
	void twoNodesAndFourHundredSlowFeeds() throws Exception {
		feeds.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				lookups.computeIfAbsent(request.getUrl().encodedPath(), path -> new AtomicInteger()).incrementAndGet();
				var agent = request.getHeaders().get("User-Agent");
				if (agent != null && agent.contains(CHILD_AGENT)) {
					childBegan.compareAndSet(null, Instant.now());
					childLookups.incrementAndGet();
				}
				Thread.sleep(LATENCY);
				return new MockResponse.Builder().code(200)
					.addHeader("Content-Type", "application/rss+xml")
					.body(PollingClusterTests.rss(request.getUrl().encodedPath()))
					.build();
			}
		});
		feeds.start();
		jdbc.sql("truncate account, unit, organization, poll_run restart identity cascade").update();
		var file = new StringBuilder("organization,platform,url\n");
		for (int i = 0; i < ACCOUNTS; i++) {
			file.append("Villaverde,feed,").append(feeds.url("/feeds/" + i + ".xml")).append('\n');
		}
		csv.importCsv(file.toString().getBytes(StandardCharsets.UTF_8), false);
		child = ClusterNode.start((HikariDataSource) dataSource, scheduler.getSchedulerName(),
				"--vigia.http.contact-url=" + CHILD_AGENT);
		ClusterNode.awaitNodes(jdbc, scheduler.getSchedulerName(), child, 2, Duration.ofMinutes(3));
	}

	@AfterEach
	void stopChild() throws Exception {
		if (child != null && child.isAlive()) {
			child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (scheduler.isInStandbyMode()) {
			scheduler.start();
		}
		feeds.close();
	}

	@Test
	void aNodeKilledFourSecondsIntoARunIsTakenOverAndTheRunCompletesWithinTwoMinutes() throws Exception {
		// 400 accounts make one batch, so one worker: this node waits in standby until the child has taken it.
		scheduler.standby();
		var run = runs.start(null);
		var deadline = Instant.now().plusSeconds(30);
		while (childBegan.get() == null && Instant.now().isBefore(deadline)) {
			Thread.sleep(20);
		}
		scheduler.start();
		assertThat(childBegan.get()).as("the child node took the run's work").isNotNull();
		// Four seconds in; later only if the child, a JVM just started on a busy machine, has recorded nothing by then:
		// what it recorded must be kept, and what it had not must be done once more, and only that.
		var fourSecondsIn = childBegan.get().plusSeconds(4);
		while ((Instant.now().isBefore(fourSecondsIn) || runs.get(run.id()).checked() == 0)
				&& Instant.now().isBefore(fourSecondsIn.plusSeconds(30))) {
			Thread.sleep(20);
		}

		child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		var killedAt = Instant.now();
		int childChecks = childLookups.get();
		int keptChecks = runs.get(run.id()).checked();
		assertThat(keptChecks).as("checks the child recorded before it died").isPositive().isLessThan(ACCOUNTS);

		var finished = awaitCompletion(run, Duration.ofMinutes(3));
		assertThat(finished.status()).isEqualTo(PollRun.Status.COMPLETED);
		var takeover = Duration.between(killedAt, finished.finishedAt());
		double lookupsPerAccount = lookups.values().stream().mapToInt(AtomicInteger::get).sum() / (double) ACCOUNTS;
		System.out.printf("""
				Fail-over: the child made %d lookups in %.1f s and recorded %d checks before it was killed;
				  the run was COMPLETED %.1f s after the kill, with %.3f lookups per account (%d accounts looked up twice)
				""", childChecks, Duration.between(childBegan.get(), killedAt).toMillis() / 1000.0, keptChecks,
				takeover.toMillis() / 1000.0, lookupsPerAccount,
				lookups.values().stream().filter(count -> count.get() > 1).count());
		assertThat(takeover).as("time from the kill to COMPLETED").isLessThan(Duration.ofMinutes(2));
		assertThat(finished.checked()).isEqualTo(ACCOUNTS);
		assertThat(lookups).as("accounts looked up").hasSize(ACCOUNTS);
		assertThat(lookupsPerAccount).as("platform lookups per account").isLessThanOrEqualTo(1.25);
		var checksPerAccount = jdbc.sql("""
				select count(c.id) from account a left join account_check c on c.account_id = a.id and c.run_id = :runId
				group by a.id
				""").param("runId", run.id()).query(Long.class).list();
		assertThat(checksPerAccount).as("checks recorded per account in the run").hasSize(ACCOUNTS).containsOnly(1L);
	}

	PollRun awaitCompletion(PollRun run, Duration timeout) throws InterruptedException {
		var deadline = Instant.now().plus(timeout);
		while (run.status() == PollRun.Status.RUNNING && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
			run = runs.get(run.id());
		}
		return run;
	}

}
