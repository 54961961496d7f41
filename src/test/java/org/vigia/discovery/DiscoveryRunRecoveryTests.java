package org.vigia.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.vigia.ApiCalls.awaitFinished;
import static org.vigia.ApiCalls.editor;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.jayway.jsonpath.JsonPath;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.runs.ClusterNodes;
import org.vigia.runs.Runs;

/**
 * Discovery runs go through the run mechanism poll runs use: a run its worker left goes on where it stopped, and an
 * organization claimed by a node that is no longer alive is taken over before the claim's lease runs out. Two towns
 * without accounts, whose searches find nobody.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		"vigia.http.max-retries=0" })
class DiscoveryRunRecoveryTests {

	static final MockWebServer SERVER = new MockWebServer();

	static {
		SERVER.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				// Bluesky's searchActors and Mastodon's v2 search, both finding nobody.
				return new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.body("{\"actors\": [], \"accounts\": [], \"statuses\": [], \"hashtags\": []}")
					.build();
			}

		});
		try {
			SERVER.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void platformsOnTheMockServer(DynamicPropertyRegistry registry) {
		var base = SERVER.url("/").toString();
		registry.add("vigia.platforms.bluesky.api-url", () -> base);
		registry.add("vigia.discovery.mastodon-instances", () -> base.substring(0, base.length() - 1));
	}

	@AfterAll
	static void stopServer() {
		SERVER.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Scheduler scheduler;

	@Autowired
	DiscoveryRuns discoveryRuns;

	@Autowired
	Runs runs;

	@Autowired
	ClusterNodes nodes;

	long villaverde;

	long robledo;

	@BeforeEach
	void twoTowns() throws Exception {
		jdbc.sql("truncate account, unit, organization, discovery_run restart identity cascade").update();
		villaverde = organization("Ayuntamiento de Villaverde");
		robledo = organization("Ayuntamiento de Robledo");
	}

	@Test
	void aRunWhoseWorkerWasLostGoesOnWhereItStoppedWhenTheScheduleComesRoundInsteadOfStartingAnother()
			throws Exception {
		long runId = leftRun();
		jdbc.sql("update discovery_run_organization set done = true where run_id = :runId and organization_id = :id")
			.param("runId", runId)
			.param("id", villaverde)
			.update();

		scheduler.triggerJob(JobKey.jobKey("scheduled", "discovery"));
		var run = awaitFinished(mvc, "/api/discovery-runs/" + runId);

		assertThat(run).containsEntry("status", "COMPLETED").containsEntry("total", 2).containsEntry("checked", 2);
		// Only Robledo was left to examine: its names searched on Bluesky and on the one Mastodon server.
		assertThat((Integer) run.get("searches")).isPositive();
		assertThat(SERVER.getRequestCount()).isEqualTo((Integer) run.get("searches"));
		assertThat(jdbc.sql("select restarts from discovery_run where id = :id").param("id", runId).query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from discovery_run").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void anOrganizationClaimedByANodeThatIsNoLongerAliveIsTakenOverBeforeItsLeaseRunsOut() {
		long runId = leftRun();
		jdbc.sql("""
				update discovery_run_organization set lease_until = now() + interval '1 hour',
				       claimed_by = case organization_id when :villaverde then :alive else 'a-node-long-gone' end
				where run_id = :runId
				""").param("villaverde", villaverde).param("alive", nodes.instanceId()).param("runId", runId).update();

		assertThat(runs.claim(discoveryRuns.kind(), runId)).containsExactly(robledo);
		assertThat(runs.claim(discoveryRuns.kind(), runId)).isEmpty();
		assertThat(jdbc.sql("select claimed_by from discovery_run_organization where organization_id = :id")
			.param("id", robledo).query(String.class).single()).isEqualTo(nodes.instanceId());
	}

	/** A run of both towns, started ten minutes ago, that has no worker. */
	private long leftRun() {
		long runId = jdbc.sql("""
				insert into discovery_run (status, trigger, total, started_at)
				values ('RUNNING', 'SCHEDULED', 2, now() - interval '10 minutes')
				returning id
				""").query(Long.class).single();
		jdbc.sql("""
				insert into discovery_run_organization (run_id, organization_id) values (:runId, :a), (:runId, :b)
				""").param("runId", runId).param("a", villaverde).param("b", robledo).update();
		return runId;
	}

	private long organization(String name) throws Exception {
		var created = editor(mvc, post("/api/organizations").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\"}"));
		return ((Number) JsonPath.read(created, "$.id")).longValue();
	}

}
