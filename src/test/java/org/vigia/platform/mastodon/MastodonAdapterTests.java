package org.vigia.platform.mastodon;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.vigia.platform.English;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.Profile;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vigia.platform.adapter.Routes.json;

class MastodonAdapterTests {

	private static final String ID = "109348423455212345";

	private static final String LOOKUP = "/api/v1/accounts/lookup";

	private static final String STATUSES = "/api/v1/accounts/" + ID + "/statuses";

	private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("mastodon");

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC());

	private MastodonAdapter adapter(Clock clock) {
		server.setDispatcher(routes);
		return new MastodonAdapter(http, PlatformProperties.at(server.url("/").uri()), clock);
	}

	private CheckResult check() {
		return check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), null);
	}

	private CheckResult check(MastodonAdapter adapter, String platformId) {
		return adapter.check(new CheckRequest(address(), platformId, null, null));
	}

	private AccountAddress address() {
		return Platform.MASTODON.parse(server.url("/@cultura").toString());
	}

	@Test
	void readsLastActivityRepliesAndIdOfAnActiveAccount() {
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, routes.fixture("statuses-active.json"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-30T09:30:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://social.cultura.example/@cultura/112400000000000005");
		assertThat(result.platformId()).isEqualTo(ID);
		assertThat(result.movedTo()).isNull();
		assertThat(result.error()).isNull();
		// Four own posts (the boost left out), one of them a reply to someone else; the self-reply is a thread.
		assertThat(result.recentPosts()).isEqualTo(4);
		assertThat(result.replyShare()).isEqualTo(0.25);
		assertThat(result.requests()).isEqualTo(2).isEqualTo(server.getRequestCount());
		assertThat(result.latency()).isPositive();
	}

	@Test
	void asksTheServerOfTheProfileUrlForTheAccountByNameThenForItsRecentStatuses() throws InterruptedException {
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, routes.fixture("statuses-active.json"));

		check();

		var lookup = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(lookup.getUrl().encodedPath()).isEqualTo(LOOKUP);
		assertThat(lookup.getUrl().queryParameter("acct")).isEqualTo("cultura");
		assertThat(lookup.getHeaders().get("Accept")).isEqualTo("application/json");
		var statuses = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(statuses.getUrl().encodedPath()).isEqualTo(STATUSES);
		assertThat(statuses.getUrl().queryParameter("limit")).isEqualTo("20");
		assertThat(statuses.getUrl().querySize()).isEqualTo(1);
	}

	@Test
	void asksForNoMoreThanFortyStatusesBecauseMastodonServesNoMore() throws InterruptedException {
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, routes.fixture("statuses-active.json"));
		server.setDispatcher(routes);
		var base = PlatformProperties.at(server.url("/").uri());
		var adapter = new MastodonAdapter(http,
				new PlatformProperties(100, base.bluesky(), base.telegram(), base.youtube()), Clock.systemUTC());

		check(adapter, null);

		server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("limit")).isEqualTo("40");
	}

	@Test
	void readsTheProfileAsPlainTextWithItsVerifiedWebsite() {
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, routes.fixture("statuses-active.json"));

		var profile = check().profile();

		assertThat(profile).isNotNull();
		assertThat(profile.displayName()).isEqualTo("Ministerio de Cultura");
		assertThat(profile.bio()).isEqualTo("""
				Cuenta oficial del Ministerio de Cultura.
				Atención al público: https://www.cultura.example/contacto

				Normas de uso & privacidad en la web.""");
		assertThat(profile.avatarUrl()).startsWith("https://files.cultura.example/accounts/avatars/");
		assertThat(profile.followers()).isEqualTo(15230);
		assertThat(profile.following()).isEqualTo(112);
		assertThat(profile.posts()).isEqualTo(1840);
		assertThat(profile.bot()).isFalse();
		assertThat(profile.createdAt()).isEqualTo("2022-11-15T00:00:00Z");
		assertThat(profile.fields()).containsExactly(
				new Profile.Field("Web", "https://www.cultura.example", Instant.parse("2023-01-10T10:00:00Z")),
				new Profile.Field("Sede", "Plaza del Rey, 1 · Madrid", null));
	}

	@Test
	void reportsTheNewestPostOfALongSilentAccountAsItsLastActivity() {
		routes.on(LOOKUP, routes.fixture("account-silent.json")).on(STATUSES, routes.fixture("statuses-silent.json"));

		var result = check();

		// Silence is for the health rules to judge: the account exists, so the check is OK.
		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo("2025-10-13T09:15:00Z");
		assertThat(Duration.between(result.lastActivityAt(), NOW).toDays()).isEqualTo(200);
		assertThat(result.newestPostUrl()).isEqualTo("https://social.cultura.example/@cultura/115100000000000003");
	}

	@Test
	void countsBoostsAsActivityButNotAsPostsThatCouldBeReplies() {
		routes.on(LOOKUP, routes.fixture("account-active.json"))
			.on(STATUSES, routes.fixture("statuses-only-boosts.json"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		// When the account boosted, not when the boosted post was written (2026-04-20T09:00).
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-20T10:00:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://museos.example/@museo/112409000000000003");
		assertThat(result.recentPosts()).isZero();
		assertThat(result.replyShare()).isNull();
	}

	@Test
	void ignoresAnOldPinnedPostShownAboveNewerOnes() {
		routes.on(LOOKUP, routes.fixture("account-active.json"))
			.on(STATUSES, routes.fixture("statuses-pinned-first.json"));

		var result = check();

		assertThat(result.lastActivityAt()).isEqualTo("2026-04-28T12:00:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://social.cultura.example/@cultura/112420000000000003");
		assertThat(result.recentPosts()).isEqualTo(3);
		assertThat(result.replyShare()).isZero();
	}

	@Test
	void fallsBackToTheDayOfTheLastStatusWhenNoStatusIsPublic() {
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, json(200, "[]"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-30T00:00:00Z");
		assertThat(result.newestPostUrl()).isNull();
		assertThat(result.recentPosts()).isZero();
		assertThat(result.replyShare()).isNull();
	}

	@Test
	void marksAccountGoneWhenMastodonAnswersRecordNotFound() {
		routes.on(LOOKUP, json(404, routes.read("not-found.json")));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.httpStatus()).isEqualTo(404);
		assertThat(English.text(result.error())).contains("cultura").contains("Record not found");
		assertThat(result.profile()).isNull();
		assertThat(result.requests()).isEqualTo(1).isEqualTo(server.getRequestCount());
	}

	@Test
	void marksAccountGoneWhenTheServerAnswersGone() {
		routes.on(LOOKUP, json(410, "{\"error\":\"Gone\"}"));

		assertThat(check().outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
	}

	@Test
	void doesNotTakeAPlainNotFoundPageForADeletedAccount() {
		routes.on(LOOKUP, new MockResponse.Builder().code(404)
			.addHeader("Content-Type", "text/html")
			.body("<html><body><h1>Not Found</h1></body></html>")
			.build());

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(404);
		assertThat(English.text(result.error())).contains("Mastodon server");
	}

	@Test
	void doesNotTakeAServerWithoutAccountLookupForOneThatDeletedTheAccount() {
		// What Mastodon before 3.4 answers for a route it does not have.
		routes.on(LOOKUP, json(404, "{\"error\":\"Not Found\"}"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(404);
		assertThat(English.text(result.error())).contains("Not Found").contains("3.4");
	}

	@Test
	void marksAccountSuspendedWithoutAskingForItsStatuses() {
		routes.on(LOOKUP, routes.fixture("account-suspended.json"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.SUSPENDED);
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(English.text(result.error())).contains("suspended");
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void reportsAMigratedAccountWithItsNewHandleAndStillReadsIt() {
		routes.on(LOOKUP, routes.fixture("account-moved.json")).on(STATUSES, routes.fixture("statuses-silent.json"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.MOVED);
		assertThat(result.movedTo()).isEqualTo("cultura@social.cultura.gob.example");
		assertThat(result.platformId()).isEqualTo(ID);
		assertThat(result.profile()).isNotNull();
		assertThat(result.lastActivityAt()).isEqualTo("2025-10-13T09:15:00Z");
	}

	@Test
	void notesThatTheNameBelongsToAnotherAccountWhenItsIdChanged() {
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, routes.fixture("statuses-active.json"));

		var result = check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), "108000000000000001");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.platformId()).isEqualTo(ID);
		assertThat(English.text(result.error())).contains("another account").contains("108000000000000001");
	}

	@Test
	void waitsUntilRetryAfterWhenTheServerLimitsRequests() {
		routes.on(LOOKUP, new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
		var before = Instant.now();

		var result = check(adapter(Clock.systemUTC()), null);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isBetween(before.plusSeconds(3590), Instant.now().plusSeconds(3610));
		assertThat(result.profile()).isNull();
		assertThat(result.requests()).isEqualTo(server.getRequestCount());
	}

	@Test
	void waitsUntilMastodonsRateLimitResetWhenThereIsNoRetryAfter() {
		// Mastodon itself sends no Retry-After, only its X-RateLimit headers with an ISO reset time.
		var reset = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
		routes.on(LOOKUP, new MockResponse.Builder().code(429)
			.addHeader("Content-Type", "application/json")
			.addHeader("X-RateLimit-Limit", "300")
			.addHeader("X-RateLimit-Remaining", "0")
			.addHeader("X-RateLimit-Reset", reset.toString())
			.body("{\"error\":\"Too many requests\"}")
			.build());

		var result = check(adapter(Clock.systemUTC()), null);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isCloseTo(reset, within(1, ChronoUnit.SECONDS));
	}

	@Test
	void reportsRateLimitWhenTheServerSaysNeitherWhyNorHowLong() {
		routes.on(LOOKUP, new MockResponse.Builder().code(429).build());

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.requests()).isEqualTo(server.getRequestCount());
	}

	@Test
	void reportsRateLimitWhenOnlyTheStatusesAreLimited() {
		routes.on(LOOKUP, routes.fixture("account-active.json"))
			.on(STATUSES, new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());

		var result = check(adapter(Clock.systemUTC()), null);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isAfter(Instant.now().plusSeconds(3500));
		assertThat(result.requests()).isEqualTo(server.getRequestCount());
	}

	@Test
	void readsTheAccountOnceTheServerRecoversFromAnError() {
		routes.on(LOOKUP, json(500, "{\"error\":\"Internal server error\"}"), routes.fixture("account-active.json"))
			.on(STATUSES, routes.fixture("statuses-active.json"));
		var adapter = adapter(Clock.fixed(NOW, ZoneOffset.UTC));

		// The platform client may retry a 5xx itself; if it does not, the next check reads the account.
		var first = check(adapter, null);
		var result = first;
		if (first.outcome() == CheckOutcome.ERROR) {
			assertThat(first.httpStatus()).isEqualTo(500);
			assertThat(first.error()).contains("500").contains("Internal server error");
			result = check(adapter, null);
		}

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-30T09:30:00Z");
		var requests = (result == first) ? first.requests() : first.requests() + result.requests();
		assertThat(requests).isEqualTo(server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void reportsAnErrorWithTheStatusWhileTheServerKeepsFailing() {
		routes.on(LOOKUP, json(503, "{\"error\":\"Service unavailable\"}"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(503);
		assertThat(result.requests()).isEqualTo(server.getRequestCount());
	}

	@Test
	void reportsAServerThatRequiresLoginAsAnErrorWithItsReason() {
		routes.on(LOOKUP, json(401, "{\"error\":\"This API requires an authenticated user\"}"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(401);
		assertThat(English.text(result.error())).contains("This API requires an authenticated user");
	}

	@Test
	void reportsAServerThatNeverAnswersAsAnErrorNotAsAVerdictOnTheAccount() {
		routes.on(LOOKUP, new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isNull();
		assertThat(English.text(result.error())).isNotBlank();
		assertThat(result.lastActivityAt()).isNull();
		assertThat(result.requests()).isPositive();
	}

	@Test
	void reportsAMalformedAccountAsAnError() {
		routes.on(LOOKUP, json(200, "{\"id\": \"" + ID + "\", \"username\": \"cultura\", \"acct\""));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(English.text(result.error())).startsWith("Malformed answer");
	}

	@Test
	void reportsAnAnswerThatIsNotAnAccountAsMalformed() {
		routes.on(LOOKUP, json(200, "<!DOCTYPE html><html><body>Welcome to nginx!</body></html>"));

		assertThat(English.text(check().error())).startsWith("Malformed answer");
	}

	@Test
	void reportsStatusesThatAreNotAListAsMalformed() {
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, json(200, "{\"statuses\": []}"));

		var result = check();

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("Malformed answer").contains("statuses");
		assertThat(result.requests()).isEqualTo(2);
	}

	@Test
	void readsAnAccountWhoseIdIsKnownWithOneRequestForItsStatuses() throws InterruptedException {
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, routes.fixture("statuses-active.json"));

		var result = check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), ID);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-30T09:30:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://social.cultura.example/@cultura/112400000000000005");
		assertThat(result.recentPosts()).isEqualTo(4);
		assertThat(result.replyShare()).isEqualTo(0.25);
		assertThat(result.platformId()).isEqualTo(ID);
		assertThat(result.profile()).isEqualTo(check().profile());
		assertThat(result.requests()).isEqualTo(1);
		assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo(STATUSES);
	}

	@Test
	void confirmsASuspensionByLookupWhenTheStatusesOfAKnownAccountComeBackEmpty() {
		routes.on(LOOKUP, routes.fixture("account-suspended.json")).on(STATUSES, json(200, "[]"));

		var result = check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), ID);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.SUSPENDED);
		assertThat(English.text(result.error())).contains("suspended");
		assertThat(result.requests()).isEqualTo(2).isEqualTo(server.getRequestCount());
	}

	@Test
	void confirmsAMoveByLookupWhenTheStatusesEmbedAMovedAccount() {
		var moved = routes.read("account-moved.json");
		var statuses = "[{\"id\": \"112000000000000001\", \"created_at\": \"2025-10-13T09:15:00.000Z\", "
				+ "\"url\": \"https://social.cultura.example/@cultura/112000000000000001\", \"reblog\": null, "
				+ "\"in_reply_to_account_id\": null, \"account\": " + moved + "}]";
		routes.on(LOOKUP, json(200, moved)).on(STATUSES, json(200, statuses));

		var result = check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), ID);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.MOVED);
		assertThat(result.movedTo()).isEqualTo("cultura@social.cultura.gob.example");
		assertThat(result.lastActivityAt()).isEqualTo("2025-10-13T09:15:00Z");
		assertThat(server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void readsAKnownAccountWithoutPostsWithTheLookupAndNoSecondStatusesRequest() {
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, json(200, "[]"));

		var result = check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), ID);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo("2026-04-30T00:00:00Z");
		assertThat(result.recentPosts()).isZero();
		assertThat(result.profile()).isNotNull();
		assertThat(result.requests()).isEqualTo(2).isEqualTo(server.getRequestCount());
	}

	@Test
	void marksAKnownAccountGoneWhenItsStatusesAndItsNameAreBothUnknown() {
		routes.on(LOOKUP, json(404, routes.read("not-found.json"))).on(STATUSES, json(404, routes.read("not-found.json")));

		var result = check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), ID);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.requests()).isEqualTo(2);
	}

	@Test
	void reportsTheRateLimitOfTheOneRequestWithoutALookupThatWouldMeetItToo() {
		routes.on(LOOKUP, routes.fixture("account-active.json"))
			.on(STATUSES, new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());

		var result = check(adapter(Clock.systemUTC()), ID);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isAfter(Instant.now().plusSeconds(3500));
		assertThat(server.getRequestCount()).isEqualTo(result.requests());
	}

	@Test
	void looksTheNameUpWhenTheStatusesOfAKnownIdEmbedAnotherName() {
		var renamed = routes.read("statuses-active.json").replace("\"acct\": \"cultura\"", "\"acct\": \"otra\"");
		routes.on(LOOKUP, routes.fixture("account-active.json")).on(STATUSES, json(200, renamed), routes.fixture("statuses-active.json"));

		var result = check(adapter(Clock.fixed(NOW, ZoneOffset.UTC)), ID);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(server.getRequestCount()).isEqualTo(3);
	}

}
