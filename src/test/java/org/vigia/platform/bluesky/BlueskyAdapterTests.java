package org.vigia.platform.bluesky;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.vigia.platform.English;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigia.platform.adapter.Routes.json;

class BlueskyAdapterTests {

	private static final String DID = "did:plc:cultura2ministerio3gob4e";

	private static final String HANDLE = "cultura.gob.example";

	private static final String PROFILE = "/xrpc/app.bsky.actor.getProfile";

	private static final String FEED = "/xrpc/app.bsky.feed.getAuthorFeed";

	private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("bluesky");

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC());

	private BlueskyAdapter adapter(Clock clock) {
		server.setDispatcher(routes);
		return new BlueskyAdapter(http, PlatformProperties.at(server.url("/").uri()), clock);
	}

	private CheckResult check() {
		return check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), HANDLE, null);
	}

	private CheckResult checkKnown(String handle) {
		return check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), handle, DID);
	}

	private static CheckResult check(BlueskyAdapter adapter, String handle, String did) {
		return adapter.check(new CheckRequest(Platform.BLUESKY.parse(handle), did, null, null));
	}

	@Test
	void readsLastActivityRepliesAndDidOfAnActiveAccount() {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, routes.fixture("feed-active.json"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-30T09:30:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://bsky.app/profile/cultura.gob.example/post/3lnx3ysrdbk2c");
		assertThat(result.platformId()).isEqualTo(DID);
		assertThat(result.movedTo()).isNull();
		assertThat(result.error()).isNull();
		// Four own posts (the repost left out), one a reply to someone else; the self-reply continues a thread.
		assertThat(result.recentPosts()).isEqualTo(4);
		assertThat(result.replyShare()).isEqualTo(0.25);
		assertThat(result.requests()).isEqualTo(2).isEqualTo(server.getRequestCount());
		assertThat(result.latency()).isPositive();
	}

	@Test
	void readsTheProfileFactsBlueskyShows() {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, routes.fixture("feed-active.json"));

		var profile = check().profile();

		assertThat(profile).isNotNull();
		assertThat(profile.displayName()).isEqualTo("Ministerio de Cultura");
		assertThat(profile.bio())
			.isEqualTo("Cuenta oficial del Ministerio de Cultura.\nAtención al público: https://www.cultura.example/contacto");
		assertThat(profile.avatarUrl()).startsWith("https://cdn.bsky.app/img/avatar/plain/" + DID + "/");
		assertThat(profile.followers()).isEqualTo(48210);
		assertThat(profile.following()).isEqualTo(131);
		assertThat(profile.posts()).isEqualTo(2310);
		assertThat(profile.createdAt()).isEqualTo("2023-09-12T08:21:44.812Z");
		assertThat(profile.fields()).isEmpty();
		assertThat(profile.bot()).isFalse();
	}

	@Test
	void asksForTheRegisteredHandleAndThenForTheFeedOfItsDid() throws InterruptedException {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, routes.fixture("feed-active.json"));

		check();

		var profile = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(profile.getUrl().encodedPath()).isEqualTo(PROFILE);
		assertThat(profile.getUrl().queryParameter("actor")).isEqualTo(HANDLE);
		var feed = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(feed.getUrl().encodedPath()).isEqualTo(FEED);
		assertThat(feed.getUrl().queryParameter("actor")).isEqualTo(DID);
		assertThat(feed.getUrl().queryParameter("limit")).isEqualTo("20");
	}

	@Test
	void asksForTheStoredDidOnceAnEarlierCheckFoundIt() throws InterruptedException {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, routes.fixture("feed-active.json"));

		assertThat(checkKnown(HANDLE).outcome()).isEqualTo(CheckOutcome.OK);

		assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("actor")).isEqualTo(DID);
	}

	@Test
	void reportsTheNewestPostOfALongSilentAccountAsItsLastActivity() {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, routes.fixture("feed-silent.json"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo("2025-10-13T09:15:00Z");
		assertThat(Duration.between(result.lastActivityAt(), NOW).toDays()).isEqualTo(200);
	}

	@Test
	void countsRepostsAsActivityWhenTheAccountRepostedButNotAsPosts() {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, routes.fixture("feed-only-reposts.json"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		// The repost's time, not the original post's (2026-04-20T09:00).
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-20T10:00:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://bsky.app/profile/museo.bsky.social/post/3lnf2aaaaaa2a");
		assertThat(result.recentPosts()).isZero();
		assertThat(result.replyShare()).isNull();
	}

	@Test
	void ignoresAnOldPinnedPostShownAboveNewerOnes() {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, routes.fixture("feed-pinned-first.json"));

		var result = check();

		assertThat(result.lastActivityAt()).isEqualTo("2026-04-28T12:00:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://bsky.app/profile/cultura.gob.example/post/3lnsz4kzkss2a");
		assertThat(result.recentPosts()).isEqualTo(3);
	}

	@Test
	void doesNotLetAPostDatedInTheFutureMakeAnAccountLookActive() {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, routes.fixture("feed-future-dated.json"));

		var result = check();

		// Claimed 2031-01-01; the AppView first saw it on 2025-10-13.
		assertThat(result.lastActivityAt()).isEqualTo("2025-10-13T09:15:00.812Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://bsky.app/profile/cultura.gob.example/post/3m3cbtsqbjk2z");
	}

	@Test
	void reportsNoActivityForAnAccountThatNeverPosted() {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, routes.fixture("feed-empty.json"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isNull();
		assertThat(result.newestPostUrl()).isNull();
		assertThat(result.recentPosts()).isZero();
		assertThat(result.replyShare()).isNull();
	}

	@Test
	void marksAccountGoneWhenBlueskyAnswersProfileNotFound() {
		routes.on(PROFILE, json(400, routes.read("error-not-found.json")));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.httpStatus()).isEqualTo(400);
		assertThat(English.text(result.error())).contains("Profile not found").contains(HANDLE);
		assertThat(result.requests()).isEqualTo(1).isEqualTo(server.getRequestCount());
	}

	@Test
	void marksAccountGoneWhenBlueskyAnswersAccountTakedown() {
		routes.on(PROFILE, json(400, routes.read("error-takedown.json")));

		var result = checkKnown(HANDLE);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.SUSPENDED);
		assertThat(English.text(result.error())).contains("AccountTakedown").contains(DID);
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void marksAccountDeactivatedWhenBlueskyAnswersAccountDeactivated() {
		routes.on(PROFILE, json(400, routes.read("error-deactivated.json")));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.DEACTIVATED);
		assertThat(English.text(result.error())).contains("Account is deactivated");
	}

	@Test
	void reportsAnyOtherInvalidRequestAsAnErrorNotAsAGoneAccount() {
		routes.on(PROFILE, json(400, routes.read("error-invalid-actor.json")));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(400);
		assertThat(English.text(result.error())).contains("actor must be a valid did or a handle");
	}

	@Test
	void reportsARenamedAccountWithItsNewHandleAndStillReadsIt() {
		routes.on(PROFILE, routes.fixture("profile-renamed.json")).on(FEED, routes.fixture("feed-active.json"));

		var result = checkKnown(HANDLE);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.MOVED);
		assertThat(result.movedTo()).isEqualTo("cultura-oficial.bsky.social");
		assertThat(result.platformId()).isEqualTo(DID);
		assertThat(result.profile()).isNotNull();
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-30T09:30:00Z");
	}

	@Test
	void neverReportsAnAccountRegisteredByItsDidAsRenamed() {
		routes.on(PROFILE, routes.fixture("profile-renamed.json")).on(FEED, routes.fixture("feed-active.json"));

		var result = checkKnown(DID);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.movedTo()).isNull();
	}

	@Test
	void readsAnAccountWhoseHandleStoppedVerifyingAndSaysSo() {
		routes.on(PROFILE, routes.fixture("profile-invalid-handle.json")).on(FEED, routes.fixture("feed-active.json"));

		var result = checkKnown(HANDLE);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.movedTo()).isNull();
		assertThat(English.text(result.error())).contains("handle.invalid").contains("no longer verifies");
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-30T09:30:00Z");
	}

	@Test
	void waitsUntilRetryAfterWhenTheAppViewLimitsRequests() {
		routes.on(PROFILE, new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
		var before = Instant.now();

		var result = check(adapter(Clock.systemUTC()), HANDLE, null);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isBetween(before.plusSeconds(3590), Instant.now().plusSeconds(3610));
		assertThat(result.requests()).isEqualTo(server.getRequestCount());
	}

	@Test
	void waitsUntilTheAppViewsRateLimitResetWhenThereIsNoRetryAfter() {
		var reset = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 3600);
		routes.on(PROFILE, new MockResponse.Builder().code(429)
			.addHeader("Content-Type", "application/json")
			.addHeader("RateLimit-Limit", "3000")
			.addHeader("RateLimit-Remaining", "0")
			.addHeader("RateLimit-Reset", Long.toString(reset.getEpochSecond()))
			.addHeader("RateLimit-Policy", "3000;w=300")
			.body("{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")
			.build());

		var result = check(adapter(Clock.systemUTC()), HANDLE, null);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isEqualTo(reset);
	}

	@Test
	void reportsRateLimitWhenOnlyTheFeedIsLimited() {
		routes.on(PROFILE, routes.fixture("profile-active.json"))
			.on(FEED, new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());

		var result = check(adapter(Clock.systemUTC()), HANDLE, null);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.requests()).isEqualTo(server.getRequestCount());
	}

	@Test
	void readsTheAccountOnceTheAppViewRecoversFromAnError() {
		routes.on(PROFILE, json(500, "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}"),
				routes.fixture("profile-active.json"))
			.on(FEED, routes.fixture("feed-active.json"));
		var adapter = adapter(Clock.fixed(NOW, ZoneOffset.UTC));

		// The platform client may retry a 5xx itself; if it does not, the next check reads the account.
		var first = check(adapter, HANDLE, null);
		var result = first;
		if (first.outcome() == CheckOutcome.ERROR) {
			assertThat(first.httpStatus()).isEqualTo(500);
			assertThat(first.error()).contains("500").contains("InternalServerError");
			result = check(adapter, HANDLE, null);
		}

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.platformId()).isEqualTo(DID);
		var requests = (result == first) ? first.requests() : first.requests() + result.requests();
		assertThat(requests).isEqualTo(server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void reportsAnAppViewThatNeverAnswersAsAnErrorNotAsAVerdictOnTheAccount() {
		routes.on(PROFILE, new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isNull();
		assertThat(English.text(result.error())).isNotBlank();
		assertThat(result.requests()).isPositive();
	}

	@Test
	void reportsAMalformedProfileAsAnError() {
		routes.on(PROFILE, json(200, "{\"did\": \"" + DID + "\", \"handle\": "));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("Malformed answer").contains("profile");
	}

	@Test
	void reportsAFeedWithoutItemsListAsMalformed() {
		routes.on(PROFILE, routes.fixture("profile-active.json")).on(FEED, json(200, "{\"cursor\": \"x\"}"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("Malformed answer").contains("feed");
	}

}
