package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.vigia.health.HealthSweep;
import org.vigia.platform.AccountRef;
import org.vigia.platform.Credentials;
import org.vigia.platform.Message;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;

/**
 * ACCESS_LOST and CONNECTION_EXPIRING: a connection refused or expired at the network opens ACCESS_LOST for the accounts
 * it reached, one that cannot be refreshed opens CONNECTION_EXPIRING 14 days ahead, and connecting again resolves both;
 * disconnecting in Vigía gives the access up rather than losing it.
 */
@IntegrationTest
@Import(FakeNetwork.class)
@TestPropertySource(properties = { "vigia.secrets.key=" + ConnectionsTests.KEY,
		"vigia.connections.lifecycle-enabled=false" })
class ConnectionFindingsTests {

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
	Credentials credentials;

	@Autowired
	HealthSweep sweep;

	@Autowired
	FakeNetwork network;

	long organization;

	long page;

	long instagram;

	long unconnected;

	@BeforeEach
	void aTownHallWithAPageAndAnInstagramAccount() {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		network.reset();
		CLOCK.set(T0);
		organization = jdbc.sql("insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id")
			.query(Long.class)
			.single();
		page = account("FACEBOOK", "ayuntamientovillaverde");
		instagram = account("INSTAGRAM", "villaverde_cultura");
		unconnected = account("FACEBOOK", "villaverde_deportes");
		network.assets.add(new NetworkAuthorization.Asset(Platform.FACEBOOK, "104000000000001", "AyuntamientoVillaverde",
				"EAAB-page-token"));
		network.assets.add(new NetworkAuthorization.Asset(Platform.INSTAGRAM, "17841400000000001", "villaverde_cultura",
				null));
	}

	@Test
	void aTokenTheNetworkRefusesOpensAccessLostForTheAccountsItReachedAndConnectingAgainResolvesIt() {
		connect();
		assertThat(standing("ACCESS_LOST")).isEmpty();
		var credential = credentials.forAccount(Platform.FACEBOOK, new AccountRef(page, organization)).getFirst();
		credentials.refused(credential, Message.of("connection.error.token", "190"));
		assertThat(standing("ACCESS_LOST")).containsExactly("account:" + page, "account:" + instagram);
		assertThat(jdbc.sql("select distinct severity from finding where type = 'ACCESS_LOST'").query(String.class).list())
			.containsExactly("HIGH");
		assertThat(jdbc.sql("select summary from finding where account_id = :a and type = 'ACCESS_LOST'")
			.param("a", page)
			.query(String.class)
			.single()).contains("finding.summary.access-lost").contains("Marta Comunicación").contains("FAILING");
		assertThat(jdbc.sql("select count(*) from finding where account_id = :a").param("a", unconnected)
			.query(Long.class)
			.single()).as("an account no connection ever reached is not lost").isZero();
		connect();
		assertThat(standing("ACCESS_LOST")).isEmpty();
		assertThat(jdbc.sql("""
				select t.reason from finding_transition t join finding f on f.id = t.finding_id
				where f.type = 'ACCESS_LOST' and t.kind = 'RESOLVED'""").query(String.class).list())
			.hasSize(2)
			.allSatisfy(reason -> assertThat(reason).contains("reason.reconnected"));
	}

	@Test
	void aConnectionThatCannotBeRefreshedOpensConnectionExpiringThenAccessLostWhenItExpiresAndReconnectingResolvesBoth() {
		network.refreshable = false;
		var connection = connect();
		CLOCK.advance(Duration.ofDays(45));
		lifecycle.run();
		assertThat(standing("CONNECTION_EXPIRING")).isEmpty();
		CLOCK.advance(Duration.ofDays(2));
		lifecycle.run();
		assertThat(standing("CONNECTION_EXPIRING")).containsExactly("connection:" + connection.id());
		assertThat(jdbc.sql("select severity || ' ' || organization_id || ' ' || platform from finding where type = 'CONNECTION_EXPIRING'")
			.query(String.class)
			.single()).isEqualTo("LOW " + organization + " facebook");
		assertThat(standing("ACCESS_LOST")).isEmpty();
		CLOCK.advance(Duration.ofDays(14));
		lifecycle.run();
		assertThat(connections.get(connection.id()).state()).isEqualTo(ConnectionState.EXPIRED);
		assertThat(standing("ACCESS_LOST")).containsExactly("account:" + page, "account:" + instagram);
		assertThat(standing("CONNECTION_EXPIRING")).as("superseded once it expired").isEmpty();
		connect();
		assertThat(standing("ACCESS_LOST")).isEmpty();
		assertThat(standing("CONNECTION_EXPIRING")).isEmpty();
		sweep.sweep();
		assertThat(standing("ACCESS_LOST")).as("the sweep agrees").isEmpty();
		assertThat(standing("CONNECTION_EXPIRING")).as("the sweep agrees").isEmpty();
	}

	@Test
	void aPageNoLongerAdministeredIsLostAndDisconnectingInVigiaLosesNothing() {
		var connection = connect();
		network.assets.removeIf(asset -> asset.platform() == Platform.FACEBOOK);
		connect();
		assertThat(standing("ACCESS_LOST")).containsExactly("account:" + page);
		connections.disconnect(connection.id(), "editor");
		assertThat(standing("ACCESS_LOST")).as("given up, not lost").isEmpty();
	}

	@Test
	void theSweepOpensWhatNoEventSaid() {
		var connection = connect();
		jdbc.sql("update connection set state = 'FAILING' where id = :id").param("id", connection.id()).update();
		assertThat(standing("ACCESS_LOST")).isEmpty();
		sweep.sweep();
		assertThat(standing("ACCESS_LOST")).containsExactly("account:" + page, "account:" + instagram);
	}

	private Connection connect() {
		return connections.connect(organization, FakeNetwork.ID, new NetworkAuthorization.Token("short", null, null, null),
				Set.of(), "editor");
	}

	private List<String> standing(String type) {
		return jdbc.sql("select subject_key from finding where type = :type and status <> 'RESOLVED' order by account_id, subject_key")
			.param("type", type)
			.query(String.class)
			.list();
	}

	private long account(String platform, String handle) {
		return jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, :platform, :handle, 'https://example.org/' || :handle, now(), now()) returning id""")
			.param("org", organization)
			.param("platform", platform)
			.param("handle", handle)
			.query(Long.class)
			.single();
	}

}
