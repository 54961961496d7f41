package org.vigia.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.eclipse.rdf4j.model.vocabulary.DCAT;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.VCARD4;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.vigia.ApiCalls;
import org.vigia.IntegrationTest;

import tools.jackson.databind.json.JsonMapper;

/**
 * The public directory end to end against PostgreSQL: what a citizen sees when they paste an account, what an
 * organization publishes, what open-data portals harvest, and what a report does; nothing non-public leaks.
 */
@IntegrationTest
@org.springframework.context.annotation.Import(LocalPlatformsOnly.class)
class PublicDirectoryTests {

	static final String SLUG = "ayuntamiento-de-villaverde";

	static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> Villaverde";

	/** Every field a public JSON answer may carry, at any depth. */
	static final Set<String> ALLOWED_FIELDS = Set.of("organization", "accounts", "name", "slug", "network", "handle",
			"url", "displayName", "unit", "purpose", "language", "registeredSince", "status", "account", "since",
			"handleTaken", "officialAccounts");

	/** What is in the registry about the accounts but must never be shown. */
	static final List<String> SECRETS = List.of("secret-contact@villaverde.example", "NOTES-NOT-PUBLIC",
			"prensa@villaverde.example", "Diputación Reservada");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long villaverde;

	long official;

	long released;

	@BeforeEach
	void aTownThatPublishesItsDirectoryAndOneThatDoesNot() {
		jdbc.sql("truncate account, unit, organization, finding, finding_transition, public_report, public_report_salt "
				+ "restart identity cascade").update();
		villaverde = jdbc.sql("""
				insert into organization (name, aliases, official_domains, public_directory, created_at, updated_at)
				values ('Ayuntamiento de Villaverde', '{Ayto. de Villaverde}', '{villaverde.example}', true, now(), now())
				returning id
				""").query(Long.class).single();
		var secret = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Diputación Reservada', now(), now())
				returning id
				""").query(Long.class).single();
		var press = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, 'Prensa', '{prensa@villaverde.example}', now(), now()) returning id
				""").param("org", villaverde).query(Long.class).single();
		official = account(villaverde, press, "MASTODON", "aytovillaverde@mastodon.social",
				"https://mastodon.social/@aytovillaverde", HOSTILE, "ACTIVE");
		account(villaverde, press, "BLUESKY", "villaverde.bsky.social", "https://bsky.app/profile/villaverde.bsky.social",
				"Ayuntamiento de Villaverde", "ACTIVE");
		account(villaverde, null, "TELEGRAM", "villaverde_antiguo", "https://t.me/villaverde_antiguo", "Villaverde",
				"ARCHIVED");
		released = account(villaverde, press, "MASTODON", "cultura_villaverde@mastodon.social",
				"https://mastodon.social/@cultura_villaverde", "Cultura Villaverde", "ACTIVE");
		account(secret, null, "MASTODON", "secreta@mastodon.social", "https://mastodon.social/@secreta", "Reservada",
				"ACTIVE");
		// Discovery's watch found the handle the culture account left behind in someone else's hands.
		jdbc.sql("""
				insert into finding (type, subject_key, account_id, organization_id, platform, severity, status, subject,
				                     summary, evidence, fingerprint, opened_at, updated_at)
				values ('IMPERSONATION', 'lookalike:mastodon:cultura_villaverde@mastodon.social', :account, :org,
				        'mastodon', 'HIGH', 'OPEN', 'cultura_villaverde@mastodon.social on Mastodon', 'Someone else',
				        jsonb_build_object('candidate', jsonb_build_object('handle', 'cultura_villaverde@mastodon.social',
				            'url', 'https://mastodon.social/@cultura_villaverde', 'platformId', '999'),
				          'released', jsonb_build_object('accountId', :account, 'handle', 'cultura_villaverde@mastodon.social',
				            'releasedAt', '2026-11-02T10:00:00Z')),
				        'x', now(), now())
				""").param("account", released).param("org", villaverde).update();
	}

	long account(long organization, Long unit, String platform, String handle, String url, String displayName,
			String status) {
		return jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, display_name, contact_email, purpose,
				                     language, notes, status, created_at, updated_at, archived_at)
				values (:org, :unit, :platform, :handle, :url, :name, 'secret-contact@villaverde.example', 'Noticias',
				        'es', 'NOTES-NOT-PUBLIC', :status, '2025-03-01T09:00:00Z', now(),
				        case when :status = 'ARCHIVED' then '2026-06-30T12:00:00Z'::timestamptz end)
				returning id
				""")
			.param("org", organization)
			.param("unit", unit, java.sql.Types.BIGINT)
			.param("platform", platform)
			.param("handle", handle)
			.param("url", url)
			.param("name", displayName)
			.param("status", status)
			.query(Long.class)
			.single();
	}

	// Verification

	@Test
	void anOfficialAccountPastedInFiveFormsIsOfficialOnTheApiAndThePage() throws Exception {
		for (var pasted : List.of("https://mastodon.social/@aytovillaverde", "@AytoVillaverde@mastodon.social",
				"https://mastodon.social/@AytoVillaverde/with_replies", "https://mastodon.social/users/aytovillaverde",
				"acct:aytovillaverde@mastodon.social")) {
			var body = publicJson(get("/public/api/verify").param("url", pasted), 200);
			assertThat((String) JsonPath.read(body, "$.status")).as(pasted).isEqualTo("OFFICIAL");
			assertThat((String) JsonPath.read(body, "$.account.handle")).isEqualTo("aytovillaverde@mastodon.social");
			assertThat((String) JsonPath.read(body, "$.account.unit")).isEqualTo("Prensa");
			assertThat((String) JsonPath.read(body, "$.organization.slug")).isEqualTo(SLUG);
			assertThat((String) JsonPath.read(body, "$.account.registeredSince")).isEqualTo("2025-03-01T09:00:00Z");
			mvc.perform(get("/public/verify").param("q", pasted).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
				.andExpect(status().isOk())
				.andExpect(pageContent("aytovillaverde@mastodon.social is an official account of Ayuntamiento de Villaverde."));
		}
	}

	@Test
	void aRetiredAccountIsFormerlyOfficialWithTheDateItStopped() throws Exception {
		var body = publicJson(get("/public/api/verify").param("url", "https://t.me/villaverde_antiguo"), 404);
		assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("FORMERLY_OFFICIAL");
		assertThat((String) JsonPath.read(body, "$.since")).isEqualTo("2026-06-30T12:00:00Z");
		mvc.perform(get("/public/verify").param("q", "t.me/villaverde_antiguo").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(pageContent("villaverde_antiguo no longer belongs to Ayuntamiento de Villaverde: do not trust it."))
			.andExpect(pageContent("It stopped being official on Jun 30, 2026."))
			.andExpect(pageContent("title=\"2026-06-30T14:00:00+02:00 (Europe/Madrid)\""));
		mvc.perform(get("/public/verify").param("q", "t.me/villaverde_antiguo").header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
			.andExpect(pageContent("30 jun 2026"));
	}

	@Test
	void aReleasedHandleNowHeldBySomeoneElseIsNoLongerOfficial() throws Exception {
		var body = publicJson(get("/public/api/verify").param("url", "@cultura_villaverde@mastodon.social"), 404);
		assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("FORMERLY_OFFICIAL");
		assertThat((Boolean) JsonPath.read(body, "$.handleTaken")).isTrue();
		assertThat((String) JsonPath.read(body, "$.since")).isEqualTo("2026-11-02T10:00:00Z");
		mvc.perform(get("/public/verify").param("q", "https://mastodon.social/@cultura_villaverde")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
			.andExpect(pageContent("Otra persona usa ahora este nombre."));
	}

	@Test
	void anImpersonatorIsNamedOnlyOnceAnEditorPublishedItsFindingAsConfirmed() throws Exception {
		var finding = jdbc.sql("""
				insert into finding (type, subject_key, organization_id, platform, severity, status, subject, summary,
				                     evidence, fingerprint, opened_at, updated_at)
				values ('IMPERSONATION', 'lookalike:mastodon:aytovillaverde@mastodon.online', :org, 'mastodon', 'HIGH',
				        'OPEN', 's', 'Look-alike', jsonb_build_object('candidate', jsonb_build_object(
				          'handle', 'aytovillaverde@mastodon.online', 'url', 'https://mastodon.online/@aytovillaverde')),
				        'x', now(), now()) returning id
				""").param("org", villaverde).query(Long.class).single();
		var before = publicJson(get("/public/api/verify").param("url", "https://mastodon.online/@aytovillaverde"), 404);
		assertThat((String) JsonPath.read(before, "$.status")).isEqualTo("NOT_FOUND");

		mvc.perform(post("/api/findings/{id}/publish", finding).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isForbidden());
		ApiCalls.editor(mvc, post("/api/findings/{id}/publish", finding));

		var after = publicJson(get("/public/api/verify").param("url", "https://mastodon.online/@aytovillaverde"), 404);
		assertThat((String) JsonPath.read(after, "$.status")).isEqualTo("IMPERSONATOR");
		assertThat((List<?>) JsonPath.read(after, "$.officialAccounts")).hasSize(2);
		mvc.perform(get("/public/verify").param("q", "@aytovillaverde@mastodon.online")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(pageContent("is not Ayuntamiento de Villaverde: it is a confirmed impersonator."));

		ApiCalls.editor(mvc, post("/api/findings/{id}/unpublish", finding));
		var withdrawn = publicJson(get("/public/api/verify").param("url", "https://mastodon.online/@aytovillaverde"), 404);
		assertThat((String) JsonPath.read(withdrawn, "$.status")).isEqualTo("NOT_FOUND");
	}

	@Test
	void onlyAnImpersonationFindingCanBePublished() throws Exception {
		var gone = jdbc.sql("""
				insert into finding (type, subject_key, account_id, organization_id, platform, severity, status, subject,
				                     summary, evidence, fingerprint, opened_at, updated_at)
				values ('GONE', 'account:' || :account, :account, :org, 'mastodon', 'HIGH', 'OPEN', 's', 'gone', '{}', 'x',
				        now(), now()) returning id
				""").param("account", official).param("org", villaverde).query(Long.class).single();
		mvc.perform(post("/api/findings/{id}/publish", gone).with(httpBasic("editor", "editor")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void anUnknownAccountIsNotFoundAndThePageListsTheOrganizationsAccountsOnThatNetwork() throws Exception {
		var body = publicJson(get("/public/api/verify").param("url", "https://mastodon.social/@nadie"), 404);
		assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("NOT_FOUND");
		mvc.perform(get("/public/verify").param("q", "@nadie@mastodon.social").param("organization", SLUG)
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(pageContent("is not in the registry of any organization"))
			.andExpect(pageContent("The official accounts of Ayuntamiento de Villaverde on Mastodon:"))
			.andExpect(pageContent("aytovillaverde@mastodon.social"))
			.andExpect(pageContent("name=\"website\""));
	}

	@Test
	void somethingThatIsNoAccountAnywhereIsABadRequestNamingIt() throws Exception {
		mvc.perform(get("/public/api/verify").param("url", "not an account at all!"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("not an account at all!")));
		// In the caller's language: the title and the detail.
		mvc.perform(get("/public/api/verify").param("url", "not an account at all!").header("Accept-Language", "es"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Petición incorrecta"))
			.andExpect(jsonPath("$.detail").value("'not an account at all!' no es la dirección ni el nombre de una cuenta "
					+ "en ninguna red que conozcamos."));
		mvc.perform(get("/public/api/organizations/nadie/accounts").header("Accept-Language", "ca"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("No trobat"))
			.andExpect(jsonPath("$.detail").value("Cap organització no publica un directori amb aquest nom"));
	}

	@Test
	void anOrganizationThatHasNotOptedInIsNotFoundAndNothingAboutItIsRevealed() throws Exception {
		var slug = jdbc.sql("select slug from organization where name = 'Diputación Reservada'").query(String.class).single();
		var unknownSlug = "no-such-organization";
		for (var path : List.of("/public/" + slug, "/public/" + slug + "/embed")) {
			var hidden = mvc.perform(get(path)).andExpect(status().isNotFound()).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			var missing = mvc.perform(get(path.replace(slug, unknownSlug))).andExpect(status().isNotFound()).andReturn()
				.getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(hidden).isEqualTo(missing).doesNotContain("Reservada");
		}
		var hidden = mvc.perform(get("/public/api/organizations/{slug}/accounts", slug)).andExpect(status().isNotFound())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		var missing = mvc.perform(get("/public/api/organizations/{slug}/accounts", unknownSlug))
			.andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(hidden).isEqualTo(missing);
		var verify = publicJson(get("/public/api/verify").param("url", "https://mastodon.social/@secreta"), 404);
		var unknown = publicJson(get("/public/api/verify").param("url", "https://mastodon.social/@nadiess"), 404);
		assertThat(verify.replace("secreta", "nadiess")).isEqualTo(unknown);
		assertThat(catalog(RDFFormat.TURTLE)).doesNotContain("Reservada", "secreta");
	}

	// The directory, its lists and the embed

	@Test
	void theAccountListIsJsonOrCsvWithEtagsCachingAndOpenCors() throws Exception {
		var response = mvc.perform(get("/public/api/organizations/{slug}/accounts", SLUG)
			.header(HttpHeaders.ORIGIN, "https://elsewhere.example"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("public")))
			.andExpect(header().stringValues(HttpHeaders.VARY, org.hamcrest.Matchers.hasItem(containsString("Accept"))))
			.andReturn()
			.getResponse();
		var body = response.getContentAsString(StandardCharsets.UTF_8);
		assertAllowed(body);
		assertThat((List<String>) JsonPath.read(body, "$.accounts[*].handle")).containsExactly("villaverde.bsky.social",
				"aytovillaverde@mastodon.social", "cultura_villaverde@mastodon.social");
		var etag = response.getHeader(HttpHeaders.ETAG);
		assertThat(etag).isNotBlank();
		mvc.perform(get("/public/api/organizations/{slug}/accounts", SLUG).header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isNotModified());

		var csv = mvc.perform(get("/public/api/organizations/{slug}/accounts", SLUG).accept("text/csv"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, containsString("text/csv")))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv.lines().findFirst().orElseThrow())
			.isEqualTo("organization,network,handle,url,display_name,unit,purpose,language,registered_since");
		assertThat(csv).contains("aytovillaverde@mastodon.social").hasLineCount(4);
		SECRETS.forEach(secret -> assertThat(csv).doesNotContain(secret));
		// Reads are open to every origin; the rest of the application is not.
		mvc.perform(get("/api/organizations").header(HttpHeaders.ORIGIN, "https://elsewhere.example"))
			.andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
	}

	@Test
	void theDirectoryPageListsTheOfficialAccountsByNetworkWithHostileNamesEscaped() throws Exception {
		var page = mvc.perform(get("/public/{slug}", SLUG).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Official accounts of Ayuntamiento de Villaverde", "<h2>Mastodon</h2>",
				"<h2>Bluesky</h2>", "&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert", "<img src=x")
			.doesNotContain("villaverde_antiguo");
		SECRETS.forEach(secret -> assertThat(page).doesNotContain(secret));
	}

	@Test
	void theEmbedCanBeFramedFromAnotherOriginAndRunsNoScript() throws Exception {
		var page = mvc.perform(get("/public/{slug}/embed", SLUG).header("Sec-Fetch-Dest", "iframe")
			.header(HttpHeaders.REFERER, "https://www.villaverde.example/redes"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("X-Frame-Options"))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors *")))
			.andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("script-src"))))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("aytovillaverde@mastodon.social", "&lt;script&gt;")
			.doesNotContain("<script", "<img src=x", "<link");
		assertThat(mvc.perform(get("/public/{slug}/embed", SLUG)).andReturn().getResponse().getCookies()).isEmpty();
	}

	@Test
	void thePagesSpeakTheVisitorsLanguage() throws Exception {
		mvc.perform(get("/public/{slug}", SLUG).header(HttpHeaders.ACCEPT_LANGUAGE, "es-ES,es;q=0.9"))
			.andExpect(pageContent("Cuentas oficiales de Ayuntamiento de Villaverde"))
			.andExpect(pageContent("lang=\"es\""));
		mvc.perform(get("/public/{slug}", SLUG).header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB"))
			.andExpect(pageContent("Official accounts of Ayuntamiento de Villaverde"));
		mvc.perform(get("/public/verify").param("q", "https://mastodon.social/@aytovillaverde")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
			.andExpect(pageContent("aytovillaverde@mastodon.social es una cuenta oficial de Ayuntamiento de Villaverde."));
	}

	/**
	 * Guard of issue 16 over the public pages: the directory, its embed and the verification of an official, a retired
	 * and an unknown account, in every language but English, carry no English sentence, no key and no raw code.
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "es", "ca", "gl", "eu" })
	void thePublicPagesCarryNoEnglishSentenceInAnotherLanguage(String language) throws Exception {
		var pages = List.of(get("/public/{slug}", SLUG), get("/public/{slug}/embed", SLUG),
				get("/public/verify").param("q", "https://mastodon.social/@aytovillaverde"),
				get("/public/verify").param("q", "t.me/villaverde_antiguo"),
				get("/public/verify").param("q", "https://bsky.app/profile/nadie.example"));
		for (var page : pages) {
			var result = mvc.perform(page.header(HttpHeaders.ACCEPT_LANGUAGE, language)).andReturn();
			org.vigia.alerts.LanguageGuardTests.assertNoEnglishAndNoKey(
					org.jsoup.Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).text(),
					result.getRequest().getRequestURI() + "?" + result.getRequest().getQueryString() + " in " + language);
		}
	}

	@Test
	void thePublicAreaNeedsNoLoginAndTheDashboardStillDoes() throws Exception {
		mvc.perform(get("/public/{slug}", SLUG)).andExpect(status().isOk());
		mvc.perform(get("/public/verify")).andExpect(status().isOk());
		mvc.perform(get("/api/organizations")).andExpect(status().isUnauthorized());
		mvc.perform(get("/accounts").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
		mvc.perform(post("/public/{slug}", SLUG)).andExpect(status().isForbidden());
	}

	@Test
	void editorsSwitchThePublicDirectoryOnAndTheSlugStaysAsItWas() throws Exception {
		var secret = jdbc.sql("select id from organization where name = 'Diputación Reservada'").query(Long.class).single();
		mvc.perform(put("/api/organizations/{id}", secret).with(httpBasic("viewer", "viewer"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Diputación Reservada\", \"publicDirectory\": true}"))
			.andExpect(status().isForbidden());
		var body = ApiCalls.editor(mvc, put("/api/organizations/{id}", secret).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Diputación Provincial\", \"publicDirectory\": true, \"slug\": \"other\"}"));
		assertThat((Boolean) JsonPath.read(body, "$.publicDirectory")).isTrue();
		assertThat((String) JsonPath.read(body, "$.slug")).isEqualTo("diputacion-reservada");
		mvc.perform(get("/public/diputacion-reservada")).andExpect(status().isOk());
	}

	@Test
	void anOrganizationNamedLikeAPublicPageGetsASlugOfItsOwn() throws Exception {
		for (var name : List.of("Verify", "Catalog", "Report", "API")) {
			var body = ApiCalls.editor(mvc, post("/api/organizations").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"" + name + "\"}"));
			var slug = (String) JsonPath.read(body, "$.slug");
			assertThat(slug).startsWith(name.toLowerCase() + "-").isNotEqualTo(name.toLowerCase());
		}
	}

	// Open data

	@Test
	void theCatalogueIsDcatApThatParsesBackInTurtleAndJsonLd() throws Exception {
		for (var format : List.of(RDFFormat.TURTLE, RDFFormat.JSONLD)) {
			var model = Rio.parse(new StringReader(catalog(format)), "http://localhost/", format);
			assertThat(model.filter(null, RDF.TYPE, DCAT.CATALOG)).as(format.getName()).hasSize(1);
			var datasets = model.filter(null, RDF.TYPE, DCAT.DATASET).subjects();
			assertThat(datasets).hasSize(1);
			var dataset = datasets.iterator().next();
			for (var property : List.of(DCTERMS.TITLE, DCTERMS.DESCRIPTION, DCTERMS.PUBLISHER, DCAT.CONTACT_POINT,
					DCTERMS.ACCRUAL_PERIODICITY, DCAT.DISTRIBUTION, DCAT.LANDING_PAGE, DCTERMS.MODIFIED)) {
				assertThat(model.filter(dataset, property, null)).as(property.toString()).isNotEmpty();
			}
			var distributions = model.filter(null, RDF.TYPE, DCAT.DISTRIBUTION).subjects();
			assertThat(distributions).hasSize(2);
			for (var distribution : distributions) {
				assertThat(model.filter(distribution, DCAT.ACCESS_URL, null)).isNotEmpty();
				assertThat(model.filter(distribution, DCTERMS.LICENSE, null)).isNotEmpty();
				assertThat(model.filter(distribution, DCAT.MEDIA_TYPE, null)).isNotEmpty();
			}
			assertThat(model.filter(null, RDF.TYPE, VCARD4.KIND)).hasSize(1);
		}
	}

	@Test
	void theCatalogueIsKeptUntilAPublishedRegistryChangesAndAnsweredWithItsEtag() throws Exception {
		var first = mvc.perform(get("/public/catalog").accept("text/turtle"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("max-age")))
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, (String) null))
			.andReturn()
			.getResponse();
		var etag = first.getHeader(HttpHeaders.ETAG);
		assertThat(etag).isNotBlank();
		mvc.perform(get("/public/catalog").accept("text/turtle").header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isNotModified());
		// A new organization publishes its directory: the catalogue changes, and so does its ETag.
		var secret = jdbc.sql("select id from organization where name = 'Diputación Reservada'").query(Long.class).single();
		ApiCalls.editor(mvc, put("/api/organizations/{id}", secret).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Diputación Reservada\", \"publicDirectory\": true}"));
		var second = mvc.perform(get("/public/catalog").accept("text/turtle").header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		assertThat(second.getHeader(HttpHeaders.ETAG)).isNotEqualTo(etag);
		assertThat(second.getContentAsString(StandardCharsets.UTF_8)).contains("diputacion-reservada");
	}

	@Test
	void anAccountListFollowsTheRegistryAndItsCsvHasTheAddressTheCatalogueGives() throws Exception {
		var before = publicJson(get("/public/api/organizations/{slug}/accounts", SLUG), 200);
		assertThat((List<String>) JsonPath.read(before, "$.accounts[*].handle")).contains("cultura_villaverde@mastodon.social");
		mvc.perform(get("/public/{slug}", SLUG)).andExpect(pageContent("cultura_villaverde@mastodon.social"));
		mvc.perform(get("/public/{slug}/embed", SLUG)).andExpect(pageContent("cultura_villaverde@mastodon.social"));
		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now(), updated_at = now() where id = :id")
			.param("id", released)
			.update();
		var after = publicJson(get("/public/api/organizations/{slug}/accounts", SLUG), 200);
		assertThat((List<String>) JsonPath.read(after, "$.accounts[*].handle"))
			.doesNotContain("cultura_villaverde@mastodon.social");
		mvc.perform(get("/public/{slug}", SLUG)).andExpect(pageContent("aytovillaverde@mastodon.social"))
			.andExpect(result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.doesNotContain("cultura_villaverde"));
		mvc.perform(get("/public/{slug}/embed", SLUG))
			.andExpect(result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.doesNotContain("cultura_villaverde"));
		// The catalogue's CSV distribution is this address: CSV without an Accept header.
		mvc.perform(get("/public/api/organizations/{slug}/accounts", SLUG).param("format", "csv"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, containsString("text/csv")));
	}

	@Test
	void anUnknownAccountOnThePageWithoutContextSuggestsTheOrganizationItResembles() throws Exception {
		mvc.perform(get("/public/verify").param("q", "https://mastodon.social/@aytovillaverde_oficial")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(pageContent("aytovillaverde@mastodon.social"));
	}

	@Test
	void theVerifyPagesTableOfOfficialAccountsIsEscapedAndFollowsTheRegistry() throws Exception {
		var before = mvc.perform(get("/public/verify").param("q", "@nadie@mastodon.social").param("organization", SLUG)
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(before).contains("cultura_villaverde@mastodon.social", "&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert", "<img src=x", "villaverde.bsky.social");
		// Kept per version of the directory: the same table for another visitor, a new one once the registry changes.
		mvc.perform(get("/public/verify").param("q", "@otro@mastodon.social").param("organization", SLUG)
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(pageContent("cultura_villaverde@mastodon.social"));
		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now(), updated_at = now() where id = :id")
			.param("id", released)
			.update();
		mvc.perform(get("/public/verify").param("q", "@nadie@mastodon.social").param("organization", SLUG)
			.header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
			.andExpect(pageContent("aytovillaverde@mastodon.social"))
			.andExpect(result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.doesNotContain("cultura_villaverde@mastodon.social"));
		mvc.perform(get("/public/verify").param("q", "@nadie@mastodon.social").param("organization", SLUG)
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(pageContent("The official accounts of Ayuntamiento de Villaverde on Mastodon:"))
			.andExpect(result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
				.doesNotContain("cultura_villaverde@mastodon.social"));
	}

	// Reports: PublicReportsTests, with the platforms played by MockWebServer.

	// Helpers

	static RequestPostProcessor address(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	String publicJson(MockHttpServletRequestBuilder request, int expectedStatus) throws Exception {
		var body = mvc.perform(request)
			.andExpect(status().is(expectedStatus))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("max-age")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertAllowed(body);
		return body;
	}

	String catalog(RDFFormat format) throws Exception {
		return mvc.perform(get("/public/catalog").accept(format.getDefaultMIMEType()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	static org.springframework.test.web.servlet.ResultMatcher pageContent(String text) {
		return result -> assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(text);
	}

	/** Holds a public answer to the allow-list of fields, at every depth, and to the registry's secrets. */
	static void assertAllowed(String json) {
		walk(JsonMapper.builder().build().readValue(json, Object.class), "$");
		SECRETS.forEach(secret -> assertThat(json).doesNotContain(secret));
	}

	@SuppressWarnings("unchecked")
	private static void walk(Object value, String path) {
		if (value instanceof Map<?, ?> map) {
			for (var entry : ((Map<String, Object>) map).entrySet()) {
				assertThat(ALLOWED_FIELDS).as("field %s.%s", path, entry.getKey()).contains(entry.getKey());
				walk(entry.getValue(), path + "." + entry.getKey());
			}
		}
		else if (value instanceof List<?> list) {
			list.forEach(item -> walk(item, path + "[]"));
		}
	}

}
