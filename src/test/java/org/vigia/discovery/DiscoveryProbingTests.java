package org.vigia.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.vigia.ApiCalls.awaitFinished;
import static org.vigia.ApiCalls.editor;
import static org.vigia.ApiCalls.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.discovery.permutation.HandlePermutations;
import org.vigia.discovery.permutation.PermutationFamily;
import org.vigia.discovery.permutation.PermutationSettings;
import org.vigia.platform.Platform;

/**
 * The issue's goal for probing, with the default budget: two towns with one Bluesky and one Mastodon handle each,
 * their Mastodon accounts on one server; a first discovery run asks the platforms about every permutation of the
 * families omission, repetition, transposition, homoglyph, separator and affix of all four handles, and stays within
 * the platforms' published limits. The Mastodon server counts 300 requests per window and says so in its
 * X-RateLimit headers, as Mastodon does; its windows last seconds instead of 5 minutes, so that the test need not.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		"vigia.http.max-retries=0" })
class DiscoveryProbingTests {

	static final Set<PermutationFamily> GOAL = EnumSet.of(PermutationFamily.OMISSION, PermutationFamily.REPETITION,
			PermutationFamily.TRANSPOSITION, PermutationFamily.HOMOGLYPH, PermutationFamily.SEPARATOR,
			PermutationFamily.AFFIX);

	static final Platforms PLATFORMS = new Platforms(300, Duration.ofSeconds(3));

	static final MockWebServer SERVER = new MockWebServer();

	static {
		SERVER.setDispatcher(PLATFORMS);
		try {
			SERVER.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void platformsOnTheMockServer(DynamicPropertyRegistry registry) {
		var base = SERVER.url("/").toString();
		registry.add("vigia.platforms.bluesky.api-url", () -> base);
		registry.add("vigia.discovery.mastodon-instances", () -> base.substring(0, base.length() - 1));
	}

	@AfterAll
	static void stopServer() {
		SERVER.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFirstRunProbesEveryPermutationOfTheGoalFamiliesWithinThePlatformsRateLimits() throws Exception {
		jdbc.sql("""
				truncate account, unit, organization, poll_run, discovery_run, discovery_probe, discovery_avatar,
				         released_handle, lookalike_allowlist restart identity cascade
				""").update();
		var authority = SERVER.getHostName() + ":" + SERVER.getPort();
		var base = "http://" + authority;
		var csv = """
				organization,platform,handle,url
				Ayuntamiento de Villaverde,bluesky,aytovillaverde.bsky.social,
				Ayuntamiento de Villaverde,mastodon,,{base}/@ayuntamientovillaverde
				Ayuntamiento de Robledo de Chavela,bluesky,aytorobledo.bsky.social,
				Ayuntamiento de Robledo de Chavela,mastodon,,{base}/@robledodechavela
				""".replace("{base}", base);
		editor(mvc, post("/api/registry/import").contentType("text/csv").content(csv.getBytes(StandardCharsets.UTF_8)));
		awaitFinished(mvc, "/api/poll-runs/" + JsonPath.read(editor(mvc, post("/api/poll-runs")), "$.id"));

		var started = editor(mvc, post("/api/discovery-runs").contentType(MediaType.APPLICATION_JSON));
		var run = awaitFinished(mvc, "/api/discovery-runs/" + JsonPath.read(started, "$.id"));

		assertThat(run).containsEntry("status", "COMPLETED").containsEntry("unanswered", 0).containsEntry("errors", 0);
		var permutations = new HandlePermutations(new PermutationSettings(PermutationSettings.DEFAULT_AFFIXES,
				List.of("es"), List.of(authority), "bsky.social", PermutationSettings.DEFAULT_WORDS, 500));
		var expected = new ArrayList<String>();
		for (var official : List.of("aytovillaverde.bsky.social", "aytorobledo.bsky.social")) {
			permutations.of(Platform.BLUESKY, official).stream()
				.filter(permutation -> GOAL.contains(permutation.family()))
				.forEach(permutation -> expected.add(permutation.handle()));
		}
		for (var official : List.of("ayuntamientovillaverde@" + authority, "robledodechavela@" + authority)) {
			permutations.of(Platform.MASTODON, official).stream()
				.filter(permutation -> GOAL.contains(permutation.family()))
				.forEach(permutation -> expected.add(permutation.handle()));
		}
		assertThat(PLATFORMS.asked).containsAll(expected);
		// Within the limits: no 429, no window with more requests than the server allows, getProfiles 25 at most.
		assertThat(PLATFORMS.tooMany).hasValue(0);
		assertThat(PLATFORMS.mastodonWindows.values()).allSatisfy(count -> assertThat(count.get()).isLessThanOrEqualTo(300));
		assertThat(PLATFORMS.batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(25));
		System.out.printf("Probing: %d goal permutations of 4 handles asked; %d getProfiles requests, %d Mastodon "
				+ "requests over %d windows (at most %d in one)%n", expected.size(), PLATFORMS.batchSizes.size(),
				PLATFORMS.mastodonRequests.get(), PLATFORMS.mastodonWindows.size(), PLATFORMS.mastodonWindows.values()
					.stream()
					.mapToInt(AtomicInteger::get)
					.max()
					.orElse(0));
		// More than one window's worth: the lookups had to wait for the next window.
		assertThat(PLATFORMS.mastodonRequests).hasValueGreaterThan(300);
	}

	/**
	 * The AppView and a Mastodon server that know the four official accounts only, and note every handle they are
	 * asked about. The Mastodon server counts its requests in fixed windows (Rack::Attack's way) and answers a 429
	 * beyond its limit, each answer with its X-RateLimit headers.
	 */
	static final class Platforms extends Dispatcher {

		final Set<String> asked = ConcurrentHashMap.newKeySet();

		final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

		final Map<Long, AtomicInteger> mastodonWindows = new ConcurrentHashMap<>();

		final AtomicInteger mastodonRequests = new AtomicInteger();

		final AtomicInteger tooMany = new AtomicInteger();

		private final int limit;

		private final Duration period;

		Platforms(int limit, Duration period) {
			this.limit = limit;
			this.period = period;
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			var url = Objects.requireNonNull(request.getUrl());
			var base = "http://" + url.host() + ":" + url.port();
			var authority = url.host() + ":" + url.port();
			var path = url.encodedPath();
			if (path.startsWith("/api/")) {
				return mastodon(path, String.valueOf(url.queryParameter("acct")), base, authority);
			}
			return switch (path) {
				case "/xrpc/app.bsky.actor.getProfiles" -> {
					var actors = url.queryParameterValues("actors");
					batchSizes.add(actors.size());
					var profiles = new ArrayList<String>();
					for (var actor : actors) {
						asked.add(String.valueOf(actor));
						if (isOfficial(String.valueOf(actor))) {
							profiles.add(actor(String.valueOf(actor)));
						}
					}
					yield json(200, "{\"profiles\": [" + String.join(",", profiles) + "]}", null);
				}
				case "/xrpc/app.bsky.actor.getProfile" -> {
					var actor = String.valueOf(url.queryParameter("actor"));
					asked.add(actor);
					yield isOfficial(actor) ? json(200, actor(actor), null)
							: json(400, "{\"error\": \"InvalidRequest\", \"message\": \"Profile not found\"}", null);
				}
				case "/xrpc/app.bsky.feed.getAuthorFeed" -> json(200, "{\"feed\": []}", null);
				case "/xrpc/app.bsky.actor.searchActors" -> json(200, "{\"actors\": []}", null);
				default -> json(404, "{\"error\": \"Not found\"}", null);
			};
		}

		private MockResponse mastodon(String path, String acct, String base, String authority) {
			mastodonRequests.incrementAndGet();
			long now = System.currentTimeMillis();
			long window = now / period.toMillis();
			int used = mastodonWindows.computeIfAbsent(window, key -> new AtomicInteger()).incrementAndGet();
			var headers = new String[] { String.valueOf(limit), String.valueOf(Math.max(0, limit - used)),
					Instant.ofEpochMilli((window + 1) * period.toMillis()).toString() };
			if (used > limit) {
				tooMany.incrementAndGet();
				return json(429, "{\"error\": \"Too many requests\"}", headers);
			}
			if (path.equals("/api/v1/accounts/lookup")) {
				asked.add(acct + "@" + authority);
				return List.of("ayuntamientovillaverde", "robledodechavela").contains(acct)
						? json(200, account(base, acct), headers)
						: json(404, "{\"error\": \"Record not found\"}", headers);
			}
			if (path.equals("/api/v2/search")) {
				return json(200, "{\"accounts\": [], \"statuses\": [], \"hashtags\": []}", headers);
			}
			return json(200, "[]", headers);
		}

		private static boolean isOfficial(String actor) {
			return actor.equals("aytovillaverde.bsky.social") || actor.equals("aytorobledo.bsky.social");
		}

		private static String actor(String handle) {
			return """
					{"did": "did:plc:%s", "handle": "%s", "displayName": "Ayuntamiento",
					 "description": "Cuenta oficial", "createdAt": "2023-01-01T10:00:00.000Z",
					 "indexedAt": "2023-01-01T10:00:00.000Z", "followersCount": 10, "followsCount": 1,
					 "postsCount": 5, "labels": []}
					""".formatted(handle.replace(".", ""), handle);
		}

		private static String account(String base, String name) {
			return """
					{"id": "%d", "username": "%s", "acct": "%s", "display_name": "Ayuntamiento", "locked": false,
					 "bot": false, "group": false, "created_at": "2022-11-15T00:00:00.000Z", "note": "<p>Oficial</p>",
					 "url": "%s/@%s", "followers_count": 12, "following_count": 3, "statuses_count": 40,
					 "last_status_at": "2026-11-20", "emojis": [], "fields": []}
					""".formatted(Math.abs(name.hashCode()), name, name, base, name);
		}

		private static MockResponse json(int code, String body, String[] rateLimit) {
			var builder = new MockResponse.Builder().code(code)
				.addHeader("Content-Type", "application/json; charset=utf-8");
			if (rateLimit != null) {
				builder = builder.addHeader("X-RateLimit-Limit", rateLimit[0])
					.addHeader("X-RateLimit-Remaining", rateLimit[1])
					.addHeader("X-RateLimit-Reset", rateLimit[2]);
			}
			return builder.body(body).build();
		}

	}

}
