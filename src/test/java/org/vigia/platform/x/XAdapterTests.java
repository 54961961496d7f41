package org.vigia.platform.x;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.vigia.platform.English;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.adapter.Allowances;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The X adapter against answers shaped as the X API v2 documents them; the sources are listed in
 * {@code src/test/resources/fixtures/x/README.md}.
 */
class XAdapterTests {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private static final String ID = "2244994945";

	private static final String NEWEST = "2128764994974646272";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("x");

	private final Allowances allowances = Allowances.inMemory();

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(),
			new SimpleMeterRegistry(), Clock.systemUTC());

	// 310 reads a month of 31 days: 10 a day, 50 by the end of the 5th.
	private XAdapter adapter(long monthlyReads) {
		server.setDispatcher(routes);
		var clock = Clock.fixed(NOW, ZoneOffset.UTC);
		var properties = new XProperties("test-bearer", server.url("/").uri(), Duration.ofDays(1), monthlyReads);
		return new XAdapter(http, properties, new XBudget(allowances, properties, clock),
				PlatformProperties.at(server.url("/").uri()), clock);
	}

	private XAdapter adapter() {
		return adapter(310);
	}

	private static CheckRequest request(String handle, String id, String etag) {
		return new CheckRequest(Platform.X.parse(handle), id, etag, null);
	}

	private long used() {
		return allowances.usage("x", java.time.LocalDate.parse("2026-12-01")).used();
	}

	@Test
	void looksAnActiveAccountUpByUsernameAndReadsItsNewPostsTellingRepliesAndRepostsApart() throws Exception {
		routes.on("/2/users/by/username/ajvila", routes.fixture("user-active.json"))
			.on("/2/users/" + ID + "/tweets", routes.fixture("tweets.json"));

		var result = adapter().check(request("@ajvila", null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.platformId()).isEqualTo(ID);
		// The post id is a Snowflake: its time is the last activity, without reading the post.
		assertThat(result.lastActivityAt()).isEqualTo("2026-12-04T08:15:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://x.com/ajvila/status/" + NEWEST);
		assertThat(result.etag()).isEqualTo(NEWEST);
		assertThat(result.profile().displayName()).isEqualTo("Ajuntament de Vila");
		assertThat(result.profile().followers()).isEqualTo(5834);
		assertThat(result.profile().posts()).isEqualTo(14052);
		// Two replies among four posts; the repost is no reply.
		assertThat(result.recentPosts()).isEqualTo(4);
		assertThat(result.replyShare()).isEqualTo(0.5);
		assertThat(result.requests()).isEqualTo(2);
		var lookup = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(lookup.getHeaders().get("Authorization")).isEqualTo("Bearer test-bearer");
		assertThat(lookup.getUrl().queryParameter("user.fields")).contains("most_recent_tweet_id");
		var posts = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(posts.getUrl().queryParameter("since_id")).isNull();
		assertThat(posts.getUrl().queryParameter("tweet.fields")).contains("referenced_tweets");
		// One user and four posts: what X charges, not the twenty posts asked for.
		assertThat(used()).isEqualTo(5);
	}

	@Test
	void aSilentAccountCostsOneUserRead() {
		routes.on("/2/users/" + ID, routes.fixture("user-active.json"));

		var result = adapter().check(request("@ajvila", ID, NEWEST));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo("2026-12-04T08:15:00Z");
		assertThat(result.recentPosts()).isNull();
		assertThat(result.requests()).isEqualTo(1);
		assertThat(server.getRequestCount()).isEqualTo(1);
		assertThat(used()).isEqualTo(1);
	}

	@Test
	void readsOnlyThePostsSinceTheLastCheck() throws Exception {
		routes.on("/2/users/" + ID, routes.fixture("user-active.json"))
			.on("/2/users/" + ID + "/tweets", routes.fixture("tweets.json"));

		adapter().check(request("@ajvila", ID, "2128600000000000000"));

		server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("since_id"))
			.isEqualTo("2128600000000000000");
	}

	@Test
	void aRenamedAccountFoundByItsIdIsMovedWithItsNewHandle() {
		routes.on("/2/users/" + ID, routes.fixture("user-renamed.json"));

		var result = adapter().check(request("@ajvila", ID, NEWEST));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.MOVED);
		assertThat(result.movedTo()).isEqualTo("ajuntamentvila");
		assertThat(result.platformId()).isEqualTo(ID);
	}

	@Test
	void aMissingUserInA200WithErrorsIsNotFound() {
		routes.on("/2/users/by/username/ajvila", routes.fixture("user-not-found.json"));

		var result = adapter().check(request("@ajvila", null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(English.text(result.error())).contains("Could not find user");
		// X charges what it returns: no user came back.
		assertThat(used()).isZero();
	}

	@Test
	void aSuspendedUserInA200WithErrorsIsSuspended() {
		routes.on("/2/users/by/username/ajvila", routes.fixture("user-suspended.json"));

		var result = adapter().check(request("@ajvila", null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.SUSPENDED);
		assertThat(English.text(result.error())).contains("User has been suspended");
	}

	@Test
	void aMissingUserAnsweredWithA404IsNotFound() {
		routes.on("/2/users/" + ID, Routes.json(404, routes.read("not-found-404.json")));

		var result = adapter().check(request("@ajvila", ID, NEWEST));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.httpStatus()).isEqualTo(404);
	}

	@Test
	void aSuspendedUserAnsweredWithA404IsSuspended() {
		routes.on("/2/users/by/username/ajvila", Routes.json(404, routes.read("user-suspended.json")));

		var result = adapter().check(request("@ajvila", null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.SUSPENDED);
		assertThat(result.httpStatus()).isEqualTo(404);
	}

	@Test
	void aProtectedAccountExistsButItsPostsAreNotRead() {
		routes.on("/2/users/by/username/regidoria", routes.fixture("user-protected.json"));

		var result = adapter().check(request("@regidoria", null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(English.text(result.error())).contains("protected");
		assertThat(result.recentPosts()).isNull();
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void upToAHundredKnownAccountsAreLookedUpInOneRequest() throws Exception {
		routes.on("/2/users", routes.fixture("users-batch.json"));

		var results = adapter().checkAll(List.of(request("@ajvila", ID, NEWEST), request("@gone", "15591129", null),
				request("@banned", "481186914", null)));

		assertThat(results).extracting((r) -> r.outcome())
			.containsExactly(CheckOutcome.OK, CheckOutcome.NOT_FOUND, CheckOutcome.SUSPENDED);
		assertThat(server.getRequestCount()).isEqualTo(1);
		assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("ids"))
			.isEqualTo(ID + ",15591129,481186914");
		assertThat(used()).isEqualTo(1);
	}

	@Test
	void aThrottledAppIsRateLimitedUntilTheUnixSecondXNames() {
		long reset = Instant.now().plusSeconds(900).getEpochSecond();
		routes.on("/2/users/by/username/ajvila", new MockResponse.Builder().code(429)
			.addHeader("Content-Type", "application/json")
			.addHeader("x-rate-limit-limit", "300")
			.addHeader("x-rate-limit-remaining", "0")
			.addHeader("x-rate-limit-reset", Long.toString(reset))
			.body(routes.read("rate-limited.json"))
			.build());

		var result = adapter().check(request("@ajvila", null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isEqualTo(Instant.ofEpochSecond(reset));
		// A refused request returned nothing: its read is given back.
		assertThat(used()).isZero();
	}

	@Test
	void onceTheBudgetForTheMonthSoFarIsSpentNothingIsReadAndNothingFails() {
		routes.on("/2/users/" + ID, routes.fixture("user-active.json"));
		var adapter = adapter(310);
		// 50 of 310 may be spent by the end of 5 December; another node spent them.
		assertThat(allowances.take("x", java.time.LocalDate.parse("2026-12-01"), 50, 50, 0)).isEqualTo(50);

		var results = adapter.checkAll(List.of(request("@ajvila", ID, NEWEST), request("@other", "783214", null)));

		assertThat(results).allSatisfy((result) -> {
			assertThat(result.outcome()).isEqualTo(CheckOutcome.SKIPPED);
			assertThat(result.outcome().isEvidence()).isFalse();
			assertThat(English.text(result.error())).contains("X read budget").contains("50 of 310");
			assertThat(result.requests()).isZero();
		});
		assertThat(server.getRequestCount()).isZero();
		assertThat(used()).isEqualTo(50);
	}

	@Test
	void withoutABearerTokenXStaysUnsupported() {
		var properties = new XProperties(null, server.url("/").uri(), Duration.ofDays(1), 310);
		var clock = Clock.fixed(NOW, ZoneOffset.UTC);
		var adapter = new XAdapter(http, properties, new XBudget(allowances, properties, clock),
				PlatformProperties.at(server.url("/").uri()), clock);

		var result = adapter.check(request("@ajvila", null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.UNSUPPORTED);
		assertThat(English.text(result.error())).contains("VIGIA_PLATFORMS_X_BEARER_TOKEN").doesNotContain("test-bearer");
	}

}
