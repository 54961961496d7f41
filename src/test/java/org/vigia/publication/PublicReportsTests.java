package org.vigia.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.vigia.IntegrationTest;

/**
 * Citizens' reports end to end: the reported account's real profile is read from its platform (a Bluesky AppView and
 * a Mastodon server that MockWebServer plays, answering as the real APIs do) and scored with discovery's look-alike
 * scorer against the organization. No test reaches a real host ({@link LocalPlatformsOnly}).
 * <pre>
 * reported account                         its profile                                 expected
 * aytovillaverde.bsky.social               the town hall's name and a copied bio       IMPERSONATION
 * tramites2026@server                      the town hall's name: only its profile tells IMPERSONATION
 * vecinos_del_barrio@server                a neighbours' association                   REPORTED (LOW)
 * nadie@server                             none (the server knows no such account)     scored by its handle
 * </pre>
 */
@IntegrationTest
@Import(LocalPlatformsOnly.class)
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		"vigia.http.max-retries=0" })
class PublicReportsTests {

	static final String SLUG = "ayuntamiento-de-villaverde";

	static final Platforms PLATFORMS = new Platforms();

	/** The Bluesky AppView and the Mastodon server of every account in these tests. */
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
		registry.add("vigia.platforms.bluesky.api-url", () -> SERVER.url("/").toString());
	}

	@AfterAll
	static void stopServer() {
		SERVER.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long villaverde;

	@BeforeEach
	void aTownThatPublishesItsDirectory() {
		PLATFORMS.asked.clear();
		jdbc.sql("truncate account, unit, organization, finding, finding_transition, public_report, public_report_salt "
				+ "restart identity cascade").update();
		villaverde = organization("Ayuntamiento de Villaverde", "villaverde.example");
		var villalba = organization("Ayuntamiento de Villalba", "villalba.example");
		account(villaverde, "MASTODON", "aytovillaverde@" + authority(), base() + "/@aytovillaverde",
				"Ayuntamiento de Villaverde");
		account(villaverde, "BLUESKY", "villaverde.bsky.social", "https://bsky.app/profile/villaverde.bsky.social",
				"Ayuntamiento de Villaverde");
		account(villalba, "MASTODON", "aytovillalba@" + authority(), base() + "/@aytovillalba",
				"Ayuntamiento de Villalba");
	}

	@Test
	void anImpostorWhoseProfileCopiesTheTownHallOpensAnImpersonationFindingThatCountsTheReports() throws Exception {
		report("203.0.113.1", "{\"url\": \"https://bsky.app/profile/aytovillaverde.bsky.social\", \"note\": \"me pide datos\"}")
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.status").value("received"));
		report("203.0.113.2", "{\"url\": \"@aytovillaverde.bsky.social\", \"organization\": \"" + SLUG + "\"}")
			.andExpect(status().isAccepted());

		// The profile was read from the AppView, as Bluesky's getProfile answers it.
		assertThat(PLATFORMS.asked).contains("/xrpc/app.bsky.actor.getProfile?actor=aytovillaverde.bsky.social");
		var finding = finding("lookalike:bluesky:aytovillaverde.bsky.social");
		assertThat(finding.type()).isEqualTo("IMPERSONATION");
		assertThat(finding.severity()).isEqualTo("HIGH");
		assertThat(finding.organizationId()).isEqualTo(villaverde);
		assertThat((Integer) JsonPath.read(finding.evidence(), "$.reportedByThePublic.count")).isEqualTo(2);
		assertThat((String) JsonPath.read(finding.evidence(), "$.reportedByThePublic.lastReportedAt")).isNotBlank();
		assertThat(signals(finding)).contains("display-equal");
		assertThat(jdbc.sql("select count(*) from finding where type = 'REPORTED'").query(Long.class).single()).isZero();
		// Of the sender, only a hash is kept.
		assertThat(jdbc.sql("select string_agg(address_hash, ',') from public_report").query(String.class).single())
			.doesNotContain("203.0.113");
	}

	@Test
	void anInnocentHandleWithTheTownHallsNameAndBioIsAnImpersonationOnlyBecauseItsProfileIsRead() throws Exception {
		report("203.0.113.3", "{\"url\": \"" + base() + "/@tramites2026\"}").andExpect(status().isAccepted());

		assertThat(PLATFORMS.asked).contains("/api/v1/accounts/lookup?acct=tramites2026");
		var finding = finding("lookalike:mastodon:tramites2026@" + authority());
		assertThat(finding.type()).isEqualTo("IMPERSONATION");
		assertThat(finding.organizationId()).isEqualTo(villaverde);
		assertThat(signals(finding)).contains("display-equal");
		assertThat((Integer) JsonPath.read(finding.evidence(), "$.reportedByThePublic.count")).isEqualTo(1);
	}

	@Test
	void aReportBelowTheThresholdOpensALowReportedFindingForTriage() throws Exception {
		report("203.0.113.4", "{\"url\": \"" + base() + "/@vecinos_del_barrio\", \"organization\": \"" + SLUG
				+ "\", \"note\": \"parece falsa\"}")
			.andExpect(status().isAccepted());

		assertThat(PLATFORMS.asked).contains("/api/v1/accounts/lookup?acct=vecinos_del_barrio");
		var finding = jdbc.sql("""
				select type, severity, status, summary, evidence::text as evidence from finding where type = 'REPORTED'
				""").query().singleRow();
		assertThat(finding).containsEntry("severity", "LOW").containsEntry("status", "OPEN");
		assertThat(org.vigia.platform.English.text((String) finding.get("summary")))
			.startsWith("Reported by the public: vecinos_del_barrio@" + authority());
		assertThat((String) JsonPath.read((String) finding.get("evidence"), "$.summaryCode"))
			.isEqualTo("finding.summary.reported");
		assertThat(jdbc.sql("select count(*) from finding where type = 'IMPERSONATION'").query(Long.class).single())
			.isZero();
	}

	@Test
	void anOfficialAccountIsNotReported() throws Exception {
		report("203.0.113.5", "{\"url\": \"https://bsky.app/profile/villaverde.bsky.social\", \"organization\": \""
				+ SLUG + "\"}")
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.status").value("official"));
		assertThat(jdbc.sql("select count(*) from finding").query(Long.class).single()).isZero();
	}

	@Test
	void reportsAreRateLimitedPerAddress() throws Exception {
		for (int i = 0; i < 5; i++) {
			report("198.51.100.7", "{\"url\": \"" + base() + "/@vecino" + i + "\", \"organization\": \"" + SLUG + "\"}")
				.andExpect(status().isAccepted());
		}
		report("198.51.100.7", "{\"url\": \"" + base() + "/@vecino9\", \"organization\": \"" + SLUG + "\"}")
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "3600"));
		report("198.51.100.8", "{\"url\": \"" + base() + "/@vecino9\", \"organization\": \"" + SLUG + "\"}")
			.andExpect(status().isAccepted());
		assertThat(jdbc.sql("select count(*) from public_report").query(Long.class).single()).isEqualTo(6);
	}

	@Test
	void aReportWithTheHiddenFieldFilledIsAcceptedAndForgottenWithoutAskingThePlatform() throws Exception {
		report("203.0.113.6", "{\"url\": \"@aytovillaverde.bsky.social\", \"website\": \"http://spam.example\"}")
			.andExpect(status().isAccepted());
		assertThat(jdbc.sql("select count(*) from public_report").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from finding").query(Long.class).single()).isZero();
		assertThat(PLATFORMS.asked).isEmpty();
	}

	@Test
	void aReportOfSomethingThatIsNoAccountIsRefusedNamingTheField() throws Exception {
		report("203.0.113.7", "{\"url\": \"hello there\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("url")));
		mvc.perform(post("/public/api/reports").with(PublicDirectoryTests.address("203.0.113.7"))
			.header("Accept-Language", "gl")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"url\": \"hello there\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Petición incorrecta"))
			.andExpect(jsonPath("$.detail").value("url: 'hello there' non é o enderezo nin o nome de usuario dunha conta "
					+ "en ningunha rede que Vigía coñeza"));
		report("203.0.113.7", "{\"note\": \"x\"}").andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select count(*) from public_report").query(Long.class).single()).isZero();
	}

	@Test
	void theReportFormOnTheVerifyPageWorksWithoutScriptOrLogin() throws Exception {
		var page = mvc.perform(post("/public/report").with(PublicDirectoryTests.address("203.0.113.8"))
			.param("url", "@aytovillaverde.bsky.social")
			.param("organization", SLUG)
			.param("website", "")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Gracias. La organización revisará esta cuenta.").doesNotContain("<script");
	}

	// Helpers

	record Finding(String type, String severity, long organizationId, String evidence) {
	}

	Finding finding(String subjectKey) {
		return jdbc.sql("""
				select type, severity, organization_id, evidence::text as evidence from finding
				where subject_key = :key
				""").param("key", subjectKey)
			.query((rs, row) -> new Finding(rs.getString("type"), rs.getString("severity"),
					rs.getLong("organization_id"), rs.getString("evidence")))
			.single();
	}

	static List<String> signals(Finding finding) {
		return JsonPath.read(finding.evidence(), "$.reasons[*].signal");
	}

	ResultActions report(String address, String json) throws Exception {
		return mvc.perform(post("/public/api/reports").with(PublicDirectoryTests.address(address))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	long organization(String name, String domain) {
		return jdbc.sql("""
				insert into organization (name, aliases, official_domains, public_directory, created_at, updated_at)
				values (:name, '{}', array[:domain], true, now(), now()) returning id
				""").param("name", name).param("domain", domain).query(Long.class).single();
	}

	void account(long organization, String platform, String handle, String url, String displayName) {
		jdbc.sql("""
				insert into account (organization_id, platform, handle, url, display_name, status, created_at, updated_at)
				values (:org, :platform, :handle, :url, :name, 'ACTIVE', '2025-03-01T09:00:00Z', now())
				""").param("org", organization).param("platform", platform).param("handle", handle)
			.param("url", url).param("name", displayName).update();
	}

	static String base() {
		var url = SERVER.url("/");
		return url.scheme() + "://" + url.host() + ":" + url.port();
	}

	static String authority() {
		return SERVER.url("/").host() + ":" + SERVER.getPort();
	}

	/** A Bluesky AppView and a Mastodon server, answering as the real ones do; records what it was asked. */
	static final class Platforms extends Dispatcher {

		final List<String> asked = new CopyOnWriteArrayList<>();

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			var target = request.getTarget();
			asked.add(target);
			var url = request.getUrl();
			if (url.encodedPath().equals("/xrpc/app.bsky.actor.getProfile")) {
				return "aytovillaverde.bsky.social".equals(url.queryParameter("actor")) ? fixture("bluesky-impostor.json")
						: json(400, read("/fixtures/bluesky/error-not-found.json"));
			}
			if (url.encodedPath().equals("/api/v1/accounts/lookup")) {
				var acct = url.queryParameter("acct");
				if ("tramites2026".equals(acct)) {
					return fixture("mastodon-disguised.json");
				}
				if ("vecinos_del_barrio".equals(acct)) {
					return fixture("mastodon-neighbours.json");
				}
				return json(404, read("/fixtures/mastodon/not-found.json"));
			}
			return new MockResponse.Builder().code(404).body("no route for " + target).build();
		}

		private static MockResponse fixture(String name) {
			return json(200, read("/fixtures/publication/" + name).replace("${server}", base()));
		}

		private static MockResponse json(int code, String body) {
			return new MockResponse.Builder().code(code)
				.addHeader("Content-Type", "application/json; charset=utf-8")
				.body(body)
				.build();
		}

		private static String read(String path) {
			try (var in = PublicReportsTests.class.getResourceAsStream(path)) {
				if (in == null) {
					throw new IllegalStateException("No fixture " + path);
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
