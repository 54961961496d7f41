package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.vigia.IntegrationTest;
import org.vigia.MutableClock;
import org.vigia.platform.NetworkAuthorization;

/** Tokens refreshed in good time, and connections that cannot be refreshed EXPIRING, then EXPIRED, as time moves. */
@IntegrationTest
@Import(FakeNetwork.class)
@TestPropertySource(properties = { "vigia.secrets.key=" + ConnectionsTests.KEY,
		"vigia.connections.lifecycle-enabled=false" })
class ConnectionLifecycleTests {

	static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

	static final MutableClock CLOCK = new MutableClock(T0);

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
	FakeNetwork network;

	long organization;

	@BeforeEach
	void anOrganization() {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		network.reset();
		CLOCK.set(T0);
		organization = jdbc.sql("insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id")
			.query(Long.class)
			.single();
	}

	@Test
	void aRefreshableTokenIsRefreshedAWeekBeforeItExpiresAndNotBefore() {
		var connection = connect();
		CLOCK.advance(Duration.ofDays(50));
		lifecycle.run();
		assertThat(network.refreshes).hasValue(0);
		CLOCK.advance(Duration.ofDays(4));
		lifecycle.run();
		assertThat(network.refreshes).hasValue(1);
		var refreshed = connections.get(connection.id());
		assertThat(refreshed.state()).isEqualTo(ConnectionState.ACTIVE);
		assertThat(refreshed.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofDays(60)));
		assertThat(jdbc.sql("select count(*) from connection_token_access where actor = 'lifecycle'")
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void aTokenThatCannotBeRefreshedIsExpiringFourteenDaysAheadAndThenExpired() {
		network.refreshable = false;
		var connection = connect();
		CLOCK.advance(Duration.ofDays(45));
		lifecycle.run();
		assertThat(connections.get(connection.id()).state()).isEqualTo(ConnectionState.ACTIVE);
		CLOCK.advance(Duration.ofDays(2));
		lifecycle.run();
		assertThat(connections.get(connection.id()).state()).isEqualTo(ConnectionState.EXPIRING);
		CLOCK.advance(Duration.ofDays(14));
		lifecycle.run();
		assertThat(connections.get(connection.id()).state()).isEqualTo(ConnectionState.EXPIRED);
		assertThat(network.refreshes).hasValue(0);
	}

	private Connection connect() {
		return connections.connect(organization, FakeNetwork.ID, new NetworkAuthorization.Token("short", null, null, null),
				Set.of(), "editor");
	}

}
