package org.vigia.platform.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.connections.ConnectionLifecycleCalls;
import org.vigia.connections.Connections;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.PipelineCalls;
import org.vigia.platform.adapter.Routes;

/**
 * A TikTok account through the whole pipeline: the account connects itself (Login Kit), a poll run checks it against
 * TikTok's API served by MockWebServer with the connection's token and records its health; the lifecycle refreshes
 * the day-long token, keeping each rotated refresh token and never sending an old one again; a revoked authorization
 * loses the connection (ACCESS_LOST), never the account; a throttled app is RATE_LIMITED.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		"vigia.secrets.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "vigia.connections.lifecycle-enabled=false",
		"vigia.platforms.tiktok.client-key=awvillaverde0001", "vigia.platforms.tiktok.client-secret=villaverde-secret" })
class TikTokPollingTests {

	static final String FIRST_REFRESH = "rft.villaverdeFIRST000000000000000000000000000!4471.e1";

	static final MockWebServer server = new MockWebServer();

	static final Routes routes = new Routes("tiktok");

	@DynamicPropertySource
	static void tikTokApi(DynamicPropertyRegistry registry) throws IOException {
		server.setDispatcher(routes);
		server.start();
		registry.add("vigia.platforms.tiktok.api-url", () -> server.url("/").toString());
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

	@Autowired
	ApplicationContext context;

	long account;

	long connection;

	@BeforeEach
	void aConnectedTikTokAccount() throws Exception {
		jdbc.sql("truncate account, unit, organization, poll_run, connection, connection_token_access "
				+ "restart identity cascade").update();
		PipelineCalls.register(mvc, "Villaverde", "tiktok", "https://www.tiktok.com/@aytovillaverde");
		account = jdbc.sql("select id from account where platform = 'TIKTOK'").query(Long.class).single();
		long organization = jdbc.sql("select organization_id from account where id = :id").param("id", account)
			.query(Long.class)
			.single();
		routes.on(TikTokAdapterTests.USER_INFO, routes.fixture("user-info.json"))
			.on(TikTokAdapterTests.VIDEOS, routes.fixture("videos.json"))
			.on("/v2/oauth/token/", routes.fixture("token-refreshed.json"), routes.fixture("token-refreshed-again.json"));
		connection = connections.connect(organization, TikTokAuthorization.REGISTRATION_ID,
				new NetworkAuthorization.Token(TikTokAdapterTests.TOKEN, FIRST_REFRESH,
						Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))),
				Set.of("user.info.basic,user.info.profile,user.info.stats,video.list"), "editor").id();
		drain();
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

	List<RecordedRequest> drain() throws InterruptedException {
		var recorded = new ArrayList<RecordedRequest>();
		for (var request = server.takeRequest(100, TimeUnit.MILLISECONDS); request != null; request = server
			.takeRequest(100, TimeUnit.MILLISECONDS)) {
			recorded.add(request);
		}
		return recorded;
	}

	static String field(RecordedRequest request, String name) {
		for (var pair : request.getBody().utf8().split("&")) {
			var at = pair.indexOf('=');
			if (pair.substring(0, at).equals(name)) {
				return URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	@Test
	void theConnectedAccountIsCheckedWithItsProfileAndNewestVideo() throws Exception {
		var granted = connections.get(connection);
		assertThat(granted.networkUserId()).isEqualTo(TikTokAdapterTests.OPEN_ID);
		assertThat(granted.scopes()).contains("user.info.basic", "video.list");
		assertThat(granted.assets()).singleElement().satisfies(asset -> {
			assertThat(asset.handle()).isEqualTo("aytovillaverde");
			assertThat(asset.accountId()).isEqualTo(account);
		});

		run();

		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastOutcome").value("OK"))
			.andExpect(jsonPath("$.health.lastActivityAt").value("2026-11-28T09:30:00Z"))
			.andExpect(jsonPath("$.health.watchedBy.kind").value("CONNECTION"))
			.andExpect(jsonPath("$.health.watchedBy.connectionId").value(connection));
		assertThat(accessLost()).isEqualTo("none");
	}

	@Test
	void eachRefreshKeepsTheRotatedRefreshTokenAndNeverSendsAnOldOneAgain() throws Exception {
		ConnectionLifecycleCalls.run(context);
		var refreshedAt = Instant.now();
		ConnectionLifecycleCalls.run(context);

		var refreshes = drain().stream().filter(request -> request.getUrl().encodedPath().equals("/v2/oauth/token/"))
			.toList();
		assertThat(refreshes).hasSize(2);
		assertThat(refreshes).allSatisfy(request -> {
			assertThat(request.getMethod()).isEqualTo("POST");
			assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(field(request, "client_key")).isEqualTo("awvillaverde0001");
			assertThat(field(request, "client_secret")).isEqualTo("villaverde-secret");
			assertThat(field(request, "grant_type")).isEqualTo("refresh_token");
		});
		assertThat(field(refreshes.get(0), "refresh_token")).isEqualTo(FIRST_REFRESH);
		assertThat(field(refreshes.get(1), "refresh_token"))
			.isEqualTo("rft.villaverdeSECOND00000000000000000000000000!4471.e1");
		// expires_in, not the documentation's 24 hours, sets the expiry.
		assertThat(connections.get(connection).expiresAt()).isBetween(refreshedAt.plusSeconds(86400 - 60),
				Instant.now().plusSeconds(86400 + 60));
		assertThat(connections.get(connection).state().name()).isEqualTo("ACTIVE");

		run();

		var checks = drain();
		assertThat(checks).isNotEmpty().allSatisfy(request -> assertThat(request.getHeaders().get("Authorization"))
			.isEqualTo("Bearer act.villaverdeTHIRD0000000000000000000000000000!4471.e1"));
		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastOutcome").value("OK"));
	}

	@Test
	void aRefusedRefreshLosesTheConnection() throws Exception {
		routes.on("/v2/oauth/token/", Routes.json(400, routes.read("token-invalid-grant.json")));

		ConnectionLifecycleCalls.run(context);

		assertThat(connections.get(connection).state().name()).isEqualTo("FAILING");
		assertThat(accessLost()).isEqualTo("OPEN");
	}

	@Test
	void anAccountWithoutVideosIsCheckedWithoutALastActivity() throws Exception {
		routes.on(TikTokAdapterTests.VIDEOS, routes.fixture("videos-empty.json"));

		run();

		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastOutcome").value("OK"))
			.andExpect(jsonPath("$.health.lastActivityAt").doesNotExist());
	}

	@Test
	void aRevokedAuthorizationLosesTheConnectionNeverTheAccount() throws Exception {
		run();
		routes.on(TikTokAdapterTests.USER_INFO, Routes.json(401, routes.read("error-access-token-invalid.json")));

		run();

		mvc.perform(get("/api/accounts/" + account + "/activity").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.content[0].outcome").value("ERROR"))
			.andExpect(jsonPath("$.content[1].outcome").value("OK"));
		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.state").value("ACTIVE"));
		assertThat(accessLost()).isEqualTo("OPEN");
		assertThat(connections.get(connection).state().name()).isEqualTo("FAILING");
	}

	@Test
	void aThrottledAppIsRateLimitedAndNothingIsLost() throws Exception {
		routes.on(TikTokAdapterTests.VIDEOS, Routes.json(429, routes.read("error-rate-limit.json")));

		run();

		mvc.perform(get("/api/accounts/" + account).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.lastOutcome").value("RATE_LIMITED"));
		assertThat(accessLost()).isEqualTo("none");
		assertThat(connections.get(connection).state().name()).isEqualTo("ACTIVE");
	}

}
