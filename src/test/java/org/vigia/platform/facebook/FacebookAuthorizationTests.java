package org.vigia.platform.facebook;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.vigia.MutableClock;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.Graph;
import org.vigia.platform.meta.LogCapture;
import org.vigia.platform.meta.MetaProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FacebookAuthorizationTests {

	private static final String SECRET = FacebookAdapterTests.SECRET;

	private static final String LONG_LIVED = "EAAlonglivedUSERtoken0001";

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("facebook");

	private FacebookAuthorization authorization() {
		server.setDispatcher(routes);
		var http = new PlatformHttpClient(HttpProperties.forLocalTests(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC());
		var properties = new MetaProperties("1234567890", SECRET, server.url("/").uri(),
				URI.create("https://www.facebook.com"), null);
		var clock = new MutableClock(NOW);
		var graph = new Graph(http, properties.versionedGraphUrl(), SECRET, true, "Graph API", clock, (wait) -> {
		});
		return new FacebookAuthorization(http, graph, properties, clock);
	}

	@Test
	void theConsentLinkNamesTheLoginForBusinessConfigurationInsteadOfAScopeWhenOneIsSet() {
		var http = new PlatformHttpClient(HttpProperties.forLocalTests(),
				new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC());
		var configured = new MetaProperties("1234567890", SECRET, server.url("/").uri(),
				URI.create("https://www.facebook.com"), " 1029384756102938 ");
		var withConfiguration = new FacebookAuthorization(http, null, configured, new MutableClock(NOW));
		var parameters = new java.util.LinkedHashMap<String, Object>(java.util.Map.of("client_id", "1234567890",
				"scope", "pages_show_list", "response_type", "code", "state", "s"));
		withConfiguration.authorizationParameters(parameters);
		assertThat(parameters).containsEntry("config_id", "1029384756102938")
			.doesNotContainKey("scope")
			.containsEntry("client_id", "1234567890")
			.containsEntry("response_type", "code")
			.containsEntry("state", "s");

		var withScope = new java.util.LinkedHashMap<String, Object>(java.util.Map.of("client_id", "1234567890",
				"scope", "pages_show_list"));
		authorization().authorizationParameters(withScope);
		assertThat(withScope).containsEntry("scope", "pages_show_list").doesNotContainKey("config_id");
	}

	@Test
	void exchangesForALongLivedTokenAndListsThePagesWithTheirTokensAndLinkedInstagramAccounts() throws Exception {
		routes.on("/v26.0/oauth/access_token", routes.fixture("long-lived-token.json"))
			.on("/v26.0/me", routes.fixture("me.json"))
			.on("/v26.0/me/accounts", routes.fixture("accounts.json"));
		var authorization = authorization();

		NetworkAuthorization.Grant grant;
		try (var logs = new LogCapture()) {
			grant = authorization.complete(new NetworkAuthorization.Token("EAAshortlived", null, null, null),
					Set.of("pages_show_list", "pages_read_engagement"));
			assertThat(logs.text()).doesNotContain(SECRET)
				.doesNotContain(LONG_LIVED)
				.doesNotContain("EAAPAGEtoken")
				.doesNotContain("EAAshortlived");
		}

		assertThat(authorization.registrationId()).isEqualTo("facebook");
		assertThat(authorization.platforms()).containsExactlyInAnyOrder(Platform.FACEBOOK, Platform.INSTAGRAM);
		assertThat(grant.userId()).isEqualTo("10229384756000001");
		assertThat(grant.userName()).isEqualTo("María Pérez");
		assertThat(grant.token().accessToken()).isEqualTo(LONG_LIVED);
		assertThat(grant.token().expiresAt()).isEqualTo(NOW.plusSeconds(5183944));
		assertThat(grant.token().toString()).doesNotContain(LONG_LIVED);
		assertThat(grant.assets()).extracting((asset) -> asset.platform() + " " + asset.platformId() + " "
				+ asset.handle() + " " + asset.accessToken())
			.containsExactly("FACEBOOK 104958162837 aytovillaverde EAAPAGEtokenVILLAVERDE",
					"INSTAGRAM 17841400000000001 aytovillaverde EAAPAGEtokenVILLAVERDE",
					"FACEBOOK 110223344556677 null EAAPAGEtokenCULTURA");
		assertThat(grant.assets().toString()).doesNotContain("EAAPAGEtoken");

		var exchange = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(exchange.getUrl().queryParameter("grant_type")).isEqualTo("fb_exchange_token");
		assertThat(exchange.getUrl().queryParameter("client_id")).isEqualTo("1234567890");
		assertThat(exchange.getUrl().queryParameter("fb_exchange_token")).isEqualTo("EAAshortlived");
		for (int i = 0; i < 2; i++) {
			var call = server.takeRequest(1, TimeUnit.SECONDS);
			assertThat(call.getUrl().queryParameter("access_token")).isEqualTo(LONG_LIVED);
			assertThat(call.getUrl().queryParameter("appsecret_proof")).isEqualTo(Graph.proof(LONG_LIVED, SECRET));
		}
	}

	@Test
	void aPageRemovedFromThePersonsRolesIsNoLongerAnAsset() {
		routes.on("/v26.0/me/accounts", Routes.json(200, """
				{"data":[],"paging":{"cursors":{"before":"QVFI","after":"QVFI"}}}"""));

		var assets = authorization().assets(new NetworkAuthorization.Token(LONG_LIVED, null, null, null));

		assertThat(assets).isEmpty();
	}

	@Test
	void aRefusedExchangeSaysWhatFacebookSaidAndNoSecret() {
		routes.on("/v26.0/oauth/access_token", Routes.json(400, routes.read("error-expired.json")));

		assertThatThrownBy(() -> authorization()
			.complete(new NetworkAuthorization.Token("EAAshortlived", null, null, null), Set.of()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("error 190/463")
			.hasMessageNotContaining(SECRET)
			.hasMessageNotContaining("EAAshortlived");
	}

	@Test
	void cannotRefreshTheUserToken() {
		var authorization = authorization();
		var token = new NetworkAuthorization.Token(LONG_LIVED, null, null, null);

		assertThat(authorization.refresh(token)).isEmpty();
	}

	@Test
	void revokesTheAppsPermissionsWithTheUserTokenAndItsProof() throws Exception {
		routes.on("/v26.0/10229384756000001/permissions", Routes.json(200, "{\"success\":true}"));
		var authorization = authorization();

		boolean revoked;
		try (var logs = new LogCapture()) {
			revoked = authorization.revoke("10229384756000001",
					new NetworkAuthorization.Token(LONG_LIVED, null, null, null));
			assertThat(logs.text()).doesNotContain(LONG_LIVED).doesNotContain(SECRET);
		}

		assertThat(revoked).isTrue();
		var call = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(call.getMethod()).isEqualTo("DELETE");
		assertThat(call.getUrl().encodedPath()).isEqualTo("/v26.0/10229384756000001/permissions");
		assertThat(call.getUrl().queryParameter("access_token")).isEqualTo(LONG_LIVED);
		assertThat(call.getUrl().queryParameter("appsecret_proof")).isEqualTo(Graph.proof(LONG_LIVED, SECRET));
	}

	@Test
	void aRefusedRevocationSaysWhatFacebookSaidAndNoToken() {
		routes.on("/v26.0/10229384756000001/permissions", Routes.json(400, routes.read("error-expired.json")));

		assertThatThrownBy(() -> authorization().revoke("10229384756000001",
				new NetworkAuthorization.Token(LONG_LIVED, null, null, null)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("error 190/463")
			.hasMessageNotContaining(LONG_LIVED)
			.hasMessageNotContaining(SECRET);
	}

}
