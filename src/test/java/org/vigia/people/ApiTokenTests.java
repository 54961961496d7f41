package org.vigia.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.vigia.IntegrationTest;

/**
 * API tokens: shown once and kept as a hash, sent as Bearer, limited by their scopes, refused once expired or revoked
 * or when their owner is disabled, their last use recorded; a service user's made by an administrator.
 */
@IntegrationTest
class ApiTokenTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	People people;

	@Test
	void aTokenIsShownOnceKeptAsAHashAndSignsInScriptsWithTheScopesItWasGiven() throws Exception {
		var exportName = "nightly export " + UUID.randomUUID();
		var read = create("editor", "editor", exportName, "[\"read\"]");
		var write = create("editor", "editor", "registry sync", "[\"read\", \"write\"]");
		assertThat(read.secret()).startsWith("vga_").hasSizeGreaterThan(40);
		assertThat(jdbc.sql("select count(*) from api_token where hash = sha256(convert_to(:secret, 'UTF8'))")
			.param("secret", read.secret()).query(Integer.class).single()).isEqualTo(1);
		var listed = mvc.perform(get("/api/tokens").with(httpBasic("editor", "editor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.name == '" + exportName + "')].scopes[0]").value("read"))
			.andReturn().getResponse().getContentAsString();
		assertThat(listed).doesNotContain(read.secret()).doesNotContain("\"token\"");

		mvc.perform(bearer(get("/api/organizations"), read.secret())).andExpect(status().isOk());
		mvc.perform(bearer(organization(), read.secret())).andExpect(status().isForbidden());
		mvc.perform(bearer(organization(), write.secret())).andExpect(status().isCreated());
		// A token acts with no more than its owner's roles, and a reading one cannot make a writing one.
		mvc.perform(bearer(get("/api/users"), write.secret())).andExpect(status().isForbidden());
		mvc.perform(bearer(post("/api/tokens").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"escalate\", \"scopes\": [\"write\"]}"), read.secret())).andExpect(status().isForbidden());
		// Basic keeps working.
		mvc.perform(get("/api/organizations").with(httpBasic("editor", "editor"))).andExpect(status().isOk());
	}

	@Test
	void anUnknownExpiredOrRevokedTokenOrADisabledOwnersIsRefused() throws Exception {
		mvc.perform(bearer(get("/api/organizations"), "vga_" + "x".repeat(43))).andExpect(status().isUnauthorized());
		mvc.perform(bearer(get("/api/organizations"), "not-a-token")).andExpect(status().isUnauthorized());

		var expiring = create("viewer", "viewer", "expiring", "[\"read\"]");
		mvc.perform(bearer(get("/api/organizations"), expiring.secret())).andExpect(status().isOk());
		jdbc.sql("update api_token set expires_at = now() - interval '1 second' where id = :id")
			.param("id", expiring.id()).update();
		mvc.perform(bearer(get("/api/organizations"), expiring.secret())).andExpect(status().isUnauthorized());

		var revoked = create("viewer", "viewer", "revoked", "[\"read\"]");
		mvc.perform(bearer(get("/api/organizations"), revoked.secret())).andExpect(status().isOk());
		mvc.perform(delete("/api/tokens/{id}", revoked.id()).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNoContent());
		mvc.perform(bearer(get("/api/organizations"), revoked.secret())).andExpect(status().isUnauthorized());

		var name = "script-" + UUID.randomUUID().toString().substring(0, 8);
		var person = people.create(new People.NewPerson(name, null, null, "a long enough password", false,
				java.util.List.of(Grant.global(Role.VIEWER))));
		var owned = create(name, "a long enough password", "owner disabled", "[\"read\"]");
		mvc.perform(bearer(get("/api/organizations"), owned.secret())).andExpect(status().isOk());
		people.disable(person.id());
		mvc.perform(bearer(get("/api/organizations"), owned.secret())).andExpect(status().isUnauthorized());
	}

	@Test
	void theLastUseIsRecorded() throws Exception {
		var token = create("viewer", "viewer", "last use", "[\"read\"]");
		assertThat(lastUsed(token.id())).isNull();
		mvc.perform(bearer(get("/api/organizations"), token.secret())).andExpect(status().isOk());
		assertThat(lastUsed(token.id())).isNotNull();
		mvc.perform(get("/api/tokens").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$[?(@.id == " + token.id() + ")].lastUsedAt").isNotEmpty());
	}

	@Test
	void anAdministratorMakesTokensForAServiceUserAndNobodyTouchesAnothersTokens() throws Exception {
		var name = "service-" + UUID.randomUUID().toString().substring(0, 8);
		var service = people.create(new People.NewPerson(name, null, null, null, true,
				java.util.List.of(Grant.global(Role.EDITOR))));
		var created = mvc.perform(post("/api/tokens").with(httpBasic("admin", "admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"sync\", \"scopes\": [\"read\", \"write\"], \"userId\": " + service.id() + "}"))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		String secret = JsonPath.read(created, "$.token");
		mvc.perform(bearer(organization(), secret)).andExpect(status().isCreated());
		// A service user has no password to sign in with.
		assertThat(jdbc.sql("select password_hash from users where id = :id").param("id", service.id())
			.query(String.class).optional()).isEmpty();

		var editors = create("editor", "editor", "mine", "[\"read\"]");
		mvc.perform(delete("/api/tokens/{id}", editors.id()).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/tokens").param("userId", Long.toString(service.id())).with(httpBasic("editor", "editor")))
			.andExpect(status().isNotFound());
		mvc.perform(bearer(get("/api/organizations"), editors.secret())).andExpect(status().isOk());
	}

	private record Made(long id, String secret) {
	}

	private Made create(String username, String password, String name, String scopes) throws Exception {
		var body = mvc.perform(post("/api/tokens").with(httpBasic(username, password))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\", \"scopes\": " + scopes + "}"))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		return new Made(((Number) JsonPath.read(body, "$.id")).longValue(), JsonPath.read(body, "$.token"));
	}

	private java.time.@org.jspecify.annotations.Nullable OffsetDateTime lastUsed(long id) {
		return jdbc.sql("select last_used_at from api_token where id = :id").param("id", id)
			.query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class))).single().orElse(null);
	}

	private static MockHttpServletRequestBuilder organization() {
		return post("/api/organizations").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Token org " + UUID.randomUUID() + "\"}");
	}

	private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String secret) {
		return request.header("Authorization", "Bearer " + secret);
	}

}
