package org.vigia.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.vigia.IntegrationTest;

/**
 * The issue's end-to-end case: a registry imported through the API, polled in runs started through the API against
 * platforms that MockWebServer plays from the fixtures, and exactly the expected findings, account health and overview;
 * then one problem is fixed and polled again, and time passes in a sweep.
 * <p>
 * The clock starts on 2026-05-14T12:00Z: two weeks after the newest post of the active Mastodon and Bluesky fixtures
 * (2026-04-30), 213 days after the silent ones (2025-10-13), and a day after the newest item of the feed, YouTube and
 * Telegram fixtures used here (2026-05-13), so that those are active.
 * <pre>
 * account                               unit          expected standing findings after four runs
 * mastodon @activa                      Comunicación  none (ACTIVE)
 * mastodon @silenciosa                  Cultura       ABANDONED (213 days, default limit 90)
 * mastodon @biblioteca (max 220 days)   Bibliotecas   DORMANT (213 days: dormant after 73, abandoned after 220)
 * mastodon @mudada                      Juventud      MOVED to cultura@social.cultura.gob.example
 * mastodon @suspendida                  Deportes      GONE (SUSPENDED)
 * bluesky cultura.gob.example           Comunicación  none (ACTIVE)
 * bluesky borrada.bsky.social           Cultura       GONE (NOT_FOUND)
 * bluesky desactivada.bsky.social       Bibliotecas   GONE (DEACTIVATED)
 * bluesky did:plc:cultura2ministerio3…  Juventud      DUPLICATE of cultura.gob.example (same DID, registered later)
 * youtube UCcanalBorrado… (404 always)  Comunicación  GONE from the second run on (YouTube needs two 404s in a row)
 * youtube UCq0sWJ3… (404 once, then ok) Cultura       none; never GONE (and UNKNOWN while its 404 awaits confirmation)
 * feed /averiado (500 every time)       Bibliotecas   UNREACHABLE from the fourth run on; never ABANDONED
 * feed /turismo (own contact e-mail)    Turismo       none (a feed has no avatar to require)
 * telegram culturavlc (no unit)         -             UNOWNED NO_UNIT
 * x villaverde (not pollable)           Turismo       UNOWNED NO_CONTACT (Turismo has no contacts); health UNKNOWN
 * </pre>
 * The organization keeps the default guidelines, of which only "has an avatar" is on; it applies where profiles have
 * avatars (Mastodon, Bluesky, Telegram), and every such fixture has one. ONE_WAY cannot come from these
 * fixtures (it needs 20 recent posts; they have at most 5), so it appears nowhere.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms" })
class HealthEndToEndTests {

	static final Instant T0 = Instant.parse("2026-05-14T12:00:00Z");

	static final String ORGANIZATION = "Ayuntamiento de Villaverde";

	static final String DID = "did:plc:cultura2ministerio3gob4e";

	static final String GONE_CHANNEL = "UCcanalBorrado0000000000";

	static final String FLAKY_CHANNEL = "UCq0sWJ3mTq8dFzYkLr1vN2c";

	static final int ACCOUNTS = 15;

	static final MovableClock CLOCK = new MovableClock(T0);

	static final Fixtures FIXTURES = new Fixtures();

	static final MockWebServer SERVER = new MockWebServer();

	static {
		SERVER.setDispatcher(FIXTURES);
		try {
			SERVER.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@DynamicPropertySource
	static void platformsOnTheMockServer(DynamicPropertyRegistry registry) {
		var base = SERVER.url("/").toString();
		registry.add("vigia.platforms.bluesky.api-url", () -> base);
		registry.add("vigia.platforms.telegram.url", () -> base);
		registry.add("vigia.platforms.youtube.feed-url", () -> base);
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
	HealthSweep sweep;

	/** Account handles by id, and ids by handle, as the API lists them. */
	final Map<Long, String> handles = new HashMap<>();

	final Map<String, Long> ids = new HashMap<>();

	@BeforeEach
	void registry() throws Exception {
		jdbc.sql("truncate account, unit, organization, poll_run restart identity cascade").update();
		CLOCK.set(T0);
		FIXTURES.reset();
		// Units with contacts are made first; the import finds them by name and creates Turismo, without contacts.
		editor(post("/api/organizations").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + ORGANIZATION + "\", \"aliases\": [], \"officialDomains\": []}"));
		for (var unit : List.of("Comunicación", "Cultura", "Bibliotecas", "Juventud", "Deportes")) {
			var contact = unit.toLowerCase(Locale.ROOT).replace("ó", "o");
			editor(post("/api/units").contentType(MediaType.APPLICATION_JSON)
				.content("{\"organization\": \"" + ORGANIZATION + "\", \"name\": \"" + unit
						+ "\", \"contactEmails\": [\"" + contact + "@villaverde.example\"]}"));
		}
		var csv = """
				organization,unit,platform,handle,url,contact_email,max_silence_days
				{org},Comunicación,mastodon,,{base}@activa,,
				{org},Cultura,mastodon,,{base}@silenciosa,,
				{org},Bibliotecas,mastodon,,{base}@biblioteca,,220
				{org},Juventud,mastodon,,{base}@mudada,,
				{org},Deportes,mastodon,,{base}@suspendida,,
				{org},Comunicación,bluesky,cultura.gob.example,,,
				{org},Cultura,bluesky,borrada.bsky.social,,,
				{org},Bibliotecas,bluesky,desactivada.bsky.social,,,
				{org},Juventud,bluesky,{did},,,
				{org},Comunicación,youtube,,https://www.youtube.com/channel/{gone},,
				{org},Cultura,youtube,,https://www.youtube.com/channel/{flaky},,
				{org},Bibliotecas,feed,,{base}averiado/noticias.xml,,
				{org},Turismo,feed,,{base}turismo/agenda.xml,turismo@villaverde.example,
				{org},,telegram,culturavlc,,prensa@villaverde.example,
				{org},Turismo,x,,https://x.com/villaverde,,
				""".replace("{org}", ORGANIZATION)
			.replace("{base}", SERVER.url("/").toString())
			.replace("{did}", DID)
			.replace("{gone}", GONE_CHANNEL)
			.replace("{flaky}", FLAKY_CHANNEL);
		var report = editor(post("/api/registry/import").contentType("text/csv")
			.content(csv.getBytes(StandardCharsets.UTF_8)));
		assertThat((Integer) JsonPath.read(report, "$.created")).isEqualTo(ACCOUNTS);
		assertThat((Integer) JsonPath.read(report, "$.unitsCreated")).isOne();
		for (var account : accounts()) {
			long id = ((Number) account.get("id")).longValue();
			handles.put(id, (String) account.get("handle"));
			ids.put((String) account.get("handle"), id);
		}
		assertThat(ids).hasSize(ACCOUNTS);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aPolledRegistryGetsExactlyTheExpectedFindingsAndOnlyTheFixedOneResolves() throws Exception {
		var activa = mastodon("activa");
		var silenciosa = mastodon("silenciosa");
		var biblioteca = mastodon("biblioteca");
		var mudada = mastodon("mudada");
		var suspendida = mastodon("suspendida");
		// A feed's handle is its URL without the scheme.
		var feedDown = authority() + "/averiado/noticias.xml";
		var feedTurismo = authority() + "/turismo/agenda.xml";
		assertThat(ids).containsKeys(activa, silenciosa, biblioteca, mudada, suspendida, "cultura.gob.example",
				"borrada.bsky.social", "desactivada.bsky.social", DID, GONE_CHANNEL, FLAKY_CHANNEL, feedDown, feedTurismo,
				"culturavlc", "villaverde");

		// Run 1: what one check shows. YouTube's 404s wait for confirmation; the failing feed is just failing.
		pollEveryAccount();
		var firstRun = Set.of(pair("ABANDONED", silenciosa), pair("DORMANT", biblioteca), pair("MOVED", mudada),
				pair("GONE", suspendida), pair("GONE", "borrada.bsky.social"), pair("GONE", "desactivada.bsky.social"),
				pair("DUPLICATE", DID), pair("UNOWNED", "culturavlc"),
				pair("UNOWNED", "villaverde"));
		assertThat(standing()).containsExactlyInAnyOrderElementsOf(firstRun);
		assertThat(FIXTURES.flakyChannelRequests).hasValue(1);
		for (var channel : List.of(GONE_CHANNEL, FLAKY_CHANNEL)) {
			// The 404 was read as the platform's word, not as a failed check: it waits for a second one.
			var health = account(channel);
			assertThat((String) JsonPath.read(health, "$.health.lastOutcome")).isEqualTo("NOT_FOUND");
			assertThat((List<String>) JsonPath.read(health, "$.health.findings")).isEmpty();
			assertThat((String) JsonPath.read(health, "$.health.state")).isEqualTo("UNKNOWN");
		}

		// Run 2: the second 404 in a row confirms the deleted channel; the other channel answers this time.
		CLOCK.advance(Duration.ofHours(6));
		pollEveryAccount();
		var secondRun = new HashSet<>(firstRun);
		secondRun.add(pair("GONE", GONE_CHANNEL));
		assertThat(standing()).containsExactlyInAnyOrderElementsOf(secondRun);

		// Run 3: three failures in a row are not yet UNREACHABLE.
		CLOCK.advance(Duration.ofHours(6));
		pollEveryAccount();
		assertThat(standing()).containsExactlyInAnyOrderElementsOf(secondRun);

		// Run 4: the fourth is.
		CLOCK.advance(Duration.ofHours(6));
		pollEveryAccount();
		var fourthRun = new HashSet<>(secondRun);
		fourthRun.add(pair("UNREACHABLE", feedDown));
		assertThat(standing()).containsExactlyInAnyOrderElementsOf(fourthRun);
		var all = findings("");
		assertThat(all).as("one finding per type and account, none resolved").hasSize(fourthRun.size())
			.allSatisfy(finding -> assertThat(finding.get("status")).isEqualTo("OPEN"));

		// What the findings say.
		var authority = authority();
		var abandoned = finding("ABANDONED", silenciosa);
		assertThat(abandoned.get("summary")).isEqualTo("No public post for 213 days; the limit for accounts is 90");
		assertThat(evidence(abandoned)).containsEntry("silentDays", 213)
			.containsEntry("lastActivityAt", "2025-10-13T09:15:00Z")
			.containsEntry("newestPostUrl", "https://social.cultura.example/@cultura/115100000000000003")
			.containsEntry("limitSource", "DEFAULT")
			.containsEntry("abandonedAfterDays", 90);
		assertThat(finding("DORMANT", biblioteca).get("summary"))
			.isEqualTo("No public post for 213 days; dormant after 73, abandoned after 220");
		assertThat(evidence(finding("DORMANT", biblioteca))).containsEntry("limitSource", "ACCOUNT");
		var moved = finding("MOVED", mudada);
		assertThat(moved.get("summary")).isEqualTo(
				"The account moved to cultura@social.cultura.gob.example; the registry still lists mudada@" + authority);
		assertThat(evidence(moved)).containsEntry("newHandle", "cultura@social.cultura.gob.example")
			.containsEntry("registeredHandle", "mudada@" + authority);
		assertThat(finding("GONE", suspendida).get("summary"))
			.isEqualTo("Mastodon suspended the account (HTTP 200); reclaim the handle or retire it from the registry");
		assertThat(evidence(finding("GONE", suspendida))).containsEntry("outcome", "SUSPENDED");
		assertThat(finding("GONE", "borrada.bsky.social").get("summary"))
			.isEqualTo("Bluesky says the account does not exist (HTTP 400); reclaim the handle or retire it from the registry");
		assertThat(finding("GONE", "desactivada.bsky.social").get("summary"))
			.isEqualTo("The account was deactivated on Bluesky (HTTP 400); reclaim the handle or retire it from the registry");
		var goneChannel = finding("GONE", GONE_CHANNEL);
		assertThat(goneChannel.get("summary")).isEqualTo("YouTube says the account does not exist (HTTP 404), in 4 checks "
				+ "in a row; reclaim the handle or retire it from the registry");
		assertThat(evidence(goneChannel)).containsEntry("outcome", "NOT_FOUND")
			.containsEntry("httpStatus", 404)
			.containsEntry("checksInARow", 4);
		var duplicate = finding("DUPLICATE", DID);
		assertThat(duplicate.get("summary")).isEqualTo("The same Bluesky account is also registered as cultura.gob.example (#"
				+ ids.get("cultura.gob.example") + ")");
		assertThat(evidence(duplicate)).containsEntry("platformId", DID)
			.containsEntry("sameAccount",
					List.of(Map.of("accountId", ids.get("cultura.gob.example").intValue(), "handle", "cultura.gob.example")));
		var unreachable = finding("UNREACHABLE", feedDown);
		assertThat(unreachable.get("summary"))
			.isEqualTo("Could not be checked 4 times in a row since 2026-05-14 (last: The server failed with HTTP 500)");
		assertThat(evidence(unreachable)).containsEntry("failuresInARow", 4)
			.containsEntry("failingSince", "2026-05-14T12:00:00Z")
			.containsEntry("lastOutcome", "ERROR")
			.containsEntry("lastHttpStatus", 500)
			.containsEntry("lastSuccessAt", null);
		assertThat(finding("UNOWNED", "culturavlc").get("summary"))
			.isEqualTo("No unit is responsible for this account; assign one in the registry");
		assertThat(evidence(finding("UNOWNED", "culturavlc"))).containsEntry("reason", "NO_UNIT")
			.containsEntry("contactEmail", "prensa@villaverde.example");
		assertThat(finding("UNOWNED", "villaverde").get("summary"))
			.isEqualTo("Neither the account nor its unit Turismo has a contact address");
		assertThat(evidence(finding("UNOWNED", "villaverde"))).containsEntry("reason", "NO_CONTACT")
			.containsEntry("unit", "Turismo");

		// The filters.
		assertThat(pairs(findings("type=GONE"))).containsExactlyInAnyOrder(pair("GONE", suspendida),
				pair("GONE", "borrada.bsky.social"), pair("GONE", "desactivada.bsky.social"), pair("GONE", GONE_CHANNEL));
		assertThat(pairs(findings("platform=youtube&severity=HIGH"))).containsExactly(pair("GONE", GONE_CHANNEL));
		assertThat(pairs(findings("accountId=" + ids.get("villaverde")))).containsExactly(pair("UNOWNED", "villaverde"));
		long turismo = ((Number) JsonPath.read(account("villaverde"), "$.unitId")).longValue();
		assertThat(pairs(findings("unitId=" + turismo))).containsExactly(pair("UNOWNED", "villaverde"));

		// Each finding was opened once, and evidence that changed from run to run (days, checks in a row) recorded no
		// transition.
		for (var finding : all) {
			assertThat(history(finding)).as("history of %s", finding.get("summary")).singleElement().satisfies(opened -> {
				assertThat(opened.get("kind")).isEqualTo("OPENED");
				assertThat(opened.get("actor")).isEqualTo("vigia");
			});
		}
		var beforeFix = snapshot();

		// Health agrees with the findings.
		var states = accounts().stream()
			.collect(Collectors.toMap(account -> (String) account.get("handle"),
					account -> (String) JsonPath.read(account, "$.health.state")));
		assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry(activa, "ACTIVE"),
				Map.entry(silenciosa, "ABANDONED"), Map.entry(biblioteca, "DORMANT"), Map.entry(mudada, "MOVED"),
				Map.entry(suspendida, "GONE"), Map.entry("cultura.gob.example", "ACTIVE"),
				Map.entry("borrada.bsky.social", "GONE"), Map.entry("desactivada.bsky.social", "GONE"),
				Map.entry(DID, "ACTIVE"), Map.entry(GONE_CHANNEL, "GONE"), Map.entry(FLAKY_CHANNEL, "ACTIVE"),
				Map.entry(feedDown, "UNKNOWN"), Map.entry(feedTurismo, "ACTIVE"), Map.entry("culturavlc", "ACTIVE"),
				Map.entry("villaverde", "UNKNOWN")));
		var x = account("villaverde");
		assertThat((List<String>) JsonPath.read(x, "$.health.findings")).containsExactly("UNOWNED");
		assertThat((String) JsonPath.read(x, "$.health.lastOutcome")).isEqualTo("UNSUPPORTED");
		var down = account(feedDown);
		assertThat((List<String>) JsonPath.read(down, "$.health.findings")).containsExactly("UNREACHABLE");
		assertThat((Integer) JsonPath.read(down, "$.health.consecutiveFailures")).isEqualTo(4);
		assertThat((Object) JsonPath.read(down, "$.health.lastActivityAt")).isNull();
		assertThat((Integer) JsonPath.read(account(silenciosa), "$.health.silentDays")).isEqualTo(213);

		// The overview counts the same.
		var overview = fetch("/api/overview");
		var byState = Map.of("ACTIVE", 6, "ABANDONED", 1, "DORMANT", 1, "MOVED", 1, "GONE", 4, "UNKNOWN", 2);
		assertThat(states.values().stream().collect(Collectors.groupingBy(state -> state, Collectors.summingInt(s -> 1))))
			.isEqualTo(byState);
		var openFindings = Map.of("ABANDONED", 1, "DORMANT", 1, "MOVED", 1, "GONE", 4, "DUPLICATE", 1,
				"UNREACHABLE", 1, "UNOWNED", 2);
		var byPlatform = Map.of("mastodon", 5, "bluesky", 4, "youtube", 2, "feed", 2, "telegram", 1, "x", 1);
		for (var group : List.of("$.total", "$.organizations[0]")) {
			assertThat((Integer) JsonPath.read(overview, group + ".accounts")).isEqualTo(ACCOUNTS);
			assertThat((Map<String, Object>) JsonPath.read(overview, group + ".byState")).isEqualTo(byState);
			assertThat((Map<String, Object>) JsonPath.read(overview, group + ".byPlatform")).isEqualTo(byPlatform);
			assertThat((Map<String, Object>) JsonPath.read(overview, group + ".openFindings")).isEqualTo(openFindings);
			// Everything but the Telegram channel (no unit) and the X account (no contact anywhere) has an owner.
			assertThat((Double) JsonPath.read(overview, group + ".ownedShare")).isCloseTo(13.0 / 15, within(1e-9));
		}
		assertThat((List<Object>) JsonPath.read(overview, "$.organizations")).hasSize(1);
		assertThat((String) JsonPath.read(overview, "$.organizations[0].name")).isEqualTo(ORGANIZATION);
		assertThat((List<Object>) JsonPath.read(overview, "$.organizations[0].units")).hasSize(7);
		var turismoGroup = "$.organizations[0].units[?(@.name == 'Turismo')]";
		assertThat((List<Integer>) JsonPath.read(overview, turismoGroup + ".accounts")).containsExactly(2);
		assertThat((List<Object>) JsonPath.read(overview, turismoGroup + ".byState"))
			.containsExactly(Map.of("ACTIVE", 1, "UNKNOWN", 1));
		assertThat((List<Object>) JsonPath.read(overview, turismoGroup + ".openFindings"))
			.containsExactly(Map.of("UNOWNED", 1));
		assertThat((List<Double>) JsonPath.read(overview, turismoGroup + ".ownedShare")).containsExactly(0.5);
		var noUnit = "$.organizations[0].units[?(@.name == '(no unit)')]";
		assertThat((List<Object>) JsonPath.read(overview, noUnit + ".openFindings"))
			.containsExactly(Map.of("UNOWNED", 1));

		// Run 5: the suspended account is back. Its GONE resolves; nothing else changes.
		FIXTURES.suspendedAccountRestored = true;
		CLOCK.advance(Duration.ofHours(6));
		pollEveryAccount();
		var fixed = new HashSet<>(fourthRun);
		fixed.remove(pair("GONE", suspendida));
		assertThat(standing()).containsExactlyInAnyOrderElementsOf(fixed);
		var resolved = finding("GONE", suspendida);
		assertThat(resolved.get("status")).isEqualTo("RESOLVED");
		assertThat(resolved.get("resolvedAt")).isEqualTo(CLOCK.instant().toString());
		var history = history(resolved);
		assertThat(history).extracting(transition -> transition.get("kind")).containsExactly("RESOLVED", "OPENED");
		assertThat(history.getFirst()).containsEntry("from", "OPEN")
			.containsEntry("to", "RESOLVED")
			.containsEntry("actor", "vigia")
			.containsEntry("reason", "the condition cleared");
		assertThat((String) JsonPath.read(account(suspendida), "$.health.state")).isEqualTo("ACTIVE");
		var afterFix = new HashMap<>(beforeFix);
		afterFix.put(id(resolved), new Snapshot("GONE", suspendida, "RESOLVED", (String) resolved.get("openedAt"), 2));
		assertThat(snapshot()).as("every finding but the resolved one as it was").isEqualTo(afterFix);

		// Time passes: a week later the sweep finds the account with its own limit over it, and nothing else new.
		CLOCK.set(T0.plus(Duration.ofDays(8)));
		var report = sweep.sweep();
		assertThat(report.accounts()).isEqualTo(ACCOUNTS);
		assertThat(report.transitions()).isEqualTo(2);
		var dormant = finding("DORMANT", biblioteca);
		assertThat(dormant.get("status")).isEqualTo("RESOLVED");
		assertThat(history(dormant).getFirst()).containsEntry("kind", "RESOLVED")
			.containsEntry("reason", "superseded by Abandoned");
		var nowAbandoned = finding("ABANDONED", biblioteca);
		assertThat(nowAbandoned.get("status")).isEqualTo("OPEN");
		assertThat(nowAbandoned.get("summary")).isEqualTo("No public post for 221 days; the limit for this account is 220");
		assertThat(history(nowAbandoned)).extracting(transition -> transition.get("kind")).containsExactly("OPENED");
		assertThat(finding("ABANDONED", silenciosa).get("summary"))
			.isEqualTo("No public post for 221 days; the limit for accounts is 90");
		fixed.remove(pair("DORMANT", biblioteca));
		fixed.add(pair("ABANDONED", biblioteca));
		assertThat(standing()).containsExactlyInAnyOrderElementsOf(fixed);
		assertThat((String) JsonPath.read(account(biblioteca), "$.health.state")).isEqualTo("ABANDONED");
		var afterSweep = new HashMap<>(afterFix);
		afterSweep.put(id(dormant), new Snapshot("DORMANT", biblioteca, "RESOLVED", (String) dormant.get("openedAt"), 2));
		afterSweep.put(id(nowAbandoned),
				new Snapshot("ABANDONED", biblioteca, "OPEN", (String) nowAbandoned.get("openedAt"), 1));
		assertThat(snapshot()).as("every finding but those two as it was").isEqualTo(afterSweep);
		assertThat(jdbc.sql("select count(*) from finding_transition").query(Long.class).single())
			.isEqualTo(all.size() + 3L);
		assertThat(FIXTURES.unexpected).isEmpty();
	}

	/** A finding as far as the lifecycle goes: what, about which account, where it stands, since when, how often it changed. */
	record Snapshot(String type, String handle, String status, String openedAt, int transitions) {
	}

	private Map<Long, Snapshot> snapshot() throws Exception {
		var snapshot = new HashMap<Long, Snapshot>();
		for (var finding : findings("")) {
			snapshot.put(id(finding), new Snapshot((String) finding.get("type"),
					handles.get(((Number) finding.get("accountId")).longValue()), (String) finding.get("status"),
					(String) finding.get("openedAt"), history(finding).size()));
		}
		return snapshot;
	}

	// The API

	private String editor(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic("editor", "editor")))
			.andExpect(status().is2xxSuccessful())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private String fetch(String path) throws Exception {
		return mvc.perform(get(path).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	/** Starts a run over every active account through the API and waits until it completed. */
	private void pollEveryAccount() throws Exception {
		var response = mvc.perform(post("/api/poll-runs").with(httpBasic("editor", "editor")))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse();
		assertThat((Integer) JsonPath.read(response.getContentAsString(), "$.total")).isEqualTo(ACCOUNTS);
		var location = response.getHeader("Location");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		String run;
		do {
			Thread.sleep(100);
			run = fetch(location);
		}
		while (JsonPath.read(run, "$.status").equals("RUNNING") && System.nanoTime() < deadline);
		assertThat((String) JsonPath.read(run, "$.status")).isEqualTo("COMPLETED");
		assertThat((Integer) JsonPath.read(run, "$.checked")).isEqualTo(ACCOUNTS);
		// The feed whose server fails, every time.
		assertThat((Integer) JsonPath.read(run, "$.failed")).isOne();
	}

	private List<Map<String, Object>> accounts() throws Exception {
		return JsonPath.read(fetch("/api/accounts?size=100"), "$.content");
	}

	private String account(String handle) throws Exception {
		return fetch("/api/accounts/" + ids.get(handle));
	}

	private List<Map<String, Object>> findings(String query) throws Exception {
		return JsonPath.read(fetch("/api/findings?size=100&" + query), "$.content");
	}

	/** The finding of this type about this account, whatever its status. */
	private Map<String, Object> finding(String type, String handle) throws Exception {
		var found = findings("type=" + type + "&accountId=" + ids.get(handle));
		assertThat(found).as("%s findings about %s", type, handle).hasSize(1);
		return found.getFirst();
	}

	private List<Map<String, Object>> history(Map<String, Object> finding) throws Exception {
		return JsonPath.read(fetch("/api/findings/" + id(finding)), "$.history");
	}

	/** The (type, handle) pairs of the standing findings. */
	private List<Pair> standing() throws Exception {
		return pairs(findings("status=OPEN,ACKNOWLEDGED,DISMISSED"));
	}

	private List<Pair> pairs(List<Map<String, Object>> findings) {
		return findings.stream()
			.map(finding -> pair((String) finding.get("type"), handles.get(((Number) finding.get("accountId")).longValue())))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> evidence(Map<String, Object> finding) {
		return (Map<String, Object>) finding.get("evidence");
	}

	private static long id(Map<String, Object> finding) {
		return ((Number) finding.get("id")).longValue();
	}

	/** A Mastodon handle on the mock server. */
	private static String mastodon(String name) {
		return name + "@" + authority();
	}

	private static String authority() {
		var base = SERVER.url("/");
		return base.host() + ":" + base.port();
	}

	record Pair(String type, String handle) {
	}

	static Pair pair(String type, String handle) {
		return new Pair(type, handle);
	}

	/** The platforms as the fixtures show them, one account per path or query. */
	static final class Fixtures extends Dispatcher {

		private static final String FIXTURE_ACCOUNT_ID = "109348423455212345";

		// The Mastodon fixtures all show one account id; on one server, that would make them one account registered
		// five times. Each name gets its own id.
		private static final Map<String, String> MASTODON_IDS = Map.of("activa", "111000000000000001", "silenciosa",
				"111000000000000002", "biblioteca", "111000000000000003", "mudada", "111000000000000004", "suspendida",
				"111000000000000005");

		volatile boolean suspendedAccountRestored;

		final AtomicInteger flakyChannelRequests = new AtomicInteger();

		final List<String> unexpected = new CopyOnWriteArrayList<>();

		void reset() {
			suspendedAccountRestored = false;
			flakyChannelRequests.set(0);
			unexpected.clear();
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			var url = request.getUrl();
			var path = url.encodedPath();
			if (path.equals("/api/v1/accounts/lookup")) {
				var name = url.queryParameter("acct");
				var account = switch (String.valueOf(name)) {
					case "activa" -> "account-active.json";
					case "silenciosa", "biblioteca" -> "account-silent.json";
					case "mudada" -> "account-moved.json";
					case "suspendida" -> suspendedAccountRestored ? "account-active.json" : "account-suspended.json";
					default -> null;
				};
				return (account != null) ? mastodon(account, name) : unexpected(request);
			}
			if (path.startsWith("/api/v1/accounts/") && path.endsWith("/statuses")) {
				var id = path.substring("/api/v1/accounts/".length(), path.length() - "/statuses".length());
				var name = MASTODON_IDS.entrySet().stream().filter(entry -> entry.getValue().equals(id))
					.map(Map.Entry::getKey).findFirst().orElse("");
				return switch (name) {
					case "activa", "suspendida" -> mastodon("statuses-active.json", name);
					case "silenciosa", "biblioteca", "mudada" -> mastodon("statuses-silent.json", name);
					default -> unexpected(request);
				};
			}
			return switch (path) {
				case "/xrpc/app.bsky.actor.getProfile" -> switch (String.valueOf(url.queryParameter("actor"))) {
					case "cultura.gob.example", DID -> json(200, read("bluesky/profile-active.json"));
					case "borrada.bsky.social" -> json(400, read("bluesky/error-not-found.json"));
					case "desactivada.bsky.social" -> json(400, read("bluesky/error-deactivated.json"));
					default -> unexpected(request);
				};
				// As the AppView does, a batch answers the actors it found and leaves the others out.
				case "/xrpc/app.bsky.actor.getProfiles" -> {
					var actors = url.queryParameterValues("actors");
					yield json(200, (actors.contains("cultura.gob.example") || actors.contains(DID))
							? "{\"profiles\": [" + read("bluesky/profile-active.json") + "]}" : "{\"profiles\": []}");
				}
				case "/xrpc/app.bsky.feed.getAuthorFeed" ->
					DID.equals(url.queryParameter("actor")) ? json(200, read("bluesky/feed-active.json")) : unexpected(request);
				case "/feeds/videos.xml" -> switch (String.valueOf(url.queryParameter("channel_id"))) {
					case GONE_CHANNEL -> answer(404, "text/html; charset=utf-8", "<html><body>Not Found</body></html>");
					case FLAKY_CHANNEL -> (flakyChannelRequests.incrementAndGet() == 1)
							? answer(404, "text/html; charset=utf-8", "<html><body>Not Found</body></html>")
							: answer(200, "text/xml; charset=UTF-8", read("feed/youtube-silent.xml"));
					default -> unexpected(request);
				};
				case "/averiado/noticias.xml" -> answer(500, "text/html", "<html><body>Internal Server Error</body></html>");
				case "/turismo/agenda.xml" -> answer(200, "application/rss+xml; charset=utf-8", read("feed/rss2-silent.xml"));
				case "/s/culturavlc" -> answer(200, "text/html; charset=utf-8", read("telegram/channel-silent.html"));
				default -> unexpected(request);
			};
		}

		private MockResponse mastodon(String fixture, String name) {
			return json(200, read("mastodon/" + fixture).replace(FIXTURE_ACCOUNT_ID, MASTODON_IDS.get(name)));
		}

		private MockResponse unexpected(RecordedRequest request) {
			unexpected.add(request.getTarget());
			return answer(418, "text/plain", "no fixture for " + request.getTarget());
		}

		private static MockResponse json(int code, String body) {
			return answer(code, "application/json; charset=utf-8", body);
		}

		private static MockResponse answer(int code, String contentType, String body) {
			return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
		}

		private static String read(String fixture) {
			try (var in = HealthEndToEndTests.class.getResourceAsStream("/fixtures/" + fixture)) {
				if (in == null) {
					throw new IllegalArgumentException("no fixture " + fixture);
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** A clock the test moves. */
	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant instant) {
			now = instant;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("the test clock is in UTC");
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
