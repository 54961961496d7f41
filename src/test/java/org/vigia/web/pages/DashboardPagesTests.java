package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.overview.HealthSnapshot;
import org.vigia.IntegrationTest;
import org.vigia.health.HealthSweep;
import org.vigia.overview.Overview;

/** The dashboard's overview and accounts pages, rendered through the whole stack. */
@IntegrationTest
class DashboardPagesTests {

	static final String HOSTILE = "<img src=x onerror=alert(1)>";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HealthSnapshot snapshot;

	@Autowired
	HealthSweep sweep;

	@Autowired
	Overview overview;

	long organization;

	long unit;

	@BeforeEach
	void registry() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		unit = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, 'Prensa', '{prensa@villaverde.example}', now(), now()) returning id
				""").param("org", organization).query(Long.class).single();
		long abandoned = account("MASTODON", "cultura@social.villaverde.example", HOSTILE);
		long active = account("BLUESKY", "villaverde.example", "Ayuntamiento de Villaverde");
		account("MASTODON", "deportes@social.villaverde.example", null);
		state(abandoned, Instant.now().minus(Duration.ofDays(142)));
		state(active, Instant.now().minus(Duration.ofDays(2)));
		sweep.sweep();
		// Written by hand, not by the modules, so no event noted it: the reconcile catches up, as its job would.
		snapshot.reconcile();
	}

	long account(String platform, String handle, String displayName) {
		return jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, display_name, created_at, updated_at)
				values (:org, :unit, :platform, :handle, 'https://example.org/' || :handle, :name, now(), now())
				returning id
				""")
			.param("org", organization)
			.param("unit", unit)
			.param("platform", platform)
			.param("handle", handle)
			.param("name", displayName, java.sql.Types.VARCHAR)
			.query(Long.class)
			.single();
	}

	void state(long account, Instant lastActivity) {
		jdbc.sql("""
				insert into account_state (account_id, handle, last_activity_at, last_checked_at, last_success_at,
				                           last_outcome, last_http_status, outcome_streak, next_due_at, updated_at)
				select id, handle, :activity::timestamptz, now(), now(), 'OK', 200, 1, now(), now()
				from account where id = :id
				""").param("id", account).param("activity", lastActivity.toString()).update();
	}

	@Test
	void longListsArePagedInTheDatabase() throws Exception {
		jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, created_at, updated_at)
				select :org, :unit, 'TELEGRAM', 'canal_' || n, 'https://t.me/canal_' || n, now(), now()
				from generate_series(1, 60) as n
				""").param("org", organization).param("unit", unit).update();
		// Written by hand, not by the modules, so no event noted it: the reconcile catches up, as its job would.
		snapshot.reconcile();
		mvc.perform(get("/accounts?sort=handle").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("63 accounts")))
			.andExpect(content().string(containsString("Page 1 of 2")))
			.andExpect(content().string(containsString("href=\"http://localhost/accounts?sort=handle&amp;page=1\"")))
			.andExpect(content().string(not(containsString(">Previous<"))));
		mvc.perform(get("/accounts?sort=handle&page=1").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("Page 2 of 2")))
			.andExpect(content().string(containsString(">Previous<")))
			.andExpect(content().string(containsString("villaverde.example")));
	}

	@Test
	void anAccountShowsItsProfilePostingChecksAndFindingsAndEditorsEditIt() throws Exception {
		long id = jdbc.sql("select id from account where handle = 'villaverde.example'").query(Long.class).single();
		// as the registry writes it: the URL canonical for the handle
		jdbc.sql("update account set url = 'https://bsky.app/profile/villaverde.example' where id = :id").param("id", id)
			.update();
		long profile = jdbc.sql("""
				insert into profile_snapshot (account_id, hash, display_name, bio, avatar_url, followers, seen_at)
				values (:id, 'h', :name, :bio, 'http://evil.example/a.png', 1200, now()) returning id
				""").param("id", id).param("name", HOSTILE).param("bio", "Bio <script>alert(1)</script>")
			.query(Long.class).single();
		jdbc.sql("update account_state set profile_id = :p where account_id = :id").param("p", profile).param("id", id)
			.update();
		jdbc.sql("""
				insert into account_check (account_id, checked_at, outcome, http_status, latency_ms, requests,
				                           last_activity_at, error)
				select :id, now() - (n || ' days')::interval, 'OK', 200, 40, 1,
				       now() - ((n + 1) || ' days')::interval, case when n = 3 then 'slow <b>answer</b>' end
				from generate_series(1, 3) as n
				""").param("id", id).update();
		// Written by hand, not by the modules, so no event noted it: the reconcile catches up, as its job would.
		snapshot.reconcile();
		mvc.perform(get("/accounts/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h1><span>villaverde.example</span>")))
			.andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;")))
			.andExpect(content().string(containsString("Bio &lt;script&gt;alert(1)&lt;/script&gt;")))
			.andExpect(content().string(not(containsString("evil.example"))))
			.andExpect(content().string(containsString("1,200 followers")))
			.andExpect(content().string(containsString("3 posts seen in 26 weeks")))
			.andExpect(content().string(containsString("slow &lt;b&gt;answer&lt;/b&gt;")))
			.andExpect(content().string(not(containsString("name=\"contactEmail\""))));
		mvc.perform(get("/accounts/" + id).with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("name=\"contactEmail\"")));

		mvc.perform(post("/accounts/" + id).param("contactEmail", "not an address").param("unitId", String.valueOf(unit))
			.with(user("editor").roles("EDITOR")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attributeExists("errors"));
		mvc.perform(post("/accounts/" + id).param("contactEmail", "redes@villaverde.example")
			.param("unitId", String.valueOf(unit)).param("maxSilenceDays", "60")
			.with(user("editor").roles("EDITOR")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("saved", true));
		mvc.perform(get("/accounts/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("redes@villaverde.example")));
		mvc.perform(get("/accounts/424242").with(httpBasic("viewer", "viewer"))).andExpect(status().isNotFound());
	}

	@Test
	void theLoginFormSpeaksTheReadersLanguageAndSaysWhatWentWrong() throws Exception {
		mvc.perform(get("/login").header("Accept-Language", "es-ES,es;q=0.9"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h1>Iniciar sesión</h1>")))
			.andExpect(content().string(containsString("<label for=\"username\">Usuario</label>")))
			.andExpect(content().string(containsString("<label for=\"password\">Contraseña</label>")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(not(containsString("role=\"alert\""))));
		mvc.perform(get("/login?error&lang=en"))
			.andExpect(content().string(containsString("<html lang=\"en\">")))
			.andExpect(content().string(containsString("role=\"alert\">Invalid credentials</p>")));
		mvc.perform(get("/login?logout&lang=es"))
			.andExpect(content().string(containsString("role=\"status\">Ha cerrado la sesión.</p>")));

		mvc.perform(post("/login").with(csrf()).param("username", "viewer").param("password", "wrong"))
			.andExpect(redirectedUrl("/login?error"));
		mvc.perform(post("/login").with(csrf()).param("username", "viewer").param("password", "viewer"))
			.andExpect(redirectedUrl("/"));
		mvc.perform(post("/logout").with(user("viewer").roles("VIEWER")).with(csrf()).accept("text/html"))
			.andExpect(redirectedUrl("/login?logout"));
	}

	@Test
	void aPageThatFindsNothingSaysSoOnAPageInTheReadersLanguage() throws Exception {
		mvc.perform(get("/accounts/424242").with(httpBasic("viewer", "viewer")).accept("text/html"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(containsString("<h1>Not found</h1>")))
			.andExpect(content().string(containsString("href=\"/\">Back to the overview</a>")));
		mvc.perform(get("/findings/424242?lang=es").with(httpBasic("viewer", "viewer")).accept("text/html"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("<h1>No encontrado</h1>")));
		mvc.perform(get("/runs/424242").with(httpBasic("viewer", "viewer")).accept("text/html"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("<h1>Not found</h1>")));
		// The API keeps answering problem details.
		mvc.perform(get("/api/accounts/424242").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void pagesNeedALogin() throws Exception {
		mvc.perform(get("/").accept("text/html")).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		mvc.perform(get("/accounts").accept("text/html")).andExpect(status().is3xxRedirection());
	}

	@Test
	void theOverviewCountsAccountsByHealthAndShowsWhoIsPresentWhere() throws Exception {
		mvc.perform(get("/").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(content().string(containsString("<h1>Villaverde</h1>")))
			.andExpect(content().string(containsString("Accounts by health")))
			.andExpect(content().string(containsString(
					"<span class=\"n\">1</span><span class=\"l\">Abandoned</span>")))
			.andExpect(content().string(containsString("Who is present where")))
			// two Mastodon accounts in one unit are highlighted
			.andExpect(content().string(containsString("<td class=\"two\">2</td>")))
			.andExpect(content().string(containsString("href=\"/findings?type=ABANDONED")));
	}

	@Test
	void aUnitsFindingNamesTheUnitLinksItsAccountsOnTheNetworkAndShowsItsTextInert() throws Exception {
		jdbc.sql("update unit set name = '<script>alert(1)</script> Prensa' where id = :id").param("id", unit).update();
		jdbc.sql("update account set handle = 'deportes<b>@social.villaverde.example' where handle like 'deportes%'")
			.update();
		sweep.sweep();
		long id = jdbc.sql("select id from finding where type = 'DUPLICATE' and unit_id = :unit").param("unit", unit)
			.query(Long.class).single();

		// Written by hand, not by the modules, so no event noted it: the reconcile catches up, as its job would.
		snapshot.reconcile();
		mvc.perform(get("/findings/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Unit &lt;script&gt;alert(1)&lt;/script&gt; Prensa on Mastodon")))
			.andExpect(content().string(containsString("<a href=\"/registry/units/" + unit + "\">&lt;script&gt;")))
			.andExpect(content().string(containsString("<a href=\"/accounts?organizationId=" + organization + "&amp;unitId="
					+ unit + "&amp;platform=mastodon\">its 2 accounts on this network</a>")))
			.andExpect(content().string(containsString("deportes&lt;b&gt;@social.villaverde.example")))
			.andExpect(content().string(containsString("<th scope=\"row\">Oldest accounts</th>")))
			.andExpect(content().string(not(containsString("<script>alert(1)"))))
			.andExpect(content().string(not(containsString("deportes<b>"))));
		mvc.perform(get("/findings?type=DUPLICATE").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("Unit &lt;script&gt;alert(1)&lt;/script&gt; Prensa on Mastodon")))
			.andExpect(content().string(not(containsString("<script>alert(1)"))));
		assertThat(overview.organization(organization).units()).singleElement()
			.satisfies(group -> assertThat(group.openFindings()).containsEntry("DUPLICATE", 1L));
	}

	@Test
	void theMatrixLeavesAUnitThatRunsManyAccountsByDesignUnhighlighted() throws Exception {
		jdbc.sql("update unit set manages_many_accounts = true where id = :id").param("id", unit).update();
		// Written by hand, not by the modules, so no event noted it: the reconcile catches up, as its job would.
		snapshot.reconcile();
		mvc.perform(get("/").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("<td>2</td>")))
			.andExpect(content().string(not(containsString("<td class=\"two\">"))));
	}

	@Test
	void severalOrganizationsAreATableWithOneRowEachAndEachOpensOnItsOwn() throws Exception {
		long other = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villabajo', now(), now()) returning id
				""").query(Long.class).single();
		jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, 'TELEGRAM', 'villabajo', 'https://t.me/villabajo', now(), now())
				""").param("org", other).update();
		// Written by hand, not by the modules, so no event noted it: the reconcile catches up, as its job would.
		snapshot.reconcile();
		mvc.perform(get("/").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("<h1>Overview</h1>")))
			.andExpect(content().string(containsString("<a href=\"/?organizationId=" + other + "\">Villabajo</a>")))
			.andExpect(content().string(containsString("<a href=\"/?organizationId=" + organization + "\">Villaverde</a>")))
			.andExpect(content().string(not(containsString("Who is present where"))));
		mvc.perform(get("/?organizationId=" + organization).with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("<h1>Villaverde</h1>")))
			.andExpect(content().string(containsString("All organizations")))
			.andExpect(content().string(containsString("Who is present where")));
	}

	@Test
	void theLanguageFollowsTheBrowserAndCanBeSwitched() throws Exception {
		mvc.perform(get("/").header("Accept-Language", "es-ES,es;q=0.9").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("<html lang=\"es\">")))
			.andExpect(content().string(containsString("Cuentas por estado")))
			.andExpect(content().string(containsString("Abandonada")));
		mvc.perform(get("/?lang=es").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("Resumen")))
			.andExpect(cookie().value("vigia-lang", "es"));
		mvc.perform(get("/accounts?lang=en").header("Accept-Language", "es").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("Longest silent first")));
	}

	long findingId(String type) {
		return jdbc.sql("select id from finding where type = :type").param("type", type).query(Long.class).single();
	}

	@Test
	void theSpanishFindingsPagesWriteEveryFindingInSpanishWithoutAnEnglishSentence() throws Exception {
		long id = findingId("ABANDONED");
		for (var path : java.util.List.of("/findings?lang=es", "/findings/" + id + "?lang=es")) {
			var html = mvc.perform(get(path).with(httpBasic("viewer", "viewer")))
				.andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
			var text = org.jsoup.Jsoup.parse(html).text();
			assertThat(text).contains("Sin publicaciones públicas desde hace 142 días; el límite de las cuentas es de 90 días")
				.contains("Abandonada")
				.doesNotContain("??")
				.doesNotContain("{\"code\"");
			for (var sentence : org.vigia.alerts.LanguageGuardTests.englishSentences()) {
				assertThat(text).as(path).doesNotContainIgnoringCase(sentence);
			}
		}
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "es", "ca", "gl", "eu" })
	void theOverviewAndFindingsPagesCarryNoEnglishSentenceInAnotherLanguage(String language) throws Exception {
		long id = findingId("ABANDONED");
		for (var path : java.util.List.of("/", "/findings", "/findings/" + id)) {
			var html = mvc.perform(get(path + "?lang=" + language).with(httpBasic("viewer", "viewer")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("<html lang=\"" + language + "\">")))
				.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
			org.vigia.alerts.LanguageGuardTests.assertNoEnglishAndNoKey(org.jsoup.Jsoup.parse(html).text(),
					path + " in " + language);
		}
	}

	/**
	 * Guard of issue 16: every page of the dashboard, with a resolved finding's history, a failed poll run and a
	 * discovery run that could not examine an organization, in every language but English, carries no English sentence
	 * of the English bundles, no unresolved key and no raw message code.
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "es", "ca", "gl", "eu" })
	void everyPageCarriesNoEnglishSentenceInAnotherLanguage(String language) throws Exception {
		long abandoned = findingId("ABANDONED");
		long account = jdbc.sql("select id from account where handle = 'cultura@social.villaverde.example'")
			.query(Long.class).single();
		jdbc.sql("update account_state set last_activity_at = now() where account_id = :id").param("id", account)
			.update();
		sweep.sweep();
		long pollRun = jdbc.sql("""
				insert into poll_run (status, trigger, total, started_at, finished_at, reason, last_error)
				values ('FAILED', 'SCHEDULED', 3, now() - interval '1 hour', now(), 'WORKERS_STOPPED', :error) returning id
				""").param("error", org.vigia.platform.Message.of("runs.error.worker", "PSQLException: connection refused")
					.encode())
			.query(Long.class).single();
		jdbc.sql("truncate discovery_run restart identity cascade").update();
		// The outbox shows mails as they were written, each in its recipient's language; other tests leave English ones.
		jdbc.sql("truncate notification restart identity cascade").update();
		long discoveryRun = jdbc.sql("""
				insert into discovery_run (status, trigger, total, errors, error, started_at, finished_at)
				values ('COMPLETED_WITH_ERRORS', 'MANUAL', 1, 1, :error, now() - interval '1 hour', now()) returning id
				""").param("error", org.vigia.platform.Message.of("discovery.error.organizationGone", "7").encode())
			.query(Long.class).single();
		var paths = java.util.List.of("/", "/findings", "/findings/" + abandoned, "/accounts", "/accounts/" + account,
				"/accounts/" + account + "/archive", "/registry", "/registry/organizations/" + organization,
				"/registry/units/" + unit, "/runs", "/runs/" + pollRun, "/runs/discovery/" + discoveryRun,
				"/notifications");
		for (var path : paths) {
			var html = mvc.perform(get(path + "?lang=" + language).with(httpBasic("admin", "admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("<html lang=\"" + language + "\">")))
				.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
			org.vigia.alerts.LanguageGuardTests.assertNoEnglishAndNoKey(org.jsoup.Jsoup.parse(html).text(),
					path + " in " + language);
		}
		for (var path : java.util.List.of("/login", "/no-such-page")) {
			var html = mvc.perform(get(path + "?lang=" + language).with(httpBasic("admin", "admin")))
				.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
			org.vigia.alerts.LanguageGuardTests.assertNoEnglishAndNoKey(org.jsoup.Jsoup.parse(html).text(),
					path + " in " + language);
		}
		var history = mvc.perform(get("/findings/" + abandoned + "?lang=es").with(httpBasic("admin", "admin")))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		if (language.equals("es")) {
			assertThat(history).contains("Resuelto").contains("la condición ha desaparecido").contains("Abierto");
			assertThat(mvc.perform(get("/runs/" + pollRun + "?lang=es").with(httpBasic("admin", "admin")))
				.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
				.contains("un proceso de trabajo se detuvo con PSQLException: connection refused");
			// Each person's role is named in the reader's language beside their name.
			assertThat(org.jsoup.Jsoup.parse(history).select(".who .role").eachText()).containsExactly("Administrador");
			assertThat(org.jsoup.Jsoup.parse(mvc.perform(get("/?lang=es").with(httpBasic("viewer", "viewer")))
				.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
				.select(".who .role").eachText()).containsExactly("Lector");
		}
	}

	@Test
	void theLanguageSwitchOffersEveryLanguageInItsOwnName() throws Exception {
		var html = mvc.perform(get("/?lang=gl").with(httpBasic("viewer", "viewer")))
			.andExpect(cookie().value("vigia-lang", "gl"))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		var languages = org.jsoup.Jsoup.parse(html).select("nav.languages a, nav.languages strong");
		assertThat(languages.eachText()).containsExactly("English", "Español", "Català", "Galego", "Euskara");
		assertThat(languages.eachAttr("lang")).containsExactly("en", "es", "ca", "gl", "eu");
		// the current language is said, not linked
		assertThat(languages.select("strong").eachText()).containsExactly("Galego");
		assertThat(languages.select("a").eachAttr("href"))
			.containsExactly("?lang=en", "?lang=es", "?lang=ca", "?lang=eu");
		mvc.perform(get("/accounts").header("Accept-Language", "eu-ES,eu;q=0.9").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("<html lang=\"eu\">")))
			.andExpect(content().string(containsString("Kontuak")));
		mvc.perform(get("/login?lang=ca"))
			.andExpect(content().string(containsString("Inicia la sessió")))
			.andExpect(content().string(containsString("href=\"/login?lang=eu\"")));
	}

	@Test
	void findingsAreTriagedGravestFirstAndEditorsActOnThem() throws Exception {
		long id = findingId("ABANDONED");
		mvc.perform(get("/findings").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("2 findings")))
			.andExpect(content().string(containsString("No public post for 142 days; the limit for accounts is 90")))
			.andExpect(content().string(containsString("href=\"/findings/" + id + "\"")));
		mvc.perform(get("/findings/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Days without a public post")))
			.andExpect(content().string(not(containsString("silentDays"))))
			.andExpect(content().string(containsString("<strong>Opened</strong>")))
			.andExpect(content().string(not(containsString("/dismiss"))));
		mvc.perform(get("/findings/" + id).with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("action=\"/findings/" + id + "/dismiss\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
		// The evidence the sweep wrote, in Spanish: labels and names, no key or code as the rule wrote it.
		var spanish = Jsoup.parse(mvc.perform(get("/findings/" + id + "?lang=es").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()).selectFirst("table.evidence").text();
		assertThat(spanish).contains("Días sin publicar", "142", "Abandonada a partir de (días)", "Límite aplicado")
			.doesNotContain("silentDays", "limitSource", "lastCheckedAt", "DEFAULT", "ACCOUNT", "PLATFORM");
		assertThat(spanish).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");

		mvc.perform(post("/findings/" + id + "/dismiss").param("reason", "Summer break").with(httpBasic("viewer", "viewer"))
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/findings/" + id + "/dismiss").param("reason", "Summer break")
			.with(user("editor").roles("EDITOR"))).andExpect(status().isForbidden());
		mvc.perform(post("/findings/" + id + "/dismiss").param("reason", " ")
			.with(user("editor").roles("EDITOR")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", org.vigia.platform.Message.of("problem.dismiss.reason").encode()));
		mvc.perform(post("/findings/" + id + "/dismiss").param("reason", "Summer break").param("until", "2099-09-01")
			.with(user("editor").roles("EDITOR")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/findings/" + id));
		mvc.perform(get("/findings/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("Dismissed")))
			.andExpect(content().string(containsString("Summer break")))
			.andExpect(content().string(containsString("2099-09-01")));
		mvc.perform(get("/findings").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("1 findings")));
	}

	@Test
	void accountsAreFilteredSortedAndPlatformTextIsEscaped() throws Exception {
		mvc.perform(get("/accounts").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("3 accounts")))
			.andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;")))
			.andExpect(content().string(not(containsString(HOSTILE))))
			.andExpect(content().string(containsString("142 days ago")))
			.andExpect(content().string(containsString("<span class=\"badge ABANDONED\">Abandoned</span>")));
		mvc.perform(get("/accounts?state=ACTIVE").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("1 accounts")))
			.andExpect(content().string(containsString("villaverde.example")))
			.andExpect(content().string(not(containsString("cultura@social"))));
		mvc.perform(get("/accounts?q=deportes&platform=mastodon").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("deportes@social.villaverde.example")))
			.andExpect(content().string(containsString("Never seen")));
		mvc.perform(get("/accounts?state=NONSENSE&sort=nonsense&page=-3").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("3 accounts")));
	}

}
