package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.people.Grant;
import org.vigia.people.People;
import org.vigia.people.Role;
import org.vigia.people.Source;

/**
 * Single sign-on end to end against an OpenID provider in the test's process (Spring Authorization Server): the
 * browser's trip to the provider and back, the code exchange and the ID token's check are the real ones.
 */
@IntegrationTest
@TestPropertySource(properties = "vigia.security.sso.grants=vigia-editors=EDITOR, vigia-admins=ADMIN, sso-town=VIEWER:sso-town")
class SingleSignOnTests {

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.registration.sso.client-id", () -> OpenIdProvider.CLIENT_ID);
		registry.add("spring.security.oauth2.client.registration.sso.client-secret", () -> OpenIdProvider.CLIENT_SECRET);
		registry.add("spring.security.oauth2.client.registration.sso.client-name", () -> "Test provider");
		registry.add("spring.security.oauth2.client.registration.sso.scope", () -> "openid");
		registry.add("spring.security.oauth2.client.provider.sso.issuer-uri", OpenIdProvider::issuer);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	People people;

	@BeforeEach
	void forgetThePerson() {
		jdbc.sql("delete from users where sso_subject = :subject").param("subject", OpenIdProvider.USERNAME).update();
	}

	@Test
	void theFirstSignInCreatesThePersonWithTheGrantsItsGroupsMapToAndAChangedGroupChangesThemAtTheNext() throws Exception {
		var started = Instant.now().minusSeconds(1);
		long town = town();
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sign in with Test provider")))
			.andExpect(content().string(containsString("/oauth2/authorization/sso")));

		OpenIdProvider.GROUPS.set(List.of("vigia-editors", "sso-town", "unmapped"));
		var session = signIn();
		var person = people.find("ana.garcia").orElseThrow();
		assertThat(person.source()).isEqualTo(Source.SSO);
		assertThat(person.displayName()).isEqualTo("Ana García");
		assertThat(person.email()).isEqualTo("ana.garcia@example.org");
		assertThat(person.hasPassword()).isFalse();
		assertThat(person.grants()).containsExactlyInAnyOrder(Grant.global(Role.EDITOR), new Grant(Role.VIEWER, town));
		// The header says who is signed in and through what; the session has the mapped roles.
		mvc.perform(get("/").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("ana.garcia (single sign-on, Test provider)")));
		mvc.perform(get("/admin/users").session(session)).andExpect(status().isForbidden());

		OpenIdProvider.GROUPS.set(List.of("vigia-admins"));
		var again = signIn();
		assertThat(people.find("ana.garcia").orElseThrow().grants()).containsExactly(Grant.global(Role.ADMIN));
		assertThat(people.list().stream().filter(p -> p.username().equals("ana.garcia"))).hasSize(1);
		mvc.perform(get("/admin/users").session(again)).andExpect(status().isOk());

		var trail = mvc.perform(get("/api/audit").param("actor", "ana.garcia").param("from", started.toString())
			.with(httpBasic("admin", "admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> actions = JsonPath.read(trail, "$[*].action");
		assertThat(actions).containsSubsequence("signin.succeeded", "grants.changed", "signin.succeeded",
				"grants.changed", "user.created");
		List<Map<String, Object>> changed = JsonPath.read(trail, "$[?(@.action == 'grants.changed')]");
		assertThat(JsonPath.<List<Object>>read(changed.getFirst(), "$.after.grants[*].role")).containsExactly("ADMIN");
		assertThat(JsonPath.<List<Object>>read(changed.getFirst(), "$.before.grants[*].role"))
			.containsExactlyInAnyOrder("EDITOR", "VIEWER");
		assertThat(JsonPath.<String>read(trail, "$[0].after.through")).isEqualTo("sso");
	}

	@Test
	void aDisabledPersonIsRefusedAtTheProvidersReturnAndTheRefusalIsAudited() throws Exception {
		OpenIdProvider.GROUPS.set(List.of("vigia-editors"));
		signIn();
		var person = people.find("ana.garcia").orElseThrow();
		people.update(person.id(), new People.Changes(null, null, false, null));
		var started = Instant.now().minusSeconds(1);

		var session = new MockHttpSession();
		var back = OpenIdProvider.signIn(authorization(session));
		mvc.perform(get(back).session(session)).andExpect(redirectedUrl("/login?ssoError"));
		mvc.perform(get("/api/organizations").session(session)).andExpect(status().isUnauthorized());
		var refused = jdbc.sql("select count(*) from audit_event where action = 'signin.refused' and at >= :from "
				+ "and after ->> 'through' = 'sso'")
			.param("from", java.sql.Timestamp.from(started))
			.query(Long.class)
			.single();
		assertThat(refused).isEqualTo(1);
	}

	/** Goes to the provider and back; answers the signed-in session. */
	private MockHttpSession signIn() throws Exception {
		var session = new MockHttpSession();
		var back = OpenIdProvider.signIn(authorization(session));
		assertThat(back.toString()).startsWith(OpenIdProvider.REDIRECT_URI + "?code=");
		mvc.perform(get(back).session(session)).andExpect(status().isFound()).andExpect(redirectedUrl("/"));
		return session;
	}

	/** The provider's address Vigía sends the browser to. */
	private String authorization(MockHttpSession session) throws Exception {
		var location = mvc.perform(get("http://127.0.0.1/oauth2/authorization/sso").session(session))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith(OpenIdProvider.issuer() + "/oauth2/authorize?");
		return location;
	}

	/** The organization the {@code sso-town} group gives a viewer's grant on. */
	private long town() throws Exception {
		var existing = jdbc.sql("select id from organization where slug = 'sso-town'").query(Long.class).optional();
		if (existing.isPresent()) {
			return existing.get();
		}
		var created = mvc.perform(post("/api/organizations").with(httpBasic("admin", "admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"SSO Town\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JsonPath.<String>read(created, "$.slug")).isEqualTo("sso-town");
		return JsonPath.<Integer>read(created, "$.id");
	}

}
