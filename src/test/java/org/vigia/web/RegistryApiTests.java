package org.vigia.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.vigia.IntegrationTest;

import com.jayway.jsonpath.JsonPath;

@IntegrationTest
class RegistryApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void emptyRegistry() {
		jdbc.sql("truncate account, unit, organization restart identity cascade").update();
	}

	static MockHttpServletRequestBuilder asEditor(MockHttpServletRequestBuilder request) {
		return request.with(httpBasic("editor", "editor"));
	}

	long createOrganization(String json) throws Exception {
		var body = mvc.perform(asEditor(post("/api/organizations")).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	long createAccount(String json) throws Exception {
		var body = mvc.perform(asEditor(post("/api/accounts")).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	@Test
	void createsAnOrganizationWithNormalisedDomainsAndListsItInSpringDataPageShape() throws Exception {
		mvc.perform(asEditor(post("/api/organizations")).contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "Ayuntamiento de Villaverde", "aliases": ["Ayto. Villaverde"],
				 "officialDomains": ["https://www.Villaverde.example.es/", "villaverde.example.es"]}
				"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/organizations/")))
			.andExpect(jsonPath("$.officialDomains", hasSize(2)))
			.andExpect(jsonPath("$.officialDomains[0]").value("www.villaverde.example.es"));

		mvc.perform(get("/api/organizations").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].name").value("Ayuntamiento de Villaverde"))
			.andExpect(jsonPath("$.content[0].aliases[0]").value("Ayto. Villaverde"))
			.andExpect(jsonPath("$.page.size").value(50))
			.andExpect(jsonPath("$.page.number").value(0))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.page.totalPages").value(1));
	}

	@Test
	void refusesASecondOrganizationOfTheSameNameNamingTheFirst() throws Exception {
		long id = createOrganization("{\"name\": \"Diputación de Ejemplo\"}");
		mvc.perform(asEditor(post("/api/organizations")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"diputación de ejemplo \"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("organization " + id)))
			.andExpect(jsonPath("$.existingId").value(id));
	}

	@Test
	void refusesAnOrganizationWithABadDomainSayingWhichOne() throws Exception {
		mvc.perform(asEditor(post("/api/organizations")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"X\", \"officialDomains\": [\"not a domain\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("officialDomains"))
			.andExpect(jsonPath("$.errors[0].message", containsString("'not a domain'")));
		mvc.perform(asEditor(post("/api/organizations")).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void createsAUnitWithContactsAndListsItPerOrganization() throws Exception {
		long organization = createOrganization("{\"name\": \"Ayuntamiento de Villaverde\"}");
		mvc.perform(asEditor(post("/api/units")).contentType(MediaType.APPLICATION_JSON).content("""
				{"organizationId": %d, "name": "Cultura", "contactEmails": ["cultura@Villaverde.example.es"]}
				""".formatted(organization)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.organization").value("Ayuntamiento de Villaverde"))
			.andExpect(jsonPath("$.contactEmails[0]").value("cultura@villaverde.example.es"));
		mvc.perform(asEditor(post("/api/units")).contentType(MediaType.APPLICATION_JSON).content("""
				{"organization": "Ayuntamiento de Villaverde", "name": "Turismo", "contactEmails": ["nope"]}
				"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contactEmails"))
			.andExpect(jsonPath("$.errors[0].message", containsString("'nope' is not an e-mail address")));
		mvc.perform(get("/api/units").param("organizationId", String.valueOf(organization))
			.with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content", hasSize(1)))
			.andExpect(jsonPath("$.content[0].name").value("Cultura"));
	}

	@Test
	void registersAnAccountFromItsUrlAndDerivesTheCanonicalHandle() throws Exception {
		createOrganization("{\"name\": \"Ayuntamiento de Villaverde\"}");
		mvc.perform(asEditor(post("/api/accounts")).contentType(MediaType.APPLICATION_JSON).content("""
				{"organization": "Ayuntamiento de Villaverde", "platform": "mastodon",
				 "url": "https://Mastodon.Social/@CulturaVillaverde/", "contactEmail": "prensa@villaverde.example.es",
				 "language": "es", "maxSilenceDays": 60}
				"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.platform").value("mastodon"))
			.andExpect(jsonPath("$.handle").value("culturavillaverde@mastodon.social"))
			.andExpect(jsonPath("$.url").value("https://mastodon.social/@culturavillaverde"))
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.maxSilenceDays").value(60))
			.andExpect(jsonPath("$.health.state").value("UNKNOWN"))
			.andExpect(jsonPath("$.health.lastCheckedAt").doesNotExist());
	}

	@Test
	void refusesTheSameAccountRegisteredTwiceUnderAnotherSpellingNamingTheExistingEntry() throws Exception {
		long organization = createOrganization("{\"name\": \"Ayuntamiento de Villaverde\"}");
		long id = createAccount("""
				{"organizationId": %d, "platform": "x", "handle": "@VillaverdeAyto"}
				""".formatted(organization));
		mvc.perform(asEditor(post("/api/accounts")).contentType(MediaType.APPLICATION_JSON).content("""
				{"organizationId": %d, "platform": "x", "url": "https://twitter.com/villaverdeayto?lang=es&utm_source=x"}
				""".formatted(organization)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail",
					containsString("The X account villaverdeayto is already registered as account " + id)))
			.andExpect(jsonPath("$.detail", containsString("Ayuntamiento de Villaverde")))
			.andExpect(jsonPath("$.existingId").value(id));
	}

	@Test
	void reportsEveryInvalidFieldOfAnAccountAtOnce() throws Exception {
		createOrganization("{\"name\": \"Ayuntamiento de Villaverde\"}");
		mvc.perform(asEditor(post("/api/accounts")).contentType(MediaType.APPLICATION_JSON).content("""
				{"organization": "Ayuntamiento de Villaverde", "platform": "bluesky", "handle": "not a handle",
				 "contactEmail": "prensa@", "language": "spanish!", "maxSilenceDays": 0}
				"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors", hasSize(4)))
			.andExpect(jsonPath("$.errors[?(@.field == 'handle')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'contactEmail')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'language')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'maxSilenceDays')]").exists());
		mvc.perform(get("/api/accounts").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.page.totalElements").value(0));
	}

	@Test
	void refusesAnAccountOfAnOrganizationThatDoesNotExist() throws Exception {
		mvc.perform(asEditor(post("/api/accounts")).contentType(MediaType.APPLICATION_JSON).content("""
				{"organization": "Nowhere", "platform": "telegram", "handle": "nowhere_news"}
				"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("organization"))
			.andExpect(jsonPath("$.errors[0].message", containsString("'Nowhere'")));
	}

	@Test
	void deleteArchivesTheAccountKeepsItAndPutWithActiveRestoresIt() throws Exception {
		long organization = createOrganization("{\"name\": \"Ayuntamiento de Villaverde\"}");
		long id = createAccount("""
				{"organizationId": %d, "platform": "telegram", "url": "https://t.me/s/VillaverdeInforma"}
				""".formatted(organization));
		mvc.perform(asEditor(delete("/api/accounts/" + id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ARCHIVED"))
			.andExpect(jsonPath("$.archivedAt").exists());
		mvc.perform(get("/api/accounts/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ARCHIVED"));
		mvc.perform(get("/api/accounts").param("status", "ACTIVE").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.page.totalElements").value(0));
		mvc.perform(asEditor(post("/api/accounts")).contentType(MediaType.APPLICATION_JSON).content("""
				{"organizationId": %d, "platform": "telegram", "handle": "@villaverdeinforma"}
				""".formatted(organization)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("archived")));
		mvc.perform(asEditor(put("/api/accounts/" + id)).contentType(MediaType.APPLICATION_JSON).content("""
				{"organizationId": %d, "platform": "telegram", "handle": "villaverdeinforma", "status": "ACTIVE",
				 "displayName": "Villaverde Informa"}
				""".formatted(organization)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.archivedAt").doesNotExist())
			.andExpect(jsonPath("$.displayName").value("Villaverde Informa"));
	}

	@Test
	void putRefusesToMoveAnAccountToAnotherPlatform() throws Exception {
		long organization = createOrganization("{\"name\": \"Ayuntamiento de Villaverde\"}");
		long id = createAccount("""
				{"organizationId": %d, "platform": "instagram", "handle": "villaverde"}
				""".formatted(organization));
		mvc.perform(asEditor(put("/api/accounts/" + id)).contentType(MediaType.APPLICATION_JSON).content("""
				{"organizationId": %d, "platform": "threads", "handle": "villaverde"}
				""".formatted(organization)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("platform"));
	}

	@Test
	void filtersAccountsByPlatformAndTextAndPagesOnTheServer() throws Exception {
		long organization = createOrganization("{\"name\": \"Ayuntamiento de Villaverde\"}");
		createAccount("{\"organizationId\": %d, \"platform\": \"x\", \"handle\": \"villa_cultura\"}".formatted(organization));
		createAccount("{\"organizationId\": %d, \"platform\": \"x\", \"handle\": \"villa_deportes\"}".formatted(organization));
		createAccount("{\"organizationId\": %d, \"platform\": \"instagram\", \"handle\": \"villa_cultura\"}".formatted(organization));
		mvc.perform(get("/api/accounts").param("platform", "x").param("q", "CULTURA")
			.with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].handle").value("villa_cultura"))
			.andExpect(jsonPath("$.content[0].platform").value("x"));
		mvc.perform(get("/api/accounts").param("size", "2").param("page", "1").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.content", hasSize(1)))
			.andExpect(jsonPath("$.page.totalElements").value(3))
			.andExpect(jsonPath("$.page.totalPages").value(2));
		mvc.perform(get("/api/accounts").param("platform", "myspace").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("myspace")));
	}

	@Test
	void answersNotFoundAsAProblem() throws Exception {
		mvc.perform(get("/api/accounts/999999").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("There is no account with id 999999"));
	}

}
