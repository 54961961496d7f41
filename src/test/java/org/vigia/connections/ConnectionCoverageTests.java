package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.ApiCalls;
import org.vigia.IntegrationTest;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;

/**
 * How each account is watched ({@code health.watchedBy}) and the overview's coverage share: publicly, through a
 * connection (its own, or Business Discovery from another Instagram account of the organization), or not at all,
 * saying what would fix it.
 */
@IntegrationTest
@Import(FakeNetwork.class)
@TestPropertySource(properties = { "vigia.secrets.key=" + ConnectionsTests.KEY,
		"vigia.connections.lifecycle-enabled=false",
		"spring.security.oauth2.client.registration.fake.client-id=vigia-app",
		"spring.security.oauth2.client.registration.fake.client-secret=app-secret",
		"spring.security.oauth2.client.registration.fake.client-name=Fake",
		"spring.security.oauth2.client.registration.fake.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.fake.redirect-uri={baseUrl}/connections/oauth2/code/{registrationId}",
		"spring.security.oauth2.client.provider.fake.authorization-uri=http://127.0.0.1:1/dialog/oauth",
		"spring.security.oauth2.client.provider.fake.token-uri=http://127.0.0.1:1/oauth/access_token" })
class ConnectionCoverageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Connections connections;

	@Autowired
	FakeNetwork network;

	long organization;

	@BeforeEach
	void clean() {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		network.reset();
		organization = jdbc.sql("insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id")
			.query(Long.class)
			.single();
	}

	@Test
	void everyAccountSaysHowItIsWatchedAndTheOverviewCountsIt() throws Exception {
		long page = account("FACEBOOK", "ayuntamientovillaverde");
		long instagram = account("INSTAGRAM", "villaverde_cultura");
		long lookedUp = account("INSTAGRAM", "villaverde_deportes");
		long mastodon = account("MASTODON", "@prensa@social.villaverde.example");
		long unconnected = account("FACEBOOK", "villaverde_fiestas");
		long x = account("X", "villaverde");
		network.assets.add(new NetworkAuthorization.Asset(Platform.FACEBOOK, "104000000000001", "AyuntamientoVillaverde",
				"EAAB-page-token"));
		network.assets.add(new NetworkAuthorization.Asset(Platform.INSTAGRAM, "17841400000000001", "villaverde_cultura",
				null));
		var connection = connections.connect(organization, FakeNetwork.ID,
				new NetworkAuthorization.Token("short", null, null, null), Set.of(), "editor");

		assertThat(watchedBy(page)).containsEntry("kind", "CONNECTION")
			.containsEntry("connectionId", (int) connection.id())
			.containsEntry("grantedBy", "Marta Comunicación");
		assertThat((String) watchedBy(page).get("reason")).contains("Marta Comunicación").doesNotContain("watched.");
		assertThat(watchedBy(instagram)).containsEntry("kind", "CONNECTION");
		assertThat(watchedBy(lookedUp)).containsEntry("kind", "CONNECTION");
		assertThat((String) watchedBy(lookedUp).get("reason")).contains("Business Discovery");
		assertThat(watchedBy(mastodon)).containsEntry("kind", "PUBLIC");
		assertThat(watchedBy(unconnected)).containsEntry("kind", "NONE");
		assertThat((String) watchedBy(unconnected).get("reason")).contains("connect the administrator");
		assertThat(watchedBy(x)).containsEntry("kind", "NONE");
		assertThat((String) watchedBy(x).get("reason")).contains("no connection reaches this network");

		// Inserted by hand, without the registry's event: the reconcile puts them in the health snapshot.
		jdbc.sql("select reconcile_account_health()").query(Long.class).single();
		var overview = ApiCalls.viewer(mvc, get("/api/overview"));
		assertThat(JsonPath.<Integer>read(overview, "$.total.coverage.accounts")).isEqualTo(6);
		assertThat(JsonPath.<Integer>read(overview, "$.total.coverage.watched")).isEqualTo(4);
		assertThat(JsonPath.<Integer>read(overview, "$.total.coverage.publicly")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(overview, "$.total.coverage.connection")).isEqualTo(3);
		assertThat(JsonPath.<Integer>read(overview, "$.total.coverage.none")).isEqualTo(2);
		assertThat(JsonPath.<Map<String, Integer>>read(overview, "$.total.coverage.connectable"))
			.containsExactly(Map.entry("facebook", 1));
		assertThat(JsonPath.<Map<String, Integer>>read(overview, "$.total.coverage.unsupported"))
			.containsExactly(Map.entry("x", 1));
		assertThat(JsonPath.<Integer>read(overview, "$.organizations[0].coverage.watched")).isEqualTo(4);
		assertThat(ApiCalls.viewer(mvc, get("/").param("organizationId", String.valueOf(organization))))
			.contains("67%")
			.contains("1 watched publicly, 3 through a connection, 2 not at all")
			.contains("one Facebook account: connect the administrator");

		connections.changeState(connection.id(), ConnectionState.FAILING, null);
		assertThat(watchedBy(page)).containsEntry("kind", "NONE").containsEntry("connectionId", (int) connection.id());
		assertThat((String) watchedBy(page).get("reason")).contains("Marta Comunicación").contains("Refused by the network");
		assertThat(JsonPath.<Integer>read(ApiCalls.viewer(mvc, get("/api/overview")), "$.total.coverage.watched"))
			.isEqualTo(1);
	}

	private Map<String, Object> watchedBy(long account) throws Exception {
		return JsonPath.read(ApiCalls.viewer(mvc, get("/api/accounts/" + account)), "$.health.watchedBy");
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
