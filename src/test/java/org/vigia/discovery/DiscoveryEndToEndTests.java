package org.vigia.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.vigia.ApiCalls.awaitFinished;
import static org.vigia.ApiCalls.editor;
import static org.vigia.ApiCalls.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;

/**
 * The issue's end-to-end case: an organization polled, then examined by discovery runs started through the API
 * against a Bluesky AppView and a Mastodon server that MockWebServer plays, shaped as the real APIs answer.
 * <pre>
 * candidate                                   found by                      expected
 * ayto-villaverde.bsky.social                 Bluesky search                IMPERSONATION (name, bio, affix)
 * villaverde.bsky.social                      permutation of villaverde.es  IMPERSONATION (same name, same display name)
 * deportes.villaverde.es                      Bluesky search                UNREGISTERED (handle under villaverde.es)
 * aytovillaviciosa.bsky.social                Bluesky search                none: another town
 * villaverdefotos.bsky.social                 Bluesky search                none: declares itself unofficial
 * villaverde_oficial@server                   Mastodon search               IMPERSONATION; then dismissed as namesake
 * cdvillaverde@server                         Mastodon search               none: a football club
 * turismo@server (official, GONE)             released handle               IMPERSONATION once someone else holds it
 * </pre>
 * The second run: the Bluesky impersonator is deleted (its finding resolves), the server fails for turismo (its
 * finding holds), the dismissed namesake stays dismissed and allowlisted.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		"vigia.http.max-retries=0",
		// The large server limits the second run for four minutes: its lookups give up rather than wait that long.
		"vigia.discovery.rate-limit-wait=PT1S" })
class DiscoveryEndToEndTests {

	static final String ORGANIZATION = "Ayuntamiento de Villaverde";

	static final String OFFICIAL_DID = "did:plc:ayuntamientovillaverde01";

	static final Fixtures FIXTURES = new Fixtures();

	/** The AppView, and the Mastodon server of the official accounts. */
	static final MockWebServer SERVER = new MockWebServer();

	/** A large Mastodon server whose search discovery queries (and that limits it on the second run). */
	static final MockWebServer INSTANCE = new MockWebServer();

	static {
		SERVER.setDispatcher(FIXTURES);
		INSTANCE.setDispatcher(FIXTURES);
		try {
			SERVER.start();
			INSTANCE.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void platformsOnTheMockServer(DynamicPropertyRegistry registry) {
		var base = SERVER.url("/").toString();
		registry.add("vigia.platforms.bluesky.api-url", () -> base);
		var instance = INSTANCE.url("/").toString();
		registry.add("vigia.discovery.mastodon-instances", () -> instance.substring(0, instance.length() - 1));
	}

	@AfterAll
	static void stopServer() {
		SERVER.close();
		INSTANCE.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void registry() throws Exception {
		jdbc.sql("""
				truncate account, unit, organization, poll_run, discovery_run, discovery_probe, discovery_avatar,
				         released_handle, lookalike_allowlist restart identity cascade
				""").update();
		FIXTURES.reset();
		editor(mvc, post("/api/organizations").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + ORGANIZATION + "\", \"aliases\": [\"Ayto. de Villaverde\"], "
					+ "\"officialDomains\": [\"villaverde.es\"]}"));
		editor(mvc, post("/api/units").contentType(MediaType.APPLICATION_JSON)
			.content("{\"organization\": \"" + ORGANIZATION + "\", \"name\": \"Comunicación\", "
					+ "\"contactEmails\": [\"prensa@villaverde.es\"]}"));
		var csv = """
				organization,unit,platform,handle,url
				{org},Comunicación,bluesky,villaverde.es,
				{org},Comunicación,mastodon,,{base}@ayuntamiento
				{org},Comunicación,mastodon,,{base}@turismo
				""".replace("{org}", ORGANIZATION).replace("{base}", SERVER.url("/").toString());
		editor(mvc, post("/api/registry/import").contentType("text/csv").content(csv.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aDiscoveryRunOpensTheExpectedImpersonationAndUnregisteredFindingsAndNoneForNamesakes() throws Exception {
		// Polling learns the official profiles discovery compares with; turismo's server says it no longer exists.
		poll();
		assertThat(standing("GONE")).containsExactly("turismo@" + authority());
		FIXTURES.turismoTaken = true;

		var run = discover();
		assertThat(run).containsEntry("status", "COMPLETED").containsEntry("total", 1).containsEntry("checked", 1)
			.containsEntry("failed", 0);
		assertThat((Integer) run.get("searches")).isPositive();
		assertThat((Integer) run.get("probes")).isPositive();
		assertThat(standing("IMPERSONATION")).containsExactlyInAnyOrder("ayto-villaverde.bsky.social",
				"villaverde.bsky.social", "villaverde_oficial@" + instance(), "turismo@" + authority());
		assertThat(standing("UNREGISTERED")).containsExactly("deportes.villaverde.es");
		assertThat(run).containsEntry("impersonations", 4).containsEntry("unregistered", 1);
		// Kept with the organization as well, for someone who sees only some of a run's organizations.
		var kept = jdbc.sql("""
				select searches, probes, impersonations, unregistered from discovery_run_organization where run_id = :id
				""").param("id", ((Number) run.get("id")).longValue())
			.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
			.single();
		assertThat(kept).containsExactly((Integer) run.get("searches"), (Integer) run.get("probes"), 4, 1);
		assertThat(FIXTURES.unexpected).isEmpty();

		// The evidence: both accounts side by side, the score and its reasons.
		var impersonation = finding("IMPERSONATION", "ayto-villaverde.bsky.social");
		assertThat(impersonation.get("severity")).isEqualTo("HIGH");
		var evidence = evidence(impersonation);
		assertThat(JsonPath.<String>read(evidence, "$.candidate.displayName")).isEqualTo("Ayto. de Villaverde ✔️");
		assertThat(JsonPath.<String>read(evidence, "$.official.handle")).isEqualTo("villaverde.es");
		assertThat(JsonPath.<Integer>read(evidence, "$.score")).isGreaterThanOrEqualTo(
				JsonPath.<Integer>read(evidence, "$.threshold"));
		assertThat(JsonPath.<List<String>>read(evidence, "$.reasons[*].signal")).isNotEmpty();
		assertThat(JsonPath.<List<String>>read(evidence, "$.sources[*]"))
			.anySatisfy(source -> assertThat(source).startsWith("search for"));
		assertThat(((Number) impersonation.get("accountId")).longValue()).isEqualTo(accountId("villaverde.es"));
		var unregistered = finding("UNREGISTERED", "deportes.villaverde.es");
		assertThat(unregistered.get("severity")).isEqualTo("MEDIUM");
		assertThat(JsonPath.<String>read(evidence(unregistered), "$.proof")).contains("villaverde.es");
		var takeover = finding("IMPERSONATION", "turismo@" + authority());
		assertThat((String) takeover.get("summary")).contains("left behind");
		assertThat(JsonPath.<String>read(evidence(takeover), "$.released.handle")).isEqualTo("turismo@" + authority());

		// The side-by-side page shows the hostile bio as text.
		var page = mvc.perform(get("/findings/" + impersonation.get("id")).with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Side by side").contains("&lt;img src=x onerror=alert(1)&gt;")
			.doesNotContain("<img src=x");

		// A namesake dismissed for good goes on the allowlist with the reason.
		long namesake = ((Number) finding("IMPERSONATION", "villaverde_oficial@" + instance()).get("id")).longValue();
		editor(mvc, post("/api/findings/" + namesake + "/dismiss").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"Radio Villaverde, a local station; not us\"}"));
		assertThat(jdbc.sql("select reason from lookalike_allowlist").query(String.class).list())
			.containsExactly("Radio Villaverde, a local station; not us");

		// Run 2: the Bluesky impersonator was taken down, turismo's server fails, the namesake is still there.
		FIXTURES.secondRun = true;
		FIXTURES.mastodonSearches.set(0);
		var second = discover();
		// Unanswered: turismo's lookup, the first search the large server limited (its other queries wait for the next
		// run) and the namesake's lookup there, which the client does not send before the limit's reset.
		assertThat(second).containsEntry("status", "COMPLETED").containsEntry("failed", 1).containsEntry("unanswered", 3);
		assertThat(FIXTURES.mastodonSearches).hasValue(1);
		assertThat(standing("IMPERSONATION")).containsExactlyInAnyOrder("villaverde.bsky.social",
				"turismo@" + authority());
		var resolved = finding("IMPERSONATION", "ayto-villaverde.bsky.social");
		assertThat(resolved.get("status")).isEqualTo("RESOLVED");
		assertThat(history(resolved)).first().satisfies(last -> {
			assertThat(last.get("kind")).isEqualTo("RESOLVED");
			assertThat(org.vigia.platform.English.text((String) last.get("reason"))).isEqualTo("the account no longer exists");
		});
		assertThat(standing("UNREGISTERED")).containsExactly("deportes.villaverde.es");
		assertThat(finding("IMPERSONATION", "villaverde_oficial@" + instance()).get("status")).isEqualTo("DISMISSED");
		assertThat(finding("IMPERSONATION", "turismo@" + authority()).get("status")).isEqualTo("OPEN");
		assertThat(FIXTURES.unexpected).isEmpty();
	}

	@Test
	void runsAreValidatedAndListed() throws Exception {
		mvc.perform(post("/api/discovery-runs").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"organizationIds\": [987654]}")).andExpect(status().isBadRequest());
		mvc.perform(get("/api/discovery-runs/987654").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/discovery-runs").with(httpBasic("viewer", "viewer"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from discovery_run").query(Long.class).single()).isZero();
		var page = mvc.perform(get("/runs").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Look-alike discovery").contains("No discovery run yet.");
		var started = mvc.perform(post("/runs/discovery").with(user("editor").roles("EDITOR")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		// Let it finish: a run left going would examine the next test's organization too, whose run has its number.
		awaitFinished(mvc, "/api/discovery-runs/" + started.substring(started.lastIndexOf('/') + 1));
	}

	// Polling and discovery through the API, waiting for each run to finish.

	private void poll() throws Exception {
		var started = editor(mvc, post("/api/poll-runs"));
		awaitFinished(mvc, "/api/poll-runs/" + JsonPath.read(started, "$.id"));
	}

	private Map<String, Object> discover() throws Exception {
		var started = editor(mvc, post("/api/discovery-runs"));
		return awaitFinished(mvc, "/api/discovery-runs/" + JsonPath.read(started, "$.id"));
	}

	/** The handles that OPEN or ACKNOWLEDGED findings of this type are about. */
	private Set<String> standing(String type) throws Exception {
		List<Map<String, Object>> findings = JsonPath.read(viewer(mvc, get("/api/findings?type=" + type + "&size=100")),
				"$.content");
		return findings.stream()
			.filter(finding -> "OPEN".equals(finding.get("status")) || "ACKNOWLEDGED".equals(finding.get("status")))
			.map(finding -> subjectHandle(finding))
			.collect(Collectors.toSet());
	}

	private Map<String, Object> finding(String type, String handle) throws Exception {
		List<Map<String, Object>> findings = JsonPath.read(viewer(mvc, get("/api/findings?type=" + type + "&size=100")),
				"$.content");
		return findings.stream()
			.filter(finding -> handle.equals(subjectHandle(finding)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type + " finding about " + handle + " in " + findings));
	}

	/** The handle a finding is about: the candidate's for look-alikes, the account's otherwise. */
	@SuppressWarnings("unchecked")
	private String subjectHandle(Map<String, Object> finding) {
		var evidence = (Map<String, Object>) finding.get("evidence");
		if (evidence.get("candidate") instanceof Map<?, ?> candidate) {
			return (String) candidate.get("handle");
		}
		try {
			return JsonPath.read(viewer(mvc, get("/api/accounts/" + finding.get("accountId"))), "$.handle");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String evidence(Map<String, Object> finding) {
		return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(finding.get("evidence"));
	}

	private List<Map<String, Object>> history(Map<String, Object> finding) throws Exception {
		return JsonPath.read(viewer(mvc, get("/api/findings/" + finding.get("id"))), "$.history");
	}

	private long accountId(String handle) {
		return jdbc.sql("select id from account where handle = :handle").param("handle", handle).query(Long.class).single();
	}

	private static String instance() {
		return INSTANCE.getHostName() + ":" + INSTANCE.getPort();
	}

	private static String authority() {
		return SERVER.getHostName() + ":" + SERVER.getPort();
	}

	/**
	 * The AppView and the Mastodon server. Every handle not named here is unknown, as the platforms say it: Bluesky
	 * with HTTP 400 "Profile not found", Mastodon with 404 "Record not found".
	 */
	static final class Fixtures extends Dispatcher {

		volatile boolean turismoTaken;

		volatile boolean secondRun;

		final List<String> unexpected = new CopyOnWriteArrayList<>();

		final java.util.concurrent.atomic.AtomicInteger mastodonSearches = new java.util.concurrent.atomic.AtomicInteger();

		void reset() {
			mastodonSearches.set(0);
			turismoTaken = false;
			secondRun = false;
			unexpected.clear();
		}

		private static final String OFFICIAL_BIO = "Cuenta oficial del Ayuntamiento de Villaverde. Trámites y avisos: "
				+ "https://villaverde.es";

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			var url = request.getUrl();
			var path = url.encodedPath();
			var base = "http://" + url.host() + ":" + url.port();
			switch (path) {
				case "/xrpc/app.bsky.actor.getProfiles" -> {
					// The profiles of the actors that exist, as getProfile answers them; the others are left out.
					var profiles = new java.util.ArrayList<String>();
					for (var actor : url.queryParameterValues("actors")) {
						var profile = profile(base, String.valueOf(actor));
						if (profile != null) {
							profiles.add(profile);
						}
					}
					return json(200, "{\"profiles\": [" + String.join(",", profiles) + "]}");
				}
				case "/xrpc/app.bsky.actor.getProfile" -> {
					var profile = profile(base, String.valueOf(url.queryParameter("actor")));
					return (profile != null) ? json(200, profile) : notFoundOnBluesky();
				}
				case "/avatars/official.png", "/avatars/other.png" -> {
					return new MockResponse.Builder().code(200)
						.addHeader("Content-Type", "image/png")
						.body(new okio.Buffer().write(png(path.contains("official"))))
						.build();
				}
				case "/xrpc/app.bsky.feed.getAuthorFeed" -> {
					return json(200, "{\"feed\": []}");
				}
				case "/xrpc/app.bsky.actor.searchActors" -> {
					var actors = new java.util.ArrayList<String>();
					actors.add(actor(base, OFFICIAL_DID, "villaverde.es", "Ayuntamiento de Villaverde", OFFICIAL_BIO,
							"2023-05-02T10:00:00.000Z", false));
					if (!secondRun) {
						actors.add(actor(base, "did:plc:aytovillaverdefalso00001", "ayto-villaverde.bsky.social",
								"Ayto. de Villaverde ✔️", OFFICIAL_BIO + " <img src=x onerror=alert(1)>",
								"2026-11-01T10:00:00.000Z", false));
					}
					actors.add(actor(base, "did:plc:deportesvillaverde000001", "deportes.villaverde.es",
							"Deportes Villaverde", "Concejalía de Deportes del Ayuntamiento de Villaverde",
							"2024-02-01T10:00:00.000Z", false));
					actors.add(actor(base, "did:plc:aytovillaviciosa00000001", "aytovillaviciosa.bsky.social",
							"Ayuntamiento de Villaviciosa", "Cuenta oficial del Ayuntamiento de Villaviciosa",
							"2023-01-01T10:00:00.000Z", false));
					actors.add(actor(base, "did:plc:villaverdefotos000000001", "villaverdefotos.bsky.social",
							"Villaverde en fotos", "Fotos del pueblo. Cuenta no oficial, hecha por vecinos.",
							"2022-01-01T10:00:00.000Z", false));
					return json(200, "{\"actors\": [" + String.join(",", actors) + "]}");
				}
				case "/api/v2/search" -> {
					mastodonSearches.incrementAndGet();
					if (secondRun) {
						// Mastodon's own limit: no Retry-After, the reset as an ISO time.
						return new MockResponse.Builder().code(429)
							.addHeader("Content-Type", "application/json; charset=utf-8")
							.addHeader("X-RateLimit-Limit", "300")
							.addHeader("X-RateLimit-Remaining", "0")
							.addHeader("X-RateLimit-Reset", Instant.now().plusSeconds(240).toString())
							.body("{\"error\": \"Too many requests\"}")
							.build();
					}
					// The official account lives on the other server: the large one knows it as a remote account.
					var official = account("http://" + authority(), "110000000000000001", "ayuntamiento",
							"Ayuntamiento de Villaverde", OFFICIAL_BIO, "2022-11-15T00:00:00.000Z")
						.replace("\"acct\": \"ayuntamiento\"", "\"acct\": \"ayuntamiento@" + authority() + "\"");
					return json(200, "{\"accounts\": [" + String.join(",", official,
							account(base, "110000000000000010", "villaverde_oficial", "Ayuntamiento de Villaverde",
									"Noticias de Villaverde", "2026-09-01T00:00:00.000Z"),
							account(base, "110000000000000011", "cdvillaverde", "Club Deportivo Villaverde",
									"Fútbol base y primer equipo. Aúpa CD!", "2019-03-01T00:00:00.000Z"))
							+ "], \"statuses\": [], \"hashtags\": []}");
				}
				case "/api/v1/accounts/lookup" -> {
					var name = String.valueOf(url.queryParameter("acct"));
					boolean onInstance = url.port() == INSTANCE.getPort();
					if (onInstance && (name.equals("villaverde_oficial") || name.equals("cdvillaverde"))) {
						return json(200, name.equals("cdvillaverde")
								? account(base, "110000000000000011", name, "Club Deportivo Villaverde",
										"Fútbol base y primer equipo. Aúpa CD!", "2019-03-01T00:00:00.000Z")
								: account(base, "110000000000000010", name, "Ayuntamiento de Villaverde",
										"Noticias de Villaverde", "2026-09-01T00:00:00.000Z"));
					}
					if (onInstance) {
						return json(404, "{\"error\": \"Record not found\"}");
					}
					if (name.equals("ayuntamiento")) {
						return json(200, account(base, "110000000000000001", "ayuntamiento",
								"Ayuntamiento de Villaverde", OFFICIAL_BIO, "2022-11-15T00:00:00.000Z"));
					}
					if (name.equals("turismo") && turismoTaken) {
						return secondRun ? json(503, "{\"error\": \"Service Unavailable\"}")
								: json(200, account(base, "110000000000000099", "turismo", "Turismo Villaverde",
										"Descubre Villaverde", "2026-11-20T00:00:00.000Z"));
					}
					return json(404, "{\"error\": \"Record not found\"}");
				}
				default -> {
					if (path.startsWith("/api/v1/accounts/") && path.endsWith("/statuses")) {
						return json(200, "[]");
					}
					unexpected.add(request.getTarget());
					return json(418, "{\"error\": \"no fixture\"}");
				}
			}
		}

		/** getProfile's answer for an actor, by handle or DID: the profile that exists, or null. */
		private @org.jspecify.annotations.Nullable String profile(String base, String actor) {
			return switch (actor) {
				case "villaverde.es", OFFICIAL_DID -> actor(base, OFFICIAL_DID, "villaverde.es",
						"Ayuntamiento de Villaverde", OFFICIAL_BIO, "2023-05-02T10:00:00.000Z", true);
				case "deportes.villaverde.es" -> actor(base, "did:plc:deportesvillaverde000001",
						"deportes.villaverde.es", "Deportes Villaverde",
						"Concejalía de Deportes del Ayuntamiento de Villaverde", "2024-02-01T10:00:00.000Z", true);
				case "villaverde.bsky.social" -> actor(base, "did:plc:villaverdecopia000000001",
						"villaverde.bsky.social", "Ayuntamiento de Villaverde", "Información municipal",
						"2026-10-01T10:00:00.000Z", true);
				case "ayto-villaverde.bsky.social" -> secondRun ? null
						: actor(base, "did:plc:aytovillaverdefalso00001", "ayto-villaverde.bsky.social",
								"Ayto. de Villaverde ✔️", OFFICIAL_BIO + " <img src=x onerror=alert(1)>",
								"2026-11-01T10:00:00.000Z", true);
				default -> null;
			};
		}

		/** Impersonators copy the official avatar; everybody else has their own. */
		private static String avatar(String id) {
			return Set.of(OFFICIAL_DID, "did:plc:aytovillaverdefalso00001", "110000000000000001", "110000000000000010")
				.contains(id) ? "official" : "other";
		}

		/** A small emblem: the official one, or another one. */
		private static byte[] png(boolean official) {
			var image = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
			var graphics = image.createGraphics();
			graphics.setColor(official ? new java.awt.Color(0x1a5fb4) : new java.awt.Color(0xe66100));
			graphics.fillRect(0, 0, 64, 64);
			graphics.setColor(java.awt.Color.WHITE);
			if (official) {
				graphics.fillOval(12, 12, 40, 40);
			}
			else {
				graphics.fillRect(8, 30, 48, 6);
			}
			graphics.dispose();
			var out = new java.io.ByteArrayOutputStream();
			try {
				javax.imageio.ImageIO.write(image, "png", out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return out.toByteArray();
		}

		private static MockResponse notFoundOnBluesky() {
			return json(400, "{\"error\": \"InvalidRequest\", \"message\": \"Profile not found\"}");
		}

		/** An {@code app.bsky.actor.defs#profileView} (search), or a profileViewDetailed with counts (getProfile). */
		private static String actor(String base, String did, String handle, String displayName, String description,
				String createdAt, boolean detailed) {
			var counts = detailed ? "\"followersCount\": 120, \"followsCount\": 10, \"postsCount\": 35, " : "";
			return """
					{"did": %s, "handle": %s, "displayName": %s, "description": %s,
					 "avatar": "%s/avatars/%s.png",
					 "associated": {"lists": 0, "feedgens": 0, "starterPacks": 0, "labeler": false},
					 "indexedAt": "2026-11-01T10:00:00.000Z", "createdAt": %s, %s
					 "viewer": {"muted": false, "blockedBy": false}, "labels": []}
					""".formatted(quote(did), quote(handle), quote(displayName), quote(description), base,
					avatar(did), quote(createdAt), counts);
		}

		/** A Mastodon Account entity. */
		private static String account(String base, String id, String name, String displayName, String note,
				String createdAt) {
			return """
					{"id": %s, "username": %s, "acct": %s, "display_name": %s, "locked": false, "bot": false,
					 "discoverable": true, "group": false, "created_at": %s, "note": %s,
					 "url": %s, "uri": %s,
					 "avatar": "%s/avatars/%s.png",
					 "avatar_static": "%s/avatars/%s.png",
					 "header": "https://files.example/headers/original/missing.png",
					 "header_static": "https://files.example/headers/original/missing.png",
					 "followers_count": 12, "following_count": 3, "statuses_count": 40,
					 "last_status_at": "2026-11-20", "emojis": [], "fields": []}
					""".formatted(quote(id), quote(name), quote(name), quote(displayName), quote(createdAt),
					quote("<p>" + note.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>"),
					quote(base + "/@" + name), quote(base + "/users/" + name), base, avatar(id), base, avatar(id));
		}

		private static String quote(String text) {
			return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
		}

		private static MockResponse json(int code, String body) {
			return new MockResponse.Builder().code(code)
				.addHeader("Content-Type", "application/json; charset=utf-8")
				.body(body)
				.build();
		}

	}

}
