package org.vigia.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;

/** People kept in PostgreSQL: the configuration's users at start-up, and an administrator's CRUD through the API. */
@IntegrationTest
class PeopleApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	People people;

	@Test
	void theConfigurationsUsersAreKeptAtStartUpWithTheirRoleOnAllOrganizations() throws Exception {
		var admin = people.find("ADMIN").orElseThrow();
		assertThat(admin.source()).isEqualTo(Source.ENV);
		assertThat(admin.grants()).containsExactly(Grant.global(Role.ADMIN));
		assertThat(people.find("editor").orElseThrow().grants()).containsExactly(Grant.global(Role.EDITOR));
		assertThat(people.find("viewer").orElseThrow().grants()).containsExactly(Grant.global(Role.VIEWER));
		// Their passwords stay in the configuration, as before.
		assertThat(jdbc.sql("select count(*) from users where source = 'ENV' and password_hash is not null")
			.query(Integer.class).single()).isZero();
		mvc.perform(get("/api/users").with(httpBasic("admin", "admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.username == 'editor')].source").value("ENV"));
	}

	@Test
	void anAdministratorCreatesChangesAndDisablesAPersonWhoSignsInWithTheirPassword() throws Exception {
		var name = "marta-" + UUID.randomUUID().toString().substring(0, 8);
		var created = mvc.perform(post("/api/users").with(httpBasic("admin", "admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username": "%s", "displayName": "Marta", "email": "marta@villaverde.example",
					 "password": "a long enough password", "grants": [{"role": "EDITOR", "organizationId": null}]}
					""".formatted(name)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.source").value("LOCAL"))
			.andExpect(jsonPath("$.enabled").value(true))
			.andExpect(jsonPath("$.grants[0].role").value("EDITOR"))
			.andExpect(jsonPath("$.password").doesNotExist())
			.andReturn()
			.getResponse()
			.getContentAsString();
		int id = JsonPath.read(created, "$.id");
		assertThat(jdbc.sql("select password_hash from users where id = :id").param("id", id).query(String.class)
			.single()).startsWith("{bcrypt}");
		mvc.perform(get("/api/organizations").with(httpBasic(name, "a long enough password"))).andExpect(status().isOk());

		mvc.perform(put("/api/users/{id}", id).with(httpBasic("admin", "admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"displayName": "Marta G.", "grants": [{"role": "VIEWER", "organizationId": 7}],
					 "password": "another long password"}
					"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("Marta G."))
			.andExpect(jsonPath("$.grants[0].organizationId").value(7));
		mvc.perform(get("/api/organizations").with(httpBasic(name, "a long enough password")))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/api/organizations").with(httpBasic(name, "another long password")))
			.andExpect(status().isOk());

		mvc.perform(delete("/api/users/{id}", id).with(httpBasic("admin", "admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		mvc.perform(get("/api/organizations").with(httpBasic(name, "another long password")))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/api/users/{id}", id).with(httpBasic("admin", "admin"))).andExpect(status().isOk());
	}

	@Test
	void passwordsShorterThanTwelveCharactersAndTakenNamesAreRefused() throws Exception {
		mvc.perform(post("/api/users").with(httpBasic("admin", "admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username": "shorty", "password": "elevenchars"}
					"""))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/users").with(httpBasic("admin", "admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username": "Editor", "password": "a long enough password"}
					"""))
			.andExpect(status().isConflict());
	}

	@Test
	void theConfigurationsUsersAreManagedThereAndOnlyAdministratorsManagePeople() throws Exception {
		var editor = people.find("editor").orElseThrow();
		mvc.perform(delete("/api/users/{id}", editor.id()).with(httpBasic("admin", "admin")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/users").with(httpBasic("editor", "editor"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/users").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\": \"x\", \"password\": \"a long enough password\"}"))
			.andExpect(status().isForbidden());
	}

	@Test
	void theAdministrationPageListsPeopleAndTheHeaderSaysWhoIsSignedInAndHow() throws Exception {
		var page = mvc.perform(get("/admin/users").with(httpBasic("admin", "admin")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("editor").contains("admin (password)");
		mvc.perform(get("/admin/users").with(httpBasic("editor", "editor"))).andExpect(status().isForbidden());
		mvc.perform(get("/profile").with(httpBasic("viewer", "viewer"))).andExpect(status().isOk());
	}

}
