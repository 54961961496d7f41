package org.vigia.platform.tiktok;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.vigia.MutableClock;
import org.vigia.platform.AccountRef;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Platform;
import org.vigia.platform.English;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.LogCapture;
import org.vigia.platform.meta.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;

class TikTokAdapterTests {

	static final String TOKEN = "act.villaverdeFIRST0000000000000000000000000000!4471.e1";

	static final String OPEN_ID = "723f24d7-e717-40f8-a2b6-cb8464cd23b4";

	static final String USER_INFO = "/v2/user/info/";

	static final String VIDEOS = "/v2/video/list/";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("tiktok");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));

	private final TestCredentials credentials = new TestCredentials();

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(),
			new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC());

	private TikTokAdapter adapter() {
		server.setDispatcher(routes);
		var api = new TikTokApi(new TikTokProperties(null, null, server.url("/").uri(), URI.create("https://www.tiktok.com")));
		return new TikTokAdapter(http, api, provider(credentials), clock);
	}

	static ObjectProvider<Credentials> provider(Credentials credentials) {
		var factory = new StaticListableBeanFactory();
		factory.addBean("credentials", credentials);
		return factory.getBeanProvider(Credentials.class);
	}

	static Credential credential(long connectionId, String token) {
		return new Credential(connectionId, Platform.TIKTOK, Credential.Reach.ADMINISTERS, token, OPEN_ID,
				"aytovillaverde");
	}

	private static CheckRequest request() {
		return new CheckRequest(Platform.TIKTOK.parse("https://www.tiktok.com/@aytovillaverde"), null, null, null, null,
				new AccountRef(7, 3));
	}

	private List<RecordedRequest> requests() throws InterruptedException {
		var recorded = new ArrayList<RecordedRequest>();
		for (var request = server.takeRequest(100, TimeUnit.MILLISECONDS); request != null; request = server
			.takeRequest(100, TimeUnit.MILLISECONDS)) {
			recorded.add(request);
		}
		return recorded;
	}

	@Test
	void readsTheProfileAndTheNewestVideoAsTheAccountItself() throws Exception {
		credentials.with(credential(1, TOKEN));
		routes.on(USER_INFO, routes.fixture("user-info.json")).on(VIDEOS, routes.fixture("videos.json"));

		CheckResult result;
		try (var logs = new LogCapture()) {
			result = adapter().check(request());
			assertThat(logs.text()).doesNotContain(TOKEN);
		}

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.error()).isNull();
		assertThat(result.platformId()).isEqualTo(OPEN_ID);
		assertThat(result.lastActivityAt()).isEqualTo("2026-11-28T09:30:00Z");
		assertThat(result.newestPostUrl())
			.isEqualTo("https://www.tiktok.com/@aytovillaverde/video/7577012345678901234");
		assertThat(result.requests()).isEqualTo(2);
		var profile = result.profile();
		assertThat(profile.displayName()).isEqualTo("Ayuntamiento de Villaverde");
		assertThat(profile.bio()).startsWith("Cuenta oficial del Ayuntamiento de Villaverde");
		assertThat(profile.avatarUrl()).startsWith("https://p16-sign-va.tiktokcdn.com/");
		assertThat(profile.followers()).isEqualTo(12873L);
		assertThat(profile.following()).isEqualTo(41L);
		assertThat(profile.posts()).isEqualTo(318L);
		assertThat(profile.fields()).extracting(Profile.Field::name, Profile.Field::value)
			.contains(org.assertj.core.groups.Tuple.tuple("username", "aytovillaverde"),
					org.assertj.core.groups.Tuple.tuple("verified", "true"));
		assertThat(credentials.worked).hasSize(1);

		var sent = requests();
		assertThat(sent).hasSize(2);
		for (var request : sent) {
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
		}
		assertThat(sent.get(0).getMethod()).isEqualTo("GET");
		assertThat(sent.get(0).getTarget()).isEqualTo(USER_INFO + "?fields=" + TikTokAdapter.USER_FIELDS);
		assertThat(sent.get(1).getMethod()).isEqualTo("POST");
		assertThat(sent.get(1).getTarget()).isEqualTo(VIDEOS + "?fields=id,create_time,share_url,title");
		assertThat(sent.get(1).getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(sent.get(1).getBody().utf8()).isEqualTo("{\"max_count\":1}");
	}

	@Test
	void anAccountWithoutVideosIsReadWithoutALastActivity() {
		credentials.with(credential(1, TOKEN));
		routes.on(USER_INFO, routes.fixture("user-info.json")).on(VIDEOS, routes.fixture("videos-empty.json"));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isNull();
		assertThat(result.newestPostUrl()).isNull();
		assertThat(result.profile().followers()).isEqualTo(12873L);
	}

	@Test
	void aRenamedAccountIsMovedToItsNewUsername() {
		credentials.with(credential(1, TOKEN));
		routes.on(USER_INFO, routes.fixture("user-info-renamed.json")).on(VIDEOS, routes.fixture("videos.json"));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.MOVED);
		assertThat(result.movedTo()).isEqualTo("https://www.tiktok.com/@villaverde.ayto");
		assertThat(result.platformId()).isEqualTo(OPEN_ID);
	}

	@Test
	void aRevokedAuthorizationLosesTheConnectionNotTheAccount() {
		credentials.with(credential(1, TOKEN));
		routes.on(USER_INFO, Routes.json(401, routes.read("error-access-token-invalid.json")));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.outcome()).isNotEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(English.text(result.error())).contains("access_token_invalid")
			.contains("refused the token of connection 1")
			.doesNotContain(TOKEN);
		assertThat(credentials.refused).singleElement().satisfies(refusal -> {
			assertThat(refusal.credential().connectionId()).isEqualTo(1);
			assertThat(refusal.reason().code()).isEqualTo("platform.refused.token");
		});
		assertThat(credentials.worked).isEmpty();
	}

	@Test
	void theNextConnectionIsTriedWhenTheFirstIsRefused() {
		credentials.with(credential(1, "act.revoked")).with(credential(2, TOKEN));
		routes.on(USER_INFO, Routes.json(401, routes.read("error-access-token-invalid.json")),
				routes.fixture("user-info.json"))
			.on(VIDEOS, routes.fixture("videos.json"));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(credentials.refused).extracting(refusal -> refusal.credential().connectionId()).containsExactly(1L);
		assertThat(credentials.worked).extracting(Credential::connectionId).containsExactly(2L);
	}

	@Test
	void aThrottledAppIsRateLimitedNotFailed() {
		credentials.with(credential(1, TOKEN));
		routes.on(USER_INFO, routes.fixture("user-info.json"))
			.on(VIDEOS, Routes.json(429, routes.read("error-rate-limit.json")));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(English.text(result.error())).contains("429");
		assertThat(credentials.refused).isEmpty();
	}

	@Test
	void withoutAConnectionTheAccountIsNotReachedAndNothingIsSent() throws Exception {
		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.UNSUPPORTED);
		assertThat(English.text(result.error())).contains("the account itself can connect to Vigía");
		assertThat(requests()).isEmpty();
	}

}
