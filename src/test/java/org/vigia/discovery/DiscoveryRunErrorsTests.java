package org.vigia.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.vigia.ApiCalls.awaitFinished;
import static org.vigia.ApiCalls.editor;
import static org.vigia.ApiCalls.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.health.LookalikeVerdict;
import org.vigia.health.LookalikeFindings;

/**
 * What a discovery run does when something fails in Vigía itself rather than on a platform: two towns with one
 * official Bluesky account each, whose look-alikes the AppView's search finds.
 * <pre>
 * Villaverde  vecinos-unidos.bsky.social      its name and a link to villaverde.es, nothing of an official account:
 *                                             an impersonation of the institution as a whole, without an imitated
 *                                             account (its nested conditional unboxed a null, which stopped the town)
 *             villaverde-oficial.bsky.social  an impersonation that health cannot record (a fault the test injects)
 *             ayto-villaverde.bsky.social     an impersonation
 *             villaverde.bsky.social          an impersonation found by probing, with a NUL character in its bio,
 *                                             which PostgreSQL cannot store
 * Robledo     robledo-oficial.bsky.social     an impersonation
 * </pre>
 * Faults are injected by spying on health's look-alike door: recording one verdict, or reading an organization's
 * allowlist, throws. The central office is central@vigia.example.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		"vigia.http.max-retries=0", "vigia.alerts.recipients=central@vigia.example" })
class DiscoveryRunErrorsTests {

	static final String UNRECORDABLE = "villaverde-oficial.bsky.social";

	static final MockWebServer SERVER = new MockWebServer();

	static {
		SERVER.setDispatcher(new Platforms());
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

	@Autowired
	DiscoveryRuns runs;

	@MockitoSpyBean
	LookalikeFindings lookalikes;

	long villaverde;

	long robledo;

	@BeforeEach
	void twoTownsPolled() throws Exception {
		jdbc.sql("""
				truncate account, unit, organization, poll_run, discovery_run, discovery_probe, discovery_avatar,
				         released_handle, lookalike_allowlist, notification restart identity cascade
				""").update();
		villaverde = organization("Ayuntamiento de Villaverde", "villaverde.es");
		robledo = organization("Ayuntamiento de Robledo", "robledo.es");
		var csv = """
				organization,platform,handle
				Ayuntamiento de Villaverde,bluesky,villaverde.es
				Ayuntamiento de Robledo,bluesky,robledo.es
				""";
		editor(mvc, post("/api/registry/import").contentType("text/csv").content(csv.getBytes(StandardCharsets.UTF_8)));
		var poll = editor(mvc, post("/api/poll-runs"));
		awaitFinished(mvc, "/api/poll-runs/" + JsonPath.read(poll, "$.id"));
		doThrow(new IllegalStateException("the finding could not be written")).when(lookalikes)
			.record(anyLong(), argThat((List<LookalikeVerdict> verdicts) -> verdicts != null
					&& verdicts.stream().anyMatch(verdict -> verdict.handle().equals(UNRECORDABLE))));
	}

	@Test
	void aCandidateWithoutAnImitatedAccountIsReportedAndOneThatCannotBeRecordedCostsOnlyItself() throws Exception {
		var run = discover(null);

		assertThat(run).containsEntry("status", "COMPLETED_WITH_ERRORS").containsEntry("total", 2)
			.containsEntry("checked", 2).containsEntry("errors", 1).containsEntry("impersonations", 4);
		var findings = impersonations();
		assertThat(findings.keySet()).containsExactlyInAnyOrder("vecinos-unidos.bsky.social",
				"ayto-villaverde.bsky.social", "robledo-oficial.bsky.social", "villaverde.bsky.social");
		assertThat((String) JsonPath.read(findings.get("villaverde.bsky.social"), "$.evidence.candidate.bio"))
			.isEqualTo("Avisos municipales");
		var institutionWide = findings.get("vecinos-unidos.bsky.social");
		assertThat(institutionWide.get("accountId")).isNull();
		assertThat((String) institutionWide.get("summary")).startsWith("Look-alike of the institution scoring");
		assertThat(((Number) findings.get("ayto-villaverde.bsky.social").get("accountId")).longValue())
			.isEqualTo(accountId("villaverde.es"));
		// A run started by hand is watched on the dashboard: no mail.
		assertThat(notifications()).isEmpty();
	}

	@Test
	void aScheduledRunThatCouldNotExamineAnOrganizationTellsTheCentralOfficeAndOneThatCouldExamineNoneFails()
			throws Exception {
		doThrow(new IllegalStateException("the allowlist could not be read")).when(lookalikes).allowlist(eq(robledo));

		var run = discover(DiscoveryRun.Trigger.SCHEDULED);

		assertThat(run).containsEntry("status", "COMPLETED_WITH_ERRORS").containsEntry("checked", 2)
			.containsEntry("errors", 2);
		assertThat((String) run.get("error")).contains("the allowlist could not be read");
		assertThat(impersonations().keySet()).containsExactlyInAnyOrder("vecinos-unidos.bsky.social",
				"ayto-villaverde.bsky.social", "villaverde.bsky.social");
		var mails = notifications();
		assertThat(mails).singleElement().satisfies(mail -> {
			assertThat(mail.get("recipients")).isEqualTo(List.of("central@vigia.example"));
			assertThat((String) mail.get("subject")).isEqualTo(
					"[Vigía] The scheduled look-alike discovery run #" + run.get("id") + " completed with 2 errors");
		});
		var body = jdbc.sql("select body_text from notification").query(String.class).single();
		assertThat(body).contains("Could not be examined: 1").contains("Accounts found but not judged: 1")
			.contains("- Ayuntamiento de Robledo: organization " + robledo + ": IllegalStateException: the allowlist could "
					+ "not be read")
			.contains("/runs/discovery/" + run.get("id"));

		doThrow(new IllegalStateException("the allowlist could not be read")).when(lookalikes).allowlist(eq(villaverde));
		var failed = discover(DiscoveryRun.Trigger.SCHEDULED);

		assertThat(failed).containsEntry("status", "FAILED").containsEntry("checked", 2).containsEntry("errors", 2);
		assertThat(notifications()).extracting(mail -> (String) mail.get("subject")).contains(
				"[Vigía] The scheduled look-alike discovery run #" + failed.get("id")
						+ " failed: no organization could be examined");
	}

	private long organization(String name, String domain) throws Exception {
		var created = editor(mvc, post("/api/organizations").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\", \"officialDomains\": [\"" + domain + "\"]}"));
		return ((Number) JsonPath.read(created, "$.id")).longValue();
	}

	private Map<String, Object> discover(DiscoveryRun.Trigger trigger) throws Exception {
		long id = (trigger == null) ? ((Number) JsonPath.read(editor(mvc, post("/api/discovery-runs")), "$.id")).longValue()
				: runs.start(null, trigger).id();
		return awaitFinished(mvc, "/api/discovery-runs/" + id);
	}

	/** The open IMPERSONATION findings, by the candidate's handle. */
	private Map<String, Map<String, Object>> impersonations() throws Exception {
		List<Map<String, Object>> findings = JsonPath.read(viewer(mvc, get("/api/findings?type=IMPERSONATION&size=100")),
				"$.content");
		return findings.stream()
			.filter(finding -> "OPEN".equals(finding.get("status")))
			.collect(Collectors.toMap(finding -> JsonPath.read(finding, "$.evidence.candidate.handle"), f -> f));
	}

	private List<Map<String, Object>> notifications() throws Exception {
		return JsonPath.read(viewer(mvc, get("/api/notifications?size=100")), "$.content");
	}

	private long accountId(String handle) {
		return jdbc.sql("select id from account where handle = :handle").param("handle", handle).query(Long.class).single();
	}

	/**
	 * The AppView, shaped as the real one answers, and a Mastodon server whose search knows nobody. Handles not named
	 * here do not exist: getProfile answers 400 "Profile not found", getProfiles leaves them out.
	 */
	static final class Platforms extends Dispatcher {

		/** Every account the AppView knows: handle, DID, display name, bio. */
		private static final List<List<String>> ACCOUNTS = List.of(
				List.of("villaverde.es", "did:plc:villaverde0000000000000001", "Ayuntamiento de Villaverde",
						"Cuenta oficial del Ayuntamiento de Villaverde. Trámites y avisos: https://villaverde.es"),
				List.of("robledo.es", "did:plc:robledo00000000000000000001", "Ayuntamiento de Robledo",
						"Cuenta oficial del Ayuntamiento de Robledo, en la sierra. https://robledo.es"),
				List.of("vecinos-unidos.bsky.social", "did:plc:vecinosunidos0000000000001", "Ayuntamiento de Villaverde",
						"Avisos para los vecinos: https://villaverde.es/tramites"),
				List.of(UNRECORDABLE, "did:plc:villaverdeoficial00000000001", "Ayuntamiento de Villaverde",
						"Noticias del municipio"),
				List.of("ayto-villaverde.bsky.social", "did:plc:aytovillaverde000000000001", "Ayto. de Villaverde",
						"Noticias del municipio"),
				List.of("villaverde.bsky.social", "did:plc:villaverdecopia00000000001", "Ayuntamiento de Villaverde",
						"Avisos\u0000 municipales"),
				List.of("robledo-oficial.bsky.social", "did:plc:robledooficial00000000001", "Ayuntamiento de Robledo",
						"Noticias del municipio"));

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			var url = Objects.requireNonNull(request.getUrl());
			return switch (url.encodedPath()) {
				case "/xrpc/app.bsky.actor.getProfile" -> {
					var account = account(String.valueOf(url.queryParameter("actor")));
					yield (account == null)
							? json(400, "{\"error\": \"InvalidRequest\", \"message\": \"Profile not found\"}")
							: json(200, actor(account));
				}
				case "/xrpc/app.bsky.actor.getProfiles" -> {
					var profiles = new ArrayList<String>();
					for (var actor : url.queryParameterValues("actors")) {
						var account = account(String.valueOf(actor));
						if (account != null) {
							profiles.add(actor(account));
						}
					}
					yield json(200, "{\"profiles\": [" + String.join(",", profiles) + "]}");
				}
				case "/xrpc/app.bsky.feed.getAuthorFeed" -> json(200, "{\"feed\": []}");
				case "/xrpc/app.bsky.actor.searchActors" -> {
					var query = String.valueOf(url.queryParameter("q")).toLowerCase(java.util.Locale.ROOT);
					var town = query.contains("villaverde") ? "villaverde" : query.contains("robledo") ? "robledo" : "-";
					var found = ACCOUNTS.stream()
						.filter(account -> (account.get(0) + " " + account.get(2)).toLowerCase(java.util.Locale.ROOT)
							.contains(town))
						.map(Platforms::actor)
						.toList();
					yield json(200, "{\"actors\": [" + String.join(",", found) + "]}");
				}
				case "/api/v2/search" -> json(200, "{\"accounts\": [], \"statuses\": [], \"hashtags\": []}");
				default -> json(404, "{\"error\": \"Record not found\"}");
			};
		}

		private static List<String> account(String actor) {
			return ACCOUNTS.stream()
				.filter(account -> account.get(0).equals(actor) || account.get(1).equals(actor))
				.findFirst()
				.orElse(null);
		}

		/** An {@code app.bsky.actor.defs#profileViewDetailed}, without an avatar. */
		private static String actor(List<String> account) {
			return """
					{"did": %s, "handle": %s, "displayName": %s, "description": %s,
					 "associated": {"lists": 0, "feedgens": 0, "starterPacks": 0, "labeler": false},
					 "indexedAt": "2026-11-01T10:00:00.000Z", "createdAt": "2025-01-01T10:00:00.000Z",
					 "followersCount": 12, "followsCount": 3, "postsCount": 40,
					 "viewer": {"muted": false, "blockedBy": false}, "labels": []}
					""".formatted(quote(account.get(1)), quote(account.get(0)), quote(account.get(2)),
					quote(account.get(3)));
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
