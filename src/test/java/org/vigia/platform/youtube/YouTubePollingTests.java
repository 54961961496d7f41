package org.vigia.platform.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;

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
 * YouTube through the whole pipeline with an API key: a channel registered by @handle is resolved and read; once
 * channels.list no longer returns it, GONE opens only after the second check in a row says so.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true",
		"vigia.platforms.youtube.api-key=pipeline-key" })
class YouTubePollingTests {

	static final MockWebServer server = new MockWebServer();

	static final Routes routes = new Routes("youtube");

	@DynamicPropertySource
	static void youtubeApi(DynamicPropertyRegistry registry) throws IOException {
		server.setDispatcher(routes);
		server.start();
		registry.add("vigia.platforms.youtube.api-url", () -> server.url("/").toString());
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
		PipelineCalls.register(mvc, "Vila", "youtube", "https://www.youtube.com/@ajuntamentvila");
		account = jdbc.sql("select id from account where platform = 'YOUTUBE'").query(Long.class).single();
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
	void aHandleIsResolvedAndAChannelThatIsNoLongerReturnedIsGoneOnceConfirmed() throws Exception {
		routes.on("/youtube/v3/channels", routes.fixture("channel.json"), routes.fixture("channel-none.json"))
			.on("/youtube/v3/playlistItems", routes.fixture("uploads.json"));

		run();

		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastOutcome").value("OK"))
			.andExpect(jsonPath("$.health.lastActivityAt").value("2026-12-03T17:30:00Z"));
		run();
		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastOutcome").value("NOT_FOUND"));
		assertThat(finding()).isEqualTo("none");
		run();
		assertThat(finding()).isEqualTo("GONE OPEN");
		mvc.perform(get("/api/platforms/youtube/budget").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.allowance.unit").value("units"))
			.andExpect(jsonPath("$.allowance.used").value(4))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("pipeline-key"))));
	}

}
