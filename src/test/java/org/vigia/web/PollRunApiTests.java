package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.jayway.jsonpath.JsonPath;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;

/** Poll runs through the API, the whole stack down to a feed served by MockWebServer and back. */
@IntegrationTest
@TestPropertySource(properties = "vigia.http.allow-private-addresses=true")
class PollRunApiTests {

	static final String RSS = """
			<?xml version="1.0" encoding="UTF-8"?>
			<rss version="2.0"><channel><title>Villaverde: noticias</title><link>https://villaverde.example.es/</link>
			<description>Noticias del Ayuntamiento</description>
			<item><title>Pleno municipal</title><link>https://villaverde.example.es/pleno</link>
			<pubDate>Fri, 27 Nov 2026 09:30:00 GMT</pubDate></item>
			</channel></rss>
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	final MockWebServer server = new MockWebServer();

	@BeforeEach
	void aFeedThatAnswersConditionally() throws Exception {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getUrl().encodedPath().equals("/gone.xml")) {
					return new MockResponse.Builder().code(410).build();
				}
				if ("\"v1\"".equals(request.getHeaders().get("If-None-Match"))) {
					return new MockResponse.Builder().code(304).build();
				}
				return new MockResponse.Builder().code(200)
					.addHeader("Content-Type", "application/rss+xml; charset=utf-8")
					.addHeader("ETag", "\"v1\"")
					.body(RSS)
					.build();
			}
		});
		server.start();
		jdbc.sql("truncate account, unit, organization, poll_run restart identity cascade").update();
		var csv = "organization,platform,url\nVillaverde,feed," + server.url("/noticias.xml") + "\nVillaverde,feed,"
				+ server.url("/gone.xml") + "\nVillaverde,x,https://x.com/villaverde\n";
		mvc.perform(post("/api/registry/import").with(httpBasic("editor", "editor"))
			.contentType("text/csv")
			.content(csv.getBytes(StandardCharsets.UTF_8))).andExpect(status().isOk());
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	long id(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	String awaitCompletion(String location) throws Exception {
		var deadline = Instant.now().plusSeconds(30);
		String body;
		do {
			Thread.sleep(100);
			body = mvc.perform(get(location).with(httpBasic("viewer", "viewer")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
		}
		while (JsonPath.read(body, "$.status").equals("RUNNING") && Instant.now().isBefore(deadline));
		return body;
	}

	@Test
	void aRunStartedThroughTheApiChecksEveryAccountAndReportsItsProgress() throws Exception {
		var response = mvc.perform(post("/api/poll-runs").with(httpBasic("editor", "editor")))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", containsString("/api/poll-runs/")))
			.andExpect(jsonPath("$.status").value("RUNNING"))
			.andExpect(jsonPath("$.total").value(3))
			.andReturn()
			.getResponse();
		var run = awaitCompletion(response.getHeader("Location"));
		assertThat((String) JsonPath.read(run, "$.status")).isEqualTo("COMPLETED");
		assertThat((Integer) JsonPath.read(run, "$.checked")).isEqualTo(3);
		assertThat((Integer) JsonPath.read(run, "$.failed")).isZero();
		assertThat((String) JsonPath.read(run, "$.finishedAt")).isNotNull();

		long feed = id("select id from account where handle like '%noticias.xml'");
		mvc.perform(get("/api/accounts/" + feed).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastActivityAt").value("2026-11-27T09:30:00Z"))
			.andExpect(jsonPath("$.health.lastOutcome").value("OK"))
			.andExpect(jsonPath("$.health.lastCheckedAt").exists())
			.andExpect(jsonPath("$.health.silentDays").isNumber());
		long gone = id("select id from account where handle like '%gone.xml'");
		mvc.perform(get("/api/accounts/" + gone).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastOutcome").value("NOT_FOUND"));
		long x = id("select id from account where platform = 'X'");
		mvc.perform(get("/api/accounts/" + x + "/activity").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.content[0].outcome").value("UNSUPPORTED"));
	}

	@Test
	void aSecondRunSendsTheValidatorsAndKeepsTheActivityOnNotModified() throws Exception {
		long feed = id("select id from account where handle like '%noticias.xml'");
		for (int i = 0; i < 2; i++) {
			var location = mvc.perform(post("/api/poll-runs").with(httpBasic("editor", "editor"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"accountIds\": [" + feed + "]}"))
				.andExpect(status().isAccepted())
				.andExpect(jsonPath("$.total").value(1))
				.andReturn()
				.getResponse()
				.getHeader("Location");
			awaitCompletion(location);
		}
		mvc.perform(get("/api/accounts/" + feed + "/activity").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.page.totalElements").value(2))
			.andExpect(jsonPath("$.content[0].outcome").value("OK"))
			.andExpect(jsonPath("$.content[0].notModified").value(true))
			.andExpect(jsonPath("$.content[0].httpStatus").value(304))
			.andExpect(jsonPath("$.content[1].notModified").value(false))
			.andExpect(jsonPath("$.content[1].profile.displayName").value("Villaverde: noticias"));
		mvc.perform(get("/api/accounts/" + feed).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastActivityAt").value("2026-11-27T09:30:00Z"));
	}

	@Test
	void aRunForAccountsThatDoNotExistIsRefusedNamingThem() throws Exception {
		mvc.perform(post("/api/poll-runs").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"accountIds\": [424242]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.accountIds[0]").value(424242));
		mvc.perform(get("/api/poll-runs/999999").with(httpBasic("viewer", "viewer"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/poll-runs").with(httpBasic("viewer", "viewer"))).andExpect(status().isForbidden());
	}

}
