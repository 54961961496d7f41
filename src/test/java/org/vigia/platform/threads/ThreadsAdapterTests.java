package org.vigia.platform.threads;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.vigia.platform.English;
import org.vigia.MutableClock;
import org.vigia.platform.AccountRef;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.LogCapture;
import org.vigia.platform.meta.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadsAdapterTests {

	private static final String SECRET = "threads-secret-4567";

	private static final String TOKEN = "THQWlonglivedTOKEN0001";

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("threads");

	private final TestCredentials credentials = new TestCredentials();

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC());

	private ThreadsApi api() {
		server.setDispatcher(routes);
		URI base = server.url("/").uri();
		return new ThreadsApi(http, new ThreadsProperties("998877", SECRET, base), new MutableClock(NOW), (wait) -> {
		});
	}

	private ThreadsAdapter adapter() {
		var factory = new StaticListableBeanFactory();
		factory.addBean("credentials", credentials);
		return new ThreadsAdapter(http, api(), factory.getBeanProvider(Credentials.class));
	}

	private static CheckRequest request() {
		return new CheckRequest(Platform.THREADS.parse("https://www.threads.com/@aytovillaverde"), null, null, null,
				null, new AccountRef(9, 3));
	}

	private static Credential credential() {
		return new Credential(4, Platform.THREADS, Credential.Reach.ADMINISTERS, TOKEN, "26012345678901234",
				"aytovillaverde");
	}

	@Test
	void readsTheConnectedProfileAndItsNewestPost() throws Exception {
		credentials.with(credential());
		routes.on("/v1.0/me", routes.fixture("me.json")).on("/v1.0/me/threads", routes.fixture("threads.json"));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.error()).isNull();
		assertThat(result.platformId()).isEqualTo("26012345678901234");
		assertThat(result.lastActivityAt()).isEqualTo("2026-11-28T12:00:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://www.threads.com/@aytovillaverde/post/DAbCdEf123");
		assertThat(result.profile().displayName()).isEqualTo("Ayuntamiento de Villaverde");
		assertThat(result.profile().bio()).isEqualTo("Cuenta oficial del Ayuntamiento de Villaverde.");
		assertThat(credentials.worked).hasSize(1);
		var sent = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(sent.getUrl().queryParameter("fields")).isEqualTo(ThreadsAdapter.PROFILE_FIELDS);
		assertThat(sent.getUrl().queryParameter("access_token")).isEqualTo(TOKEN);
	}

	@Test
	void anExpiredTokenMarksTheConnection() {
		credentials.with(credential());
		routes.on("/v1.0/me", Routes.json(400, routes.read("error-expired.json")));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(credentials.refused).singleElement().satisfies((refusal) -> {
			assertThat(refusal.reason().code()).isEqualTo("platform.refused.token");
			assertThat(refusal.reason().arguments().getFirst()).isEqualTo("Threads");
		});
	}

	@Test
	void exchangesTheShortLivedTokenForASixtyDayOneAndListsTheProfile() throws Exception {
		routes.on("/access_token", routes.fixture("long-lived-token.json")).on("/v1.0/me", routes.fixture("me.json"));
		var authorization = new ThreadsAuthorization(http, api(), new MutableClock(NOW));

		NetworkAuthorization.Grant grant;
		try (var logs = new LogCapture()) {
			grant = authorization.complete(new NetworkAuthorization.Token("THQVJshortlived", null, null, null),
					java.util.Set.of("threads_basic"));
			assertThat(logs.text()).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain("THQVJshortlived");
		}

		assertThat(grant.userId()).isEqualTo("26012345678901234");
		assertThat(grant.userName()).isEqualTo("aytovillaverde");
		assertThat(grant.token().accessToken()).isEqualTo(TOKEN);
		assertThat(grant.token().expiresAt()).isEqualTo(NOW.plusSeconds(5183944));
		assertThat(grant.scopes()).containsExactly("threads_basic");
		assertThat(grant.assets()).singleElement().satisfies((asset) -> {
			assertThat(asset.platform()).isEqualTo(Platform.THREADS);
			assertThat(asset.handle()).isEqualTo("aytovillaverde");
		});
		var exchange = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(exchange.getUrl().queryParameter("grant_type")).isEqualTo("th_exchange_token");
		assertThat(exchange.getUrl().queryParameter("client_secret")).isEqualTo(SECRET);
		assertThat(exchange.getUrl().queryParameter("access_token")).isEqualTo("THQVJshortlived");
	}

	@Test
	void refreshesALongLivedTokenWhoseAnswerHasNoTokenType() throws Exception {
		routes.on("/refresh_access_token", routes.fixture("refreshed-token.json"));
		var authorization = new ThreadsAuthorization(http, api(), new MutableClock(NOW));

		var refreshed = authorization.refresh(new NetworkAuthorization.Token(TOKEN, null, NOW.plusSeconds(86_400),
				null));

		assertThat(refreshed).hasValueSatisfying((token) -> {
			assertThat(token.accessToken()).isEqualTo("THQWrefreshedTOKEN0002");
			assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(5184000));
		});
		var sent = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(sent.getUrl().queryParameter("grant_type")).isEqualTo("th_refresh_token");
	}

	@Test
	void aRefusedRefreshSaysWhatThreadsSaidAndNoToken() {
		routes.on("/refresh_access_token", Routes.json(400, routes.read("error-expired.json")));
		var authorization = new ThreadsAuthorization(http, api(), new MutableClock(NOW));

		assertThatThrownBy(() -> authorization.refresh(new NetworkAuthorization.Token(TOKEN, null, NOW, null)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("error 190/463")
			.hasMessageNotContaining(TOKEN);
	}

}
