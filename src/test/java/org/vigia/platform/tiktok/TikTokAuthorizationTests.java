package org.vigia.platform.tiktok;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.vigia.MutableClock;
import org.vigia.platform.AuthorizationException;
import org.vigia.platform.English;
import org.vigia.platform.Message;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TikTokAuthorizationTests {

	static final String FIRST_REFRESH = "rft.villaverdeFIRST000000000000000000000000000!4471.e1";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("tiktok");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(),
			new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC());

	private TikTokAuthorization authorization() {
		server.setDispatcher(routes);
		var api = new TikTokApi(new TikTokProperties("awvillaverde0001", "villaverde-secret", server.url("/").uri(),
				URI.create("https://www.tiktok.com")));
		return new TikTokAuthorization(http, api,
				new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);
	}

	private NetworkAuthorization.Token first() {
		return new NetworkAuthorization.Token(TikTokAdapterTests.TOKEN, FIRST_REFRESH,
				clock.instant().plusSeconds(86400), null);
	}

	@Test
	void theGrantIsTheAccountThatGrantedIt() {
		routes.on(TikTokAdapterTests.USER_INFO, routes.fixture("user-info.json"));

		var grant = authorization().complete(first(),
				Set.of("user.info.basic,user.info.profile,user.info.stats,video.list"));

		assertThat(grant.userId()).isEqualTo(TikTokAdapterTests.OPEN_ID);
		assertThat(grant.userName()).isEqualTo("Ayuntamiento de Villaverde");
		assertThat(grant.scopes()).containsExactlyInAnyOrder("user.info.basic", "user.info.profile", "user.info.stats",
				"video.list");
		assertThat(grant.token()).isEqualTo(first());
		assertThat(grant.assets()).singleElement().satisfies(asset -> {
			assertThat(asset.platform()).isEqualTo(Platform.TIKTOK);
			assertThat(asset.platformId()).isEqualTo(TikTokAdapterTests.OPEN_ID);
			assertThat(asset.handle()).isEqualTo("aytovillaverde");
			assertThat(asset.accessToken()).isNull();
		});
	}

	@Test
	void aRefreshKeepsTheRotatedRefreshTokenAndTrustsTheAnswersLifetimes() throws Exception {
		routes.on("/v2/oauth/token/", routes.fixture("token-refreshed.json"));

		var fresh = authorization().refresh(first()).orElseThrow();

		assertThat(fresh.accessToken()).isEqualTo("act.villaverdeSECOND000000000000000000000000000!4471.e1");
		assertThat(fresh.refreshToken()).isEqualTo("rft.villaverdeSECOND00000000000000000000000000!4471.e1");
		assertThat(fresh.expiresAt()).isEqualTo(clock.instant().plusSeconds(86400));
		assertThat(fresh.refreshExpiresAt()).isEqualTo(clock.instant().plusSeconds(31449600));
		assertThat(fresh.toString()).doesNotContain("villaverde");
		var sent = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(sent.getMethod()).isEqualTo("POST");
		assertThat(sent.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(sent.getBody().utf8()).isEqualTo("client_key=awvillaverde0001&client_secret=villaverde-secret"
				+ "&grant_type=refresh_token&refresh_token=rft.villaverdeFIRST000000000000000000000000000%214471.e1");
	}

	@Test
	void aRefusedRefreshSaysWhatTikTokSaidWithoutTheToken() {
		routes.on("/v2/oauth/token/", Routes.json(400, routes.read("token-invalid-grant.json")));

		assertThatIllegalStateException().isThrownBy(() -> authorization().refresh(first()))
			.withMessageContaining("invalid_grant")
			.withMessageContaining("20261205120006A1B2C3D4E5F6A7B8C9D0")
			.withMessageNotContaining("rft.")
			// What the connection's page says: Vigía's sentence in the reader's language, TikTok's own words quoted.
			.isInstanceOfSatisfying(AuthorizationException.class, (refused) -> assertThat(English.text(
					Message.of("connection.error.refresh", refused.sentence()).encode(), Locale.forLanguageTag("es")))
				.startsWith("No se pudo renovar el token: TikTok API rechazó la renovación de un token: ")
				.contains("invalid_grant")
				.doesNotContain("refused")
				.doesNotContain("rft."));
	}

	@Test
	void aGrantWithoutARefreshTokenIsNotRefreshed() {
		var token = new NetworkAuthorization.Token(TikTokAdapterTests.TOKEN, null, null, null);

		assertThat(authorization().refresh(token)).isEmpty();
		assertThat(server.getRequestCount()).isZero();
	}

	@Test
	void disconnectingRevokesTheTokenAtTikTok() throws Exception {
		routes.on("/v2/oauth/revoke/", routes.fixture("revoke.json"));

		assertThat(authorization().revoke(first())).isTrue();

		var sent = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(sent.getMethod()).isEqualTo("POST");
		assertThat(sent.getBody().utf8()).isEqualTo("client_key=awvillaverde0001&client_secret=villaverde-secret"
				+ "&token=act.villaverdeFIRST0000000000000000000000000000%214471.e1");
	}

	@Test
	void theConsentLinkNamesTheClientKeyAndSeparatesScopesWithCommas() {
		var parameters = new LinkedHashMap<String, Object>();
		parameters.put("response_type", "code");
		parameters.put("client_id", "awvillaverde0001");
		parameters.put("scope", "user.info.basic user.info.profile video.list");

		authorization().authorizationParameters(parameters);

		assertThat(parameters).containsEntry("client_key", "awvillaverde0001")
			.containsEntry("scope", "user.info.basic,user.info.profile,video.list");
		assertThat(authorization().tokenParameters("awvillaverde0001")).containsEntry("client_key", "awvillaverde0001");
	}

	@Test
	void withoutTheAppsKeyNothingIsSent() {
		server.setDispatcher(routes);
		var api = new TikTokApi(new TikTokProperties(null, null, server.url("/").uri(), URI.create("https://www.tiktok.com")));
		var unconfigured = new TikTokAuthorization(http, api,
				new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);

		assertThatIllegalStateException().isThrownBy(() -> unconfigured.refresh(first()))
			.withMessageContaining("VIGIA_PLATFORMS_TIKTOK_CLIENT_KEY")
			.isInstanceOfSatisfying(AuthorizationException.class,
					(refused) -> assertThat(English.text(refused.sentence().encode(), Locale.forLanguageTag("gl")))
						.isEqualTo("a aplicación de TikTok non está configurada: defina VIGIA_PLATFORMS_TIKTOK_CLIENT_KEY "
								+ "e VIGIA_PLATFORMS_TIKTOK_CLIENT_SECRET, ou o rexistro de cliente tiktok"));
		assertThat(server.getRequestCount()).isZero();
	}

}
