package org.vigia.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.quartz.Scheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.vigia.ClusterNode;
import org.vigia.IntegrationTest;
import org.vigia.registry.RegistryCsv;

/**
 * Two Vigía nodes on one database: this test's application and a second one in a child JVM. A poll run is shared
 * between them and checks every account exactly once, also when the child is killed in the middle of the run.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.polling.lease=PT3S",
		"vigia.polling.batch-size=10", "vigia.polling.shards=4",
		"spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
		"spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000" })
class PollingClusterTests {

	static final int ACCOUNTS = 200;

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

	final AtomicInteger childRequests = new AtomicInteger();

	final AtomicInteger ownRequests = new AtomicInteger();

	Process child;

	@BeforeEach
	void twoNodesAndTwoHundredFeeds() throws Exception {
		feeds.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				var agent = request.getHeaders().get("User-Agent");
				(agent != null && agent.contains(CHILD_AGENT) ? childRequests : ownRequests).incrementAndGet();
				Thread.sleep(100);
				return new MockResponse.Builder().code(200)
					.addHeader("Content-Type", "application/rss+xml")
					.body(rss(request.getUrl().encodedPath()))
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
				"--vigia.http.contact-url=" + CHILD_AGENT, "--vigia.polling.lease=PT3S", "--vigia.polling.batch-size=10",
				"--vigia.polling.shards=4", "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
				"--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000");
		ClusterNode.awaitNodes(jdbc, scheduler.getSchedulerName(), child, 2, Duration.ofSeconds(90));
	}

	@AfterEach
	void stopChild() throws Exception {
		if (child != null && child.isAlive()) {
			child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		feeds.close();
	}

	static String rss(String path) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<rss version="2.0"><channel><title>Villaverde %s</title><link>https://villaverde.example.es/</link>
				<description>Noticias</description>
				<item><title>Pleno municipal</title><link>https://villaverde.example.es/pleno</link>
				<pubDate>Fri, 27 Nov 2026 09:30:00 GMT</pubDate></item>
				</channel></rss>
				""".formatted(path);
	}

	@Test
	void twoNodesShareARunAndCheckEveryAccountExactlyOnce() throws Exception {
		var run = awaitCompletion(runs.start(null), Duration.ofSeconds(60));
		assertThat(run.status()).isEqualTo(PollRun.Status.COMPLETED);
		assertThat(run.checked()).isEqualTo(ACCOUNTS);
		assertExactlyOneCheckPerAccount(run.id());
		assertThat(childRequests.get() + ownRequests.get()).isEqualTo(ACCOUNTS);
		assertThat(childRequests.get()).as("requests made by the child node").isPositive();
		assertThat(ownRequests.get()).as("requests made by this node").isPositive();
		System.out.printf("Run %d: this node made %d requests, the child node %d%n", run.id(), ownRequests.get(),
				childRequests.get());
	}

	@Test
	void whenANodeIsKilledMidRunTheOtherFinishesIt() throws Exception {
		var run = runs.start(null);
		var deadline = Instant.now().plusSeconds(30);
		while (childRequests.get() < 10 && Instant.now().isBefore(deadline)) {
			Thread.sleep(20);
		}
		assertThat(childRequests.get()).as("the child node took part before it was killed").isGreaterThanOrEqualTo(10);
		child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		int checkedWhenKilled = runs.get(run.id()).checked();
		assertThat(checkedWhenKilled).as("the run was still going when the child died").isLessThan(ACCOUNTS);

		var finished = awaitCompletion(run, Duration.ofSeconds(90));
		assertThat(finished.status()).isEqualTo(PollRun.Status.COMPLETED);
		assertThat(finished.checked()).isEqualTo(ACCOUNTS);
		assertExactlyOneCheckPerAccount(run.id());
	}

	void assertExactlyOneCheckPerAccount(long runId) {
		var counts = jdbc.sql("""
				select count(distinct a.id) as accounts, count(c.id) as checks
				from account a left join account_check c on c.account_id = a.id and c.run_id = :runId
				""").param("runId", runId).query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		assertThat(counts[0]).isEqualTo(ACCOUNTS);
		assertThat(counts[1]).as("checks recorded in the run").isEqualTo(ACCOUNTS);
		var twice = jdbc.sql("""
				select count(*) from (select account_id from account_check where run_id = :runId
				                      group by account_id having count(*) > 1) t
				""").param("runId", runId).query(Long.class).single();
		assertThat(twice).isZero();
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
