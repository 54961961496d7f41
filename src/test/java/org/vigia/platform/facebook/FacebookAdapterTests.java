package org.vigia.platform.facebook;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.vigia.platform.English;
import org.vigia.MutableClock;
import org.vigia.platform.AccountRef;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.GuardedClients;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.Graph;
import org.vigia.platform.meta.LogCapture;
import org.vigia.platform.meta.MetaProperties;
import org.vigia.platform.meta.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;

class FacebookAdapterTests {

	static final String SECRET = "app-secret-0123";

	static final String PAGE_TOKEN = "EAAPAGEtokenVILLAVERDE";

	// HMAC-SHA256 of PAGE_TOKEN keyed with SECRET, in hex, as computed independently.
	static final String PROOF = "897007ebaa471c77e91949b8de5df4f47d8e7c5b280a19e7e7d6d5d950721e64";

	static final String PAGE_ID = "104958162837";

	private static final String PAGE = "/v26.0/" + PAGE_ID;

	private static final String POSTS = PAGE + "/posts";

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("facebook");

	private final MutableClock clock = new MutableClock(NOW);

	private final List<Duration> slept = new ArrayList<>();

	private final TestCredentials credentials = new TestCredentials();

	private Graph graph(PlatformHttpClient http) {
		server.setDispatcher(routes);
		var properties = new MetaProperties("1234567890", SECRET, server.url("/").uri(),
				java.net.URI.create("https://www.facebook.com"), null);
		return new Graph(http, properties.versionedGraphUrl(), SECRET, true, "Graph API", clock, slept::add);
	}

	private FacebookAdapter adapter() {
		var http = new PlatformHttpClient(HttpProperties.forLocalTests(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC());
		return new FacebookAdapter(http, graph(http), provider(credentials));
	}

	static org.springframework.beans.factory.ObjectProvider<Credentials> provider(Credentials credentials) {
		var factory = new StaticListableBeanFactory();
		factory.addBean("credentials", credentials);
		return factory.getBeanProvider(Credentials.class);
	}

	static Credential pageCredential(long connectionId, String token) {
		return new Credential(connectionId, Platform.FACEBOOK, Credential.Reach.ADMINISTERS, token, PAGE_ID,
				"aytovillaverde");
	}

	private static CheckRequest request() {
		return new CheckRequest(Platform.FACEBOOK.parse("https://www.facebook.com/aytovillaverde"), null, null, null,
				null, new AccountRef(7, 3));
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
	void readsTheProfileAndNewestPostOfAPageWithItsPageToken() throws Exception {
		credentials.with(pageCredential(1, PAGE_TOKEN));
		routes.on(PAGE, routes.fixture("page.json")).on(POSTS, routes.fixture("posts.json"));

		CheckResult result;
		try (var logs = new LogCapture()) {
			result = adapter().check(request());
			assertThat(logs.text()).doesNotContain(PAGE_TOKEN).doesNotContain(SECRET);
		}

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.error()).isNull();
		assertThat(result.platformId()).isEqualTo(PAGE_ID);
		assertThat(result.lastActivityAt()).isEqualTo("2026-11-30T09:30:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://www.facebook.com/aytovillaverde/posts/pfbid02xYz");
		assertThat(result.requests()).isEqualTo(2);
		var profile = result.profile();
		assertThat(profile.displayName()).isEqualTo("Ayuntamiento de Villaverde");
		assertThat(profile.bio()).isEqualTo("Página oficial del Ayuntamiento de Villaverde.");
		assertThat(profile.followers()).isEqualTo(12840);
		assertThat(profile.avatarUrl()).endsWith("villaverde_50.jpg");
		assertThat(profile.fields()).extracting((field) -> field.name() + "=" + field.value())
			.contains("website=https://www.villaverde.es", "verification_status=blue_verified",
					"link=https://www.facebook.com/aytovillaverde");
		assertThat(credentials.worked).hasSize(1);
		assertThat(credentials.refused).isEmpty();

		var sent = requests();
		assertThat(sent).hasSize(2);
		for (var request : sent) {
			assertThat(request.getUrl().queryParameter("access_token")).isEqualTo(PAGE_TOKEN);
			assertThat(request.getUrl().queryParameter("appsecret_proof")).isEqualTo(PROOF);
		}
		assertThat(sent.get(0).getUrl().queryParameter("fields")).isEqualTo(FacebookAdapter.PAGE_FIELDS);
		assertThat(sent.get(1).getUrl().queryParameter("limit")).isEqualTo("1");
	}

	@Test
	void aPageMigratedToAnotherIdIsMoved() {
		credentials.with(pageCredential(1, PAGE_TOKEN));
		routes.on(PAGE, Routes.json(400, routes.read("error-migrated.json")));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.MOVED);
		assertThat(result.movedTo()).isEqualTo("https://www.facebook.com/61550123456789");
		assertThat(English.text(result.error())).contains("61550123456789").contains("fbtrace_id AkVq3xN9pLm");
		assertThat(credentials.refused).isEmpty();
	}

	@Test
	void aPageTheApiCannotLoadIsAnErrorNeverNotFound() {
		credentials.with(pageCredential(1, PAGE_TOKEN));
		routes.on(PAGE, Routes.json(400, routes.read("error-unavailable.json")));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("does not say which").contains("error 100/33");
		assertThat(credentials.refused).isEmpty();
	}

	@Test
	void aPageRemovedFromThePersonsRolesMarksTheConnectionAndTheNextConnectionReadsIt() {
		credentials.with(pageCredential(1, "EAAPAGEtokenOLD")).with(pageCredential(2, PAGE_TOKEN));
		routes.on(PAGE, Routes.json(400, routes.read("error-role-removed.json")), routes.fixture("page.json"))
			.on(POSTS, routes.fixture("posts.json"));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(credentials.refused).singleElement().satisfies((refusal) -> {
			assertThat(refusal.credential().connectionId()).isEqualTo(1);
			assertThat(refusal.reason().code()).isEqualTo("platform.refused.token");
			assertThat(refusal.reason().arguments()).containsExactly("Facebook", "error 190/492: Error validating "
					+ "access token: The user is not an administrator, editor, or moderator of this page. "
					+ "(fbtrace_id Cz3Mp7Tk1Yu)");
		});
		assertThat(credentials.worked).extracting(Credential::connectionId).containsExactly(2L);
	}

	@Test
	void anExpiredTokenMarksTheConnectionNotTheAccount() {
		credentials.with(pageCredential(1, PAGE_TOKEN));
		routes.on(PAGE, Routes.json(400, routes.read("error-expired.json")));

		var result = adapter().check(request());

		// Nothing was learnt about the page: not evidence, so its health does not change.
		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.outcome().isEvidence()).isFalse();
		assertThat(English.text(result.error())).contains("refused the token of connection 1").doesNotContain(PAGE_TOKEN);
		assertThat(credentials.refused).singleElement()
			.satisfies((refusal) -> assertThat(refusal.reason().code()).isEqualTo("platform.refused.token"));
	}

	@Test
	void aPermissionRemovedMarksTheConnection() {
		credentials.with(pageCredential(1, PAGE_TOKEN));
		routes.on(PAGE, routes.fixture("page.json")).on(POSTS, Routes.json(403, routes.read("error-permission.json")));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(credentials.refused).singleElement()
			.satisfies((refusal) -> assertThat(refusal.reason().code()).isEqualTo("platform.refused.permission"));
	}

	@Test
	void aThrottledAppIsRateLimitedAndPausesTheNextCalls() throws Exception {
		credentials.with(pageCredential(1, PAGE_TOKEN));
		routes.on(PAGE, Routes.json(403, routes.read("error-throttled.json")));
		var adapter = adapter();

		var result = adapter.check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isAfter(NOW);
		assertThat(English.text(result.error())).contains("error 4");
		assertThat(credentials.refused).isEmpty();
		assertThat(requests()).hasSize(1);

		var again = adapter.check(request());
		assertThat(again.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(requests()).isEmpty();

		clock.advance(Duration.ofMinutes(11));
		routes.on(PAGE, routes.fixture("page.json")).on(POSTS, routes.fixture("posts.json"));
		assertThat(adapter.check(request()).outcome()).isEqualTo(CheckOutcome.OK);
	}

	@Test
	void usageAt96PercentPausesCallsUntilAccessIsRegained() throws Exception {
		credentials.with(pageCredential(1, PAGE_TOKEN));
		var nearlyUsedUp = new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json; charset=UTF-8")
			.addHeader("X-Business-Use-Case-Usage", "{\"" + PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":96,"
					+ "\"total_cputime\":20,\"total_time\":31,\"estimated_time_to_regain_access\":15}]}")
			.body(routes.read("page.json"))
			.build();
		routes.on(PAGE, nearlyUsedUp).on(POSTS, routes.fixture("posts.json"));
		var adapter = adapter();

		var result = adapter.check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
		// The posts were not asked for: the pause comes before Meta refuses.
		assertThat(requests()).hasSize(1);

		clock.advance(Duration.ofMinutes(16));
		routes.on(PAGE, routes.fixture("page.json"));
		assertThat(adapter.check(request()).outcome()).isEqualTo(CheckOutcome.OK);
	}

	@Test
	void usageFrom75PercentSlowsCallsDown() {
		credentials.with(pageCredential(1, PAGE_TOKEN));
		var busy = new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json; charset=UTF-8")
			.addHeader("X-App-Usage", "{\"call_count\":85,\"total_cputime\":10,\"total_time\":12}")
			.body(routes.read("page.json"))
			.build();
		routes.on(PAGE, busy).on(POSTS, routes.fixture("posts.json"));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(slept).singleElement().satisfies((wait) -> assertThat(wait).isPositive()
			.isLessThanOrEqualTo(Duration.ofSeconds(4)));
	}

	@Test
	void withoutAConnectionNothingReachesThePage() {
		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.UNSUPPORTED);
		assertThat(English.text(result.error())).contains("No connection").contains("Facebook");
		assertThat(result.requests()).isZero();
	}

	@Test
	void theAddressGuardStillAppliesToEveryCall() throws Exception {
		credentials.with(pageCredential(1, PAGE_TOKEN));
		routes.on(PAGE, routes.fixture("page.json"));
		// Private addresses refused; the one exempt endpoint is not this server.
		var guarded = GuardedClients.exempting(new InetSocketAddress("127.0.0.1", 9));
		var adapter = new FacebookAdapter(guarded, graph(guarded), provider(credentials));

		var result = adapter.check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("refused to connect").doesNotContain(PAGE_TOKEN);
		assertThat(English.text(result.error(), Locale.forLanguageTag("ca")))
			.startsWith("Rebutjada: l'adreça apunta a una xarxa privada o local (connexió rebutjada: ")
			.contains("és una adreça de bucle local (loopback)")
			.doesNotContain("refused")
			.doesNotContain(PAGE_TOKEN);
		assertThat(requests()).isEmpty();
	}

}
