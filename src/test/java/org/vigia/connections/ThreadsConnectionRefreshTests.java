package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.vigia.IntegrationTest;
import org.vigia.MutableClock;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.threads.ThreadsAuthorization;

/**
 * A Threads connection is kept as refreshable: its 60-day token is refreshed with {@code th_refresh_token} a week
 * before it expires, through the Threads API (played by MockWebServer with the documented answers), and never turns
 * EXPIRING or EXPIRED while the refresh works.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.secrets.key=" + ConnectionsTests.KEY,
		"vigia.http.allow-private-addresses=true", "vigia.platforms.threads.app-id=990011223344",
		"vigia.platforms.threads.app-secret=threads-app-secret-0001" })
class ThreadsConnectionRefreshTests {

	static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

	static final MutableClock CLOCK = new MutableClock(T0);

	static final MockWebServer THREADS = new MockWebServer();

	static final Routes ROUTES = new Routes("threads");

	static {
		try {
			THREADS.setDispatcher(ROUTES);
			THREADS.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void threadsOnTheMockServer(DynamicPropertyRegistry registry) {
		registry.add("vigia.platforms.threads.api-url", () -> "http://127.0.0.1:" + THREADS.getPort());
	}

	@AfterAll
	static void stop() {
		THREADS.close();
	}

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Connections connections;

	@Autowired
	ConnectionLifecycle lifecycle;

	@Autowired
	TokenStore tokens;

	long organization;

	@BeforeEach
	void anOrganization() throws InterruptedException {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		CLOCK.set(T0);
		while (THREADS.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
			// requests of an earlier test
		}
		ROUTES.on("/access_token", ROUTES.fixture("long-lived-token.json"))
			.on("/v1.0/me", ROUTES.fixture("me.json"))
			.on("/refresh_access_token", ROUTES.fixture("refreshed-token.json"));
		organization = jdbc.sql("insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id")
			.query(Long.class)
			.single();
	}

	@Test
	void aThreadsTokenIsKeptRefreshableAndRefreshedAWeekBeforeItExpires() throws Exception {
		var connection = connections.connect(organization, ThreadsAuthorization.REGISTRATION_ID,
				new NetworkAuthorization.Token("THQWshortlived", null, null, null), Set.of("threads_basic"), "editor");
		assertThat(connection.refreshable()).isTrue();
		assertThat(connection.expiresAt()).isEqualTo(T0.plusSeconds(5183944));
		assertThat(THREADS.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("grant_type"))
			.isEqualTo("th_exchange_token");
		THREADS.takeRequest(1, TimeUnit.SECONDS);

		CLOCK.advance(Duration.ofDays(45));
		lifecycle.run();
		assertThat(THREADS.takeRequest(100, TimeUnit.MILLISECONDS)).as("a refresh 15 days ahead").isNull();
		assertThat(connections.get(connection.id()).state()).as("not EXPIRING: it can be refreshed")
			.isEqualTo(ConnectionState.ACTIVE);

		CLOCK.advance(Duration.ofDays(9));
		lifecycle.run();

		var refresh = THREADS.takeRequest(1, TimeUnit.SECONDS);
		assertThat(refresh.getUrl().encodedPath()).isEqualTo("/refresh_access_token");
		assertThat(refresh.getUrl().queryParameter("grant_type")).isEqualTo("th_refresh_token");
		assertThat(refresh.getUrl().queryParameter("access_token")).isEqualTo("THQWlonglivedTOKEN0001");
		var refreshed = connections.get(connection.id());
		assertThat(refreshed.state()).isEqualTo(ConnectionState.ACTIVE);
		assertThat(refreshed.expiresAt()).isEqualTo(CLOCK.instant().plusSeconds(5184000));
		assertThat(tokens.read(connection.id(), TokenStore.Kind.ACCESS, null, "test", "check the refresh"))
			.isEqualTo("THQWrefreshedTOKEN0002");

		CLOCK.advance(Duration.ofDays(30));
		lifecycle.run();
		assertThat(connections.get(connection.id()).state()).as("30 days after the refresh")
			.isEqualTo(ConnectionState.ACTIVE);
	}

}
