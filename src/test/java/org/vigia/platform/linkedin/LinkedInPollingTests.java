package org.vigia.platform.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

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
import org.vigia.connections.Connections;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.adapter.Routes;

/**
 * A LinkedIn page through the whole pipeline: an administrator connects it (the grant lists the page), a poll run
 * checks it against the Community Management API served by MockWebServer with the connection's token and records
 * the check; when LinkedIn then refuses the token (401), the connection is lost and the health rules open
 * ACCESS_LOST for the page.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true",
		"vigia.secrets.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "vigia.connections.lifecycle-enabled=false" })
class LinkedInPollingTests {

	static final MockWebServer server = new MockWebServer();

	static final Routes routes = new Routes("linkedin");

	@DynamicPropertySource
	static void linkedInApi(DynamicPropertyRegistry registry) throws IOException {
		server.setDispatcher(routes);
		server.start();
		registry.add("vigia.platforms.linkedin.api-url", () -> server.url("/").toString());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Connections connections;

	long account;

	long organization;

	@BeforeEach
	void aConnectedLinkedInPage() throws Exception {
		jdbc.sql("truncate account, unit, organization, poll_run, connection, connection_token_access "
				+ "restart identity cascade").update();
		PipelineCalls.register(mvc, "Villaverde", "linkedin", "https://www.linkedin.com/company/ayuntamiento-de-villaverde/");
		account = jdbc.sql("select id from account where platform = 'LINKEDIN'").query(Long.class).single();
		organization = jdbc.sql("select organization_id from account where id = :id").param("id", account)
			.query(Long.class)
			.single();
		routes.on("/rest/organizationAcls", routes.fixture("organization-acls.json"))
			.on("/rest/organizations/" + LinkedInAdapterTests.ORGANIZATION_ID, routes.fixture("organization.json"))
			.on(LinkedInAdapterTests.ORGANIZATIONS, routes.fixture("organizations-by-vanity-name.json"))
			.on(LinkedInAdapterTests.NETWORK_SIZE, routes.fixture("network-size.json"))
			.on(LinkedInAdapterTests.POSTS, routes.fixture("posts.json"));
		connections.connect(organization, LinkedInAuthorization.REGISTRATION_ID,
				new NetworkAuthorization.Token(LinkedInAdapterTests.TOKEN, null,
						Instant.now().plus(Duration.ofDays(60)), null),
				Set.of("r_organization_admin", "r_organization_social"), "editor");
	}

	String run() throws Exception {
		return PipelineCalls.run(mvc, account);
	}

	String accessLost() {
		return jdbc.sql("select status from finding where account_id = :id and type = 'ACCESS_LOST'")
			.param("id", account)
			.query(String.class)
			.optional()
			.orElse("none");
	}

	@Test
	void aConnectedPageIsCheckedAndARevokedTokenLosesIt() throws Exception {
		run();

		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastOutcome").value("OK"));
		assertThat(accessLost()).isEqualTo("none");

		routes.on(LinkedInAdapterTests.ORGANIZATIONS, Routes.json(401, routes.read("error-expired.json")));
		run();

		mvc.perform(get("/api/accounts/" + account + "/activity").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.content[0].outcome").value("ERROR"))
			.andExpect(jsonPath("$.content[1].outcome").value("OK"));
		assertThat(accessLost()).isEqualTo("OPEN");
		assertThat(jdbc.sql("select state from connection").query(String.class).single()).isNotEqualTo("ACTIVE");
	}

}
