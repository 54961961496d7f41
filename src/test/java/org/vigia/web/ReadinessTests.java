package org.vigia.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.DatabaseOutage;
import org.vigia.IntegrationTest;

/**
 * Readiness is what compose and load balancers watch: it goes DOWN while the database is unreachable or the scheduler
 * is not running, and comes back with them; liveness stays UP, so that an outage does not get every node restarted.
 * (The same configuration as the poll run recovery tests, so that both share one application context.)
 */
@IntegrationTest
@Import(DatabaseOutage.class)
@TestPropertySource(properties = { "vigia.polling.tick=PT2S", "vigia.http.allow-private-addresses=true",
		"management.endpoint.health.show-components=always" })
class ReadinessTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	DatabaseOutage.Switch outage;

	@Autowired
	Scheduler scheduler;

	@AfterEach
	void databaseAndSchedulerBack() throws Exception {
		outage.end();
		if (scheduler.isInStandbyMode()) {
			scheduler.start();
		}
	}

	@Test
	void readinessIsDownWhileTheDatabaseIsUnreachableAndLivenessStaysUp() throws Exception {
		mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components.db.status").value("UP"))
			.andExpect(jsonPath("$.components.scheduler.status").value("UP"));

		outage.begin();
		mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.status").value("DOWN"))
			.andExpect(jsonPath("$.components.db.status").value("DOWN"))
			.andExpect(jsonPath("$.components.scheduler.status").value("DOWN"));
		mvc.perform(get("/actuator/health/liveness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components.db").doesNotExist())
			.andExpect(jsonPath("$.components.scheduler").doesNotExist());

		outage.end();
		awaitReady(Duration.ofSeconds(30));
	}

	@Test
	void readinessIsDownWhileTheSchedulerIsInStandby() throws Exception {
		scheduler.standby();
		mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.components.db.status").value("UP"))
			.andExpect(jsonPath("$.components.scheduler.status").value("DOWN"));
		mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());

		scheduler.start();
		awaitReady(Duration.ofSeconds(30));
	}

	void awaitReady(Duration timeout) throws Exception {
		var deadline = Instant.now().plus(timeout);
		while (mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getStatus() != 200
				&& Instant.now().isBefore(deadline)) {
			Thread.sleep(250);
		}
		mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.scheduler.status").value("UP"));
	}

}
