package org.vigia.platform.bluesky;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

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

class BlueskyBatchTests {

	private static final String CULTURA = "did:plc:cultura2ministerio3gob4e";

	private static final String MUSEO = "did:plc:museo7nacional2gob5e";

	private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes fixtures = new Routes("bluesky");

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC());

	private final AtomicReference<MockResponse> profilesAnswer = new AtomicReference<>();

	private BlueskyAdapter adapter(Instant now) {
		var cultura = fixtures.read("profile-active.json");
		var museo = cultura.replace(CULTURA, MUSEO).replace("cultura.gob.example", "museo.gob.example");
		if (profilesAnswer.get() == null) {
			profilesAnswer.set(json(200, "{\"profiles\": [" + cultura + "," + museo + "]}"));
		}
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				var url = request.getUrl();
				var actor = url.queryParameter("actor");
				return switch (url.encodedPath()) {
					case "/xrpc/app.bsky.actor.getProfiles" -> profilesAnswer.get();
					case "/xrpc/app.bsky.actor.getProfile" -> switch (actor) {
						case "retirada.gob.example" -> json(400, fixtures.read("error-takedown.json"));
						default -> json(400, fixtures.read("error-not-found.json"));
					};
					case "/xrpc/app.bsky.feed.getAuthorFeed" -> json(200,
							fixtures.read("feed-active.json").replace(CULTURA, actor));
					default -> new MockResponse.Builder().code(418).build();
				};
			}
		});
		return new BlueskyAdapter(http, PlatformProperties.at(server.url("/").uri()), Clock.fixed(now, ZoneOffset.UTC));
	}

	private static CheckRequest request(String handle, String did, Long knownPosts) {
		return new CheckRequest(Platform.BLUESKY.parse(handle), did, null, null, knownPosts);
	}

	private static int requests(List<CheckResult> results) {
		return results.stream().mapToInt(CheckResult::requests).sum();
	}

	/** A day that is not the account's own day for reading its feed whatever its post count. */
	private static Instant dayWithoutFeedRead(String did) {
		var day = NOW;
		while (Math.floorMod(LocalDate.ofInstant(day, ZoneOffset.UTC).toEpochDay(), 7) == Math.floorMod(did.hashCode(), 7)) {
			day = day.plus(Duration.ofDays(1));
		}
		return day;
	}

	@Test
	void readsTheProfilesOfABatchInOneRequestAndAsksSinglyAboutTheActorsItLeavesOut() throws InterruptedException {
		var results = adapter(NOW).checkAll(List.of(request("cultura.gob.example", null, null),
				request("desaparecida.gob.example", null, null), request("retirada.gob.example", null, null),
				request("museo.gob.example", MUSEO, null)));

		assertThat(results).extracting(CheckResult::outcome)
			.containsExactly(CheckOutcome.OK, CheckOutcome.NOT_FOUND, CheckOutcome.SUSPENDED, CheckOutcome.OK);
		assertThat(results.get(0).platformId()).isEqualTo(CULTURA);
		assertThat(results.get(0).lastActivityAt()).isEqualTo("2026-04-30T09:30:00Z");
		assertThat(results.get(3).platformId()).isEqualTo(MUSEO);
		assertThat(results.get(3).profile().posts()).isEqualTo(2310);
		assertThat(results.get(2).error()).contains("AccountTakedown");
		// One batch, two single profiles for the actors left out, two feeds.
		assertThat(requests(results)).isEqualTo(5).isEqualTo(server.getRequestCount());
		var batch = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(batch.getUrl().encodedPath()).isEqualTo("/xrpc/app.bsky.actor.getProfiles");
		assertThat(batch.getUrl().queryParameterValues("actors")).containsExactly("cultura.gob.example",
				"desaparecida.gob.example", "retirada.gob.example", MUSEO);
	}

	@Test
	void skipsTheFeedsOfAccountsWhosePostCountDidNotChange() {
		var results = adapter(dayWithoutFeedRead(CULTURA)).checkAll(List.of(
				request("cultura.gob.example", CULTURA, 2310L), request("museo.gob.example", MUSEO, 2309L)));

		assertThat(results).extracting(CheckResult::outcome).containsExactly(CheckOutcome.OK, CheckOutcome.OK);
		assertThat(results.get(0).lastActivityAt()).isNull();
		assertThat(results.get(0).recentPosts()).isNull();
		assertThat(results.get(0).profile()).isNotNull();
		// The museum's count moved on: its feed is read.
		assertThat(results.get(1).lastActivityAt()).isEqualTo("2026-04-30T09:30:00Z");
		assertThat(requests(results)).isEqualTo(2).isEqualTo(server.getRequestCount());
	}

	@Test
	void readsTheFeedOnTheAccountsOwnDayEvenWhenItsPostCountDidNotChange() {
		var day = dayWithoutFeedRead(CULTURA);
		while (Math.floorMod(LocalDate.ofInstant(day, ZoneOffset.UTC).toEpochDay(), 7) != Math.floorMod(CULTURA.hashCode(), 7)) {
			day = day.plus(Duration.ofDays(1));
		}

		var results = adapter(day).checkAll(List.of(request("cultura.gob.example", CULTURA, 2310L),
				request("museo.gob.example", MUSEO, null)));

		assertThat(results.get(0).lastActivityAt()).isEqualTo("2026-04-30T09:30:00Z");
		assertThat(requests(results)).isEqualTo(3);
	}

	@Test
	void givesEveryAccountOfARateLimitedBatchTheLimitAndCountsTheRequestOnce() {
		profilesAnswer.set(new MockResponse.Builder().code(429).addHeader("Retry-After", "600").build());

		var results = adapter(NOW).checkAll(List.of(request("cultura.gob.example", CULTURA, 2310L),
				request("museo.gob.example", MUSEO, 2310L)));

		assertThat(results).extracting(CheckResult::outcome)
			.containsExactly(CheckOutcome.RATE_LIMITED, CheckOutcome.RATE_LIMITED);
		assertThat(results).allSatisfy(result -> assertThat(result.retryAt()).isNotNull());
		assertThat(requests(results)).isEqualTo(server.getRequestCount());
	}

	@Test
	void checksEachAccountSinglyWhenTheAppViewRefusesTheBatch() {
		profilesAnswer.set(json(400, fixtures.read("error-invalid-actor.json")));

		var results = adapter(NOW).checkAll(List.of(request("cultura.gob.example", CULTURA, null),
				request("retirada.gob.example", null, null)));

		assertThat(results).extracting(CheckResult::outcome).containsExactly(CheckOutcome.NOT_FOUND,
				CheckOutcome.SUSPENDED);
		assertThat(requests(results)).isEqualTo(server.getRequestCount());
	}

}
