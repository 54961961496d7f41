package org.vigia.platform.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;

import com.jayway.jsonpath.JsonPath;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.platform.PipelineCalls;
import org.vigia.IntegrationTest;
import org.vigia.platform.adapter.Routes;

/**
 * X through the whole pipeline: a poll run checks the account against the X API served by MockWebServer, records the
 * check, and the health rules open a finding; once the month's budget so far is spent, the next run reads nothing,
 * records the account as SKIPPED, fails nothing and leaves the finding as it was.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true",
		"vigia.platforms.x.bearer-token=pipeline-bearer", "vigia.platforms.x.monthly-reads=3100" })
class XPollingTests {

	static final MockWebServer server = new MockWebServer();

	static final Routes routes = new Routes("x");

	@DynamicPropertySource
	static void xApi(DynamicPropertyRegistry registry) throws IOException {
		server.setDispatcher(routes);
		server.start();
		registry.add("vigia.platforms.x.api-url", () -> server.url("/").toString());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long account;

	@BeforeEach
	void anXAccountInTheRegistry() throws Exception {
		jdbc.sql("truncate account, unit, organization, poll_run, platform_allowance restart identity cascade").update();
		PipelineCalls.register(mvc, "Vila", "x", "https://x.com/ajvila");
		account = jdbc.sql("select id from account where platform = 'X'").query(Long.class).single();
	}

	String run() throws Exception {
		return PipelineCalls.run(mvc, account);
	}

	String finding() {
		return jdbc.sql("select type || ' ' || status from finding where account_id = :id and type = 'GONE'")
			.param("id", account)
			.query(String.class)
			.optional()
			.orElse("none");
	}

	@Test
	void aSuspendedAccountOpensAFindingAndABudgetSpentForNowSkipsWithoutFailing() throws Exception {
		routes.on("/2/users/by/username/ajvila", routes.fixture("user-suspended.json"));
		int before = server.getRequestCount();

		run();

		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastOutcome").value("SUSPENDED"));
		assertThat(finding()).isEqualTo("GONE OPEN");
		assertThat(server.getRequestCount() - before).isEqualTo(1);

		// Another node spent what the month allows so far.
		jdbc.sql("""
				update platform_allowance set used = 100000
				where network = 'x' and period_start = date_trunc('month', now() at time zone 'utc')::date
				""").update();
		var second = run();

		assertThat((Integer) JsonPath.read(second, "$.failed")).isZero();
		assertThat(server.getRequestCount() - before).isEqualTo(1);
		mvc.perform(get("/api/accounts/" + account + "/activity").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.content[0].outcome").value("SKIPPED"))
			.andExpect(jsonPath("$.content[1].outcome").value("SUSPENDED"));
		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.consecutiveFailures").value(0));
		assertThat(finding()).isEqualTo("GONE OPEN");
		mvc.perform(get("/api/platforms/x/budget").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.allowance.configured").value(true))
			.andExpect(jsonPath("$.allowance.limit").value(3100))
			.andExpect(jsonPath("$.allowance.used").value(100000))
			.andExpect(jsonPath("$.accounts").value(1))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("pipeline-bearer"))));
		mvc.perform(get("/connections").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("allowance-x")));
	}

}
