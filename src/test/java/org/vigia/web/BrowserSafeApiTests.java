package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.vigia.IntegrationTest;
import org.vigia.health.HealthSweep;

/**
 * A browser that once answered the API's Basic prompt sends those credentials by itself, also to requests another site
 * makes it send: such forged requests must change nothing, while scripts keep calling the API with Basic as before.
 */
@IntegrationTest
class BrowserSafeApiTests {

	static final String CSV = "organization,platform,handle\nForged Town,telegram,forged_channel\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HealthSweep sweep;

	long finding;

	@BeforeEach
	void anOpenFinding() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
		var organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, 'TELEGRAM', 'villaverde_empleo', 'https://t.me/villaverde_empleo', now(), now())
				""").param("org", organization).update();
		sweep.sweep();
		finding = jdbc.sql("select id from finding where type = 'UNOWNED'").query(Long.class).single();
	}

	static RequestPostProcessor cachedBasic() {
		return httpBasic("editor", "editor");
	}

	static RequestPostProcessor fromOrigin(String origin) {
		return request -> {
			request.addHeader("Origin", origin);
			return request;
		};
	}

	static RequestPostProcessor fetchSite(String site) {
		return request -> {
			request.addHeader("Sec-Fetch-Site", site);
			return request;
		};
	}

	long organizations(String name) {
		return jdbc.sql("select count(*) from organization where name = :name").param("name", name)
			.query(Long.class)
			.single();
	}

	String findingStatus() {
		return jdbc.sql("select status from finding where id = :id").param("id", finding).query(String.class).single();
	}

	@Test
	void aForgedImportFromAnotherSiteIsRefusedWhateverItsBody() throws Exception {
		mvc.perform(post("/api/registry/import").with(cachedBasic())
			.with(fromOrigin("https://attacker.example"))
			.contentType(MediaType.TEXT_PLAIN)
			.content(CSV))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("another site")));
		mvc.perform(post("/api/registry/import").with(cachedBasic())
			.with(fetchSite("cross-site"))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("organization,platform,handle%0AForged Town,telegram,forged_channel="))
			.andExpect(status().isForbidden());
		mvc.perform(multipart("/api/registry/import")
			.file(new MockMultipartFile("file", "registry.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8)))
			.with(cachedBasic())
			.with(fromOrigin("https://attacker.example"))
			.with(fetchSite("cross-site")))
			.andExpect(status().isForbidden());
		assertThat(organizations("Forged Town")).isZero();
	}

	@Test
	void aSiteOnTheSameRegistrableDomainIsAnotherSiteToo() throws Exception {
		mvc.perform(post("/api/registry/import").with(cachedBasic())
			.with(fromOrigin("https://blog.localhost"))
			.with(fetchSite("same-site"))
			.contentType("text/csv")
			.content(CSV))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/registry/import").with(cachedBasic())
			.with(fromOrigin("http://localhost:8081"))
			.contentType("text/csv")
			.content(CSV))
			.andExpect(status().isForbidden());
		assertThat(organizations("Forged Town")).isZero();
	}

	@Test
	void aForgedAcknowledgeOrRunFromAnotherSiteIsRefused() throws Exception {
		mvc.perform(post("/api/findings/{id}/acknowledge", finding).with(cachedBasic())
			.with(fromOrigin("https://attacker.example"))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("reason=forged"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/findings/{id}/acknowledge", finding).with(cachedBasic())
			.with(fetchSite("cross-site"))
			.contentType(MediaType.TEXT_PLAIN)
			.content("{}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/poll-runs").with(cachedBasic()).with(fromOrigin("null")))
			.andExpect(status().isForbidden());
		assertThat(findingStatus()).isEqualTo("OPEN");
		assertThat(jdbc.sql("select count(*) from poll_run").query(Long.class).single()).isZero();
	}

	@Test
	void theImportTakesOnlyCsvOrAnUploadAndAnswers415ToOtherBodies() throws Exception {
		mvc.perform(post("/api/registry/import").with(cachedBasic()).contentType(MediaType.TEXT_PLAIN).content(CSV))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(post("/api/registry/import").with(cachedBasic())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("a=b"))
			.andExpect(status().isUnsupportedMediaType());
		mvc.perform(post("/api/registry/import").with(cachedBasic())
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.content(CSV))
			.andExpect(status().isUnsupportedMediaType());
		assertThat(organizations("Forged Town")).isZero();
	}

	@Test
	void scriptsWithBasicAndNoOriginImportCsvAndUploadsAndActAsBefore() throws Exception {
		mvc.perform(post("/api/registry/import").with(cachedBasic()).contentType("text/csv").content(CSV))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(1));
		mvc.perform(multipart("/api/registry/import").file(new MockMultipartFile("file", "registry.csv", "text/csv",
				"organization,platform,handle\nUpload Town,telegram,upload_channel\n".getBytes(StandardCharsets.UTF_8)))
			.with(cachedBasic()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(1));
		mvc.perform(post("/api/findings/{id}/acknowledge", finding).with(cachedBasic()))
			.andExpect(status().isOk());
		assertThat(findingStatus()).isEqualTo("ACKNOWLEDGED");
		assertThat(organizations("Forged Town")).isOne();
	}

	@Test
	void theSameOriginMayWriteThroughTheApi() throws Exception {
		mvc.perform(post("/api/registry/import").with(cachedBasic())
			.with(fromOrigin("http://localhost"))
			.with(fetchSite("same-origin"))
			.contentType("text/csv")
			.content(CSV))
			.andExpect(status().isOk());
		mvc.perform(post("/api/findings/{id}/acknowledge", finding).with(cachedBasic())
			.with(fromOrigin("http://localhost")))
			.andExpect(status().isOk());
	}

	@Test
	void aSessionCookieNeedsTheCsrfTokenEvenWithBasicCredentials() throws Exception {
		var session = new MockHttpSession();
		RequestPostProcessor cookie = request -> {
			request.setRequestedSessionId(session.getId());
			return request;
		};
		mvc.perform(post("/api/findings/{id}/acknowledge", finding).with(cachedBasic()).session(session).with(cookie))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value(containsString("CSRF")));
		assertThat(findingStatus()).isEqualTo("OPEN");
		mvc.perform(multipart("/api/registry/import")
			.file(new MockMultipartFile("file", "registry.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8)))
			.with(cachedBasic())
			.session(session)
			.with(cookie))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value(containsString("CSRF")));
		assertThat(organizations("Forged Town")).isZero();
		mvc.perform(post("/api/findings/{id}/acknowledge", finding).with(cachedBasic())
			.session(session)
			.with(cookie)
			.with(csrf()))
			.andExpect(status().isOk());
	}

	@Test
	void aBrowserNavigatingToTheApiIsSentToTheLoginPageWithoutABasicPrompt() throws Exception {
		mvc.perform(get("/api/registry/export").header("Sec-Fetch-Mode", "navigate"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"))
			.andExpect(header().doesNotExist("WWW-Authenticate"));
		mvc.perform(get("/api/registry/export")
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
			.andExpect(status().isFound())
			.andExpect(header().doesNotExist("WWW-Authenticate"));
		// Wrong credentials a browser still holds do not bring the prompt back either.
		mvc.perform(get("/api/registry/export").with(httpBasic("editor", "stale-password-of-editor"))
			.header("Sec-Fetch-Mode", "navigate")
			.with(request -> {
				request.setRemoteAddr("198.51.100.41");
				return request;
			}))
			.andExpect(status().isFound())
			.andExpect(header().doesNotExist("WWW-Authenticate"));
	}

	@Test
	void scriptsStillGetA401ProblemWithTheBasicChallenge() throws Exception {
		mvc.perform(get("/api/registry/export").header("Accept", "*/*"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Basic")))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/api/findings").header("Accept", "application/json"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Basic")));
	}

	@Test
	void afterLoggingInThePersonIsSentBackToTheExport() throws Exception {
		var navigation = mvc.perform(get("/api/registry/export").header("Sec-Fetch-Mode", "navigate"))
			.andExpect(status().isFound())
			.andReturn();
		var session = (MockHttpSession) navigation.getRequest().getSession();
		mvc.perform(post("/login").session(session)
			.with(csrf())
			.param("username", "viewer")
			.param("password", "viewer"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrlPattern("**/api/registry/export?continue"));
	}

	@Test
	void theDashboardsOwnFormsFromTheSameOriginStillWork() throws Exception {
		mvc.perform(post("/findings/{id}/acknowledge", finding).with(cachedBasic())
			.with(csrf())
			.with(fromOrigin("http://localhost"))
			.with(fetchSite("same-origin")))
			.andExpect(status().is3xxRedirection());
		assertThat(findingStatus()).isEqualTo("ACKNOWLEDGED");
	}

	@Test
	void theDashboardsFormsRefuseAnotherSiteEvenWithAValidToken() throws Exception {
		mvc.perform(post("/findings/{id}/acknowledge", finding).with(cachedBasic())
			.with(csrf())
			.with(fetchSite("cross-site")))
			.andExpect(status().isForbidden());
		assertThat(findingStatus()).isEqualTo("OPEN");
	}

}
