package org.vigia.platform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.vigia.platform.adapter.Routes;
import org.vigia.platform.bluesky.BlueskyLookalikes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.mastodon.MastodonLookalikes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.vigia.platform.adapter.Routes.json;

class PlatformDirectoryBlueskyTests {

	private static final String SEARCH = "/xrpc/app.bsky.actor.searchActors";

	private static final String PROFILE = "/xrpc/app.bsky.actor.getProfile";

	private static final String PROFILES = "/xrpc/app.bsky.actor.getProfiles";

	private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("bluesky");

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC());

	private PlatformDirectory directory() {
		server.setDispatcher(routes);
		var clock = Clock.fixed(NOW, ZoneOffset.UTC);
		return new DefaultPlatformDirectory(List.of(
				new BlueskyLookalikes(http, PlatformProperties.at(server.url("/").uri()), clock),
				new MastodonLookalikes(http, clock)), http);
	}

	private AccountSearch search(String query, int limit) {
		return directory().search(Platform.BLUESKY, query, null, limit);
	}

	private HandleProbe probe(String handle) {
		return directory().probe(Platform.BLUESKY.parse(handle));
	}

	@Test
	void findsActorsInCanonicalFormWithTheirDidsAndSkipsThoseWhoseHandleDoesNotVerify() {
		routes.on(SEARCH, routes.fixture("search-actors.json"));

		var search = search("Ayuntamiento de Móstoles", 25);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.OK);
		assertThat(search.error()).isNull();
		assertThat(search.requests()).isEqualTo(1);
		assertThat(search.accounts()).extracting((account) -> account.address().handle())
			.containsExactly("mostoles.es", "aytomostoles.bsky.social", "policiamostoles.bsky.social");
		assertThat(search.accounts()).extracting(FoundAccount::platformId)
			.containsExactly("did:plc:ujzdegxdncf32epf3dhodzdo", "did:plc:cis2jhtlgmxgedn73u55xtpl",
					"did:plc:r6edt4sywb5wkh7dnsipzz7f");
		assertThat(search.accounts().get(1).address())
			.isEqualTo(new AccountAddress(Platform.BLUESKY, "aytomostoles.bsky.social",
					"https://bsky.app/profile/aytomostoles.bsky.social"));
	}

	@Test
	void readsTheProfileViewOfASearchResultWithoutCountsItDoesNotCarry() {
		routes.on(SEARCH, routes.fixture("search-actors.json"));

		var impostor = search("Ayuntamiento de Móstoles", 25).accounts().get(1).profile();

		assertThat(impostor.displayName()).isEqualTo("Ayuntamiento de Mostoles 🏛️");
		// Platform text stays text: whoever shows it escapes it.
		assertThat(impostor.bio()).endsWith("<script>alert(1)</script>");
		assertThat(impostor.avatarUrl())
			.startsWith("https://cdn.bsky.app/img/avatar/plain/did:plc:cis2jhtlgmxgedn73u55xtpl/");
		assertThat(impostor.bot()).isTrue();
		assertThat(impostor.createdAt()).isEqualTo("2025-03-02T18:15:09.441Z");
		assertThat(impostor.followers()).isNull();
		assertThat(impostor.following()).isNull();
		assertThat(impostor.posts()).isNull();
		var police = search("Ayuntamiento de Móstoles", 25).accounts().get(2).profile();
		assertThat(police.bio()).isNull();
		assertThat(police.avatarUrl()).isNull();
	}

	@Test
	void sendsTheQueryUrlEncodedWithItsSpacesAndAccents() throws InterruptedException {
		routes.on(SEARCH, routes.fixture("search-actors-empty.json"));

		var search = search("  Ayuntamiento\tde  Mo\u0301stoles ", 25);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.OK);
		assertThat(search.accounts()).isEmpty();
		var request = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(request.getUrl().encodedPath()).isEqualTo(SEARCH);
		assertThat(request.getUrl().queryParameter("q")).isEqualTo("Ayuntamiento de Móstoles");
		assertThat(request.getUrl().encodedQuery()).isEqualTo("q=Ayuntamiento+de+M%C3%B3stoles&limit=25");
	}

	@Test
	void asksForAtMostTheHundredActorsTheAppViewAnswersInOnePage() throws InterruptedException {
		routes.on(SEARCH, routes.fixture("search-actors-empty.json"));

		search("móstoles", 1000);

		assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("limit")).isEqualTo("100");
	}

	@Test
	void refusesAnEmptyQueryAndALimitBelowOneWithoutAsking() {
		routes.on(SEARCH, routes.fixture("search-actors-empty.json"));

		assertThatIllegalArgumentException().isThrownBy(() -> search(" \t\u200b ", 10)).withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> search("móstoles", 0)).withMessageContaining("limit");
		assertThat(server.getRequestCount()).isZero();
	}

	@Test
	void reportsARateLimitedSearchWithTheTimeTheAppViewTakesRequestsAgain() {
		var reset = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		routes.on(SEARCH, rateLimited(reset));

		var search = search("móstoles", 25);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.RATE_LIMITED);
		assertThat(search.retryAt()).isEqualTo(reset);
		assertThat(search.accounts()).isEmpty();
		assertThat(English.text(search.error())).contains("429");
	}

	@Test
	void reportsAFailingSearchAsUnavailableNotAsNoResults() {
		routes.on(SEARCH, json(500, "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}"));

		var search = search("móstoles", 25);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.UNAVAILABLE);
		assertThat(English.text(search.error())).contains("HTTP 500").contains("InternalServerError");
		// The first request and the client's two retries.
		assertThat(search.requests()).isEqualTo(3).isEqualTo(server.getRequestCount());
	}

	@Test
	void reportsAMalformedSearchAnswerAsUnavailable() {
		routes.on(SEARCH, json(200, "{\"actors\": [{\"did\": "));

		var search = search("móstoles", 25);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.UNAVAILABLE);
		assertThat(English.text(search.error())).containsIgnoringCase("malformed");
	}

	@Test
	void probesAnExistingHandleWithTheCountsOnlyTheFullProfileHas() throws InterruptedException {
		routes.on(PROFILE, routes.fixture("profile-active.json"));

		var probe = probe("@Cultura.gob.example");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.EXISTS);
		assertThat(probe.account()).isNotNull();
		assertThat(probe.account().address().handle()).isEqualTo("cultura.gob.example");
		assertThat(probe.account().platformId()).isEqualTo("did:plc:cultura2ministerio3gob4e");
		assertThat(probe.account().profile().followers()).isEqualTo(48210);
		assertThat(probe.account().profile().posts()).isEqualTo(2310);
		var request = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(request.getUrl().encodedPath()).isEqualTo(PROFILE);
		assertThat(request.getUrl().queryParameter("actor")).isEqualTo("cultura.gob.example");
	}

	@Test
	void probesTwentyFiveHandlesInOneGetProfilesRequestAndCallsThoseItLeavesOutAbsent() throws InterruptedException {
		routes.on(PROFILES, routes.fixture("profiles.json"));
		var directory = directory();
		var handles = new java.util.ArrayList<AccountAddress>();
		handles.add(Platform.BLUESKY.parse("cultura.gob.example"));
		for (int i = 1; i < 25; i++) {
			handles.add(Platform.BLUESKY.parse("cultura" + i + ".bsky.social"));
		}

		assertThat(directory.probeBatch(Platform.BLUESKY)).isEqualTo(25);
		var answers = directory.probe(handles, java.time.Duration.ZERO);

		assertThat(answers).hasSize(25);
		var found = answers.get(handles.get(0));
		assertThat(found.existence()).isEqualTo(HandleProbe.Existence.EXISTS);
		assertThat(found.account().platformId()).isEqualTo("did:plc:cultura2ministerio3gob4e");
		assertThat(found.account().profile().followers()).isEqualTo(48210);
		// Left out, and the account answering as handle.invalid matches none asked: nobody reaches it under them.
		assertThat(answers.get(handles.get(24)).existence()).isEqualTo(HandleProbe.Existence.ABSENT);
		assertThat(answers.values()).filteredOn(probe -> probe.existence() == HandleProbe.Existence.ABSENT).hasSize(24);
		var request = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(request.getUrl().encodedPath()).isEqualTo(PROFILES);
		assertThat(request.getUrl().queryParameterValues("actors")).hasSize(25).startsWith("cultura.gob.example");
		assertThat(server.getRequestCount()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> directory.probe(
				java.util.stream.Stream.concat(handles.stream(), java.util.stream.Stream.of(Platform.BLUESKY
					.parse("one-too-many.bsky.social"))).toList(), java.time.Duration.ZERO));
	}

	@Test
	void knowsNothingOfAnyHandleOfABatchTheAppViewLimitsOrFails() {
		var reset = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		routes.on(PROFILES, rateLimited(reset));
		var handles = List.of(Platform.BLUESKY.parse("uno.bsky.social"), Platform.BLUESKY.parse("dos.bsky.social"));

		var limited = directory().probe(handles, java.time.Duration.ZERO);

		assertThat(limited.values()).allSatisfy(probe -> {
			assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
			assertThat(probe.retryAt()).isEqualTo(reset);
		});

		routes.on(PROFILES, json(200, "{\"actors\": []}"));
		assertThat(directory().probe(handles, java.time.Duration.ZERO).values())
			.allSatisfy(probe -> assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN));
	}

	@Test
	void callsAHandleAbsentOnlyWhenTheAppViewSaysProfileNotFound() {
		routes.on(PROFILE, json(400, routes.read("error-not-found.json")));

		var probe = probe("mostoles-oficial.bsky.social");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.ABSENT);
		assertThat(probe.account()).isNull();
		assertThat(English.text(probe.detail())).contains("Profile not found").contains("mostoles-oficial.bsky.social");
	}

	@Test
	void callsATakenDownAccountSuspended() {
		routes.on(PROFILE, json(400, routes.read("error-takedown.json")));

		var probe = probe("aytomostoles.bsky.social");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.SUSPENDED);
		assertThat(English.text(probe.detail())).contains("AccountTakedown");
	}

	@Test
	void callsADeactivatedAccountSuspendedBecauseItStillHoldsItsHandle() {
		routes.on(PROFILE, json(400, routes.read("error-deactivated.json")));

		var probe = probe("aytomostoles.bsky.social");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.SUSPENDED);
		assertThat(English.text(probe.detail())).contains("AccountDeactivated");
	}

	@Test
	void knowsNothingOfAHandleWhenTheAppViewRefusesTheRequestForAnotherReason() {
		routes.on(PROFILE, json(400, routes.read("error-invalid-actor.json")));

		var probe = probe("aytomostoles.bsky.social");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
		assertThat(English.text(probe.detail())).contains("HTTP 400").contains("actor must be a valid did");
	}

	@Test
	void knowsNothingOfAHandleWhileRateLimitedAndSaysWhenToAskAgain() {
		var reset = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		routes.on(PROFILE, rateLimited(reset));

		var probe = probe("aytomostoles.bsky.social");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
		assertThat(probe.retryAt()).isEqualTo(reset);
	}

	@Test
	void knowsNothingOfAHandleWhenTheAppViewFails() {
		routes.on(PROFILE, json(500, "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}"));

		var probe = probe("aytomostoles.bsky.social");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
		assertThat(English.text(probe.detail())).contains("HTTP 500");
		assertThat(probe.retryAt()).isNull();
	}

	@Test
	void knowsNothingOfAHandleWhenTheProfileIsMalformed() {
		routes.on(PROFILE, json(200, "<html><body>Bad gateway</body></html>"));

		var probe = probe("aytomostoles.bsky.social");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
		assertThat(English.text(probe.detail())).containsIgnoringCase("malformed");
	}

	private static MockResponse rateLimited(Instant reset) {
		return new MockResponse.Builder().code(429)
			.addHeader("Content-Type", "application/json; charset=utf-8")
			.addHeader("RateLimit-Limit", "3000")
			.addHeader("RateLimit-Remaining", "0")
			.addHeader("RateLimit-Reset", String.valueOf(reset.getEpochSecond()))
			.addHeader("RateLimit-Policy", "3000;w=300")
			.body("{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")
			.build();
	}

}
