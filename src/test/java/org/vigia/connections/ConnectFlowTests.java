package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;
import org.vigia.IntegrationTest;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;

/**
 * The connect flow through Spring Security's OAuth 2.0 client against a network played by MockWebServer: the editor
 * is sent to the network with a state and PKCE, the code is exchanged, the network's own steps complete it.
 */
@IntegrationTest
@Import(FakeNetwork.class)
@TestPropertySource(properties = { "vigia.secrets.key=" + ConnectionsTests.KEY,
		// The code exchange goes through the guarded client, and the network here is a local server.
		"vigia.http.allow-private-addresses=true",
		"spring.security.oauth2.client.registration.fake.client-id=vigia-app",
		"spring.security.oauth2.client.registration.fake.client-secret=app-secret",
		"spring.security.oauth2.client.registration.fake.client-name=Fake",
		"spring.security.oauth2.client.registration.fake.scope=pages_show_list,pages_read_engagement",
		"spring.security.oauth2.client.registration.fake.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.fake.redirect-uri={baseUrl}/connections/oauth2/code/{registrationId}" })
class ConnectFlowTests {

	static final MockWebServer NETWORK = new MockWebServer();

	static {
		try {
			NETWORK.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void networkOnTheMockServer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.provider.fake.authorization-uri",
				() -> NETWORK.url("/v21.0/dialog/oauth").toString());
		registry.add("spring.security.oauth2.client.provider.fake.token-uri",
				() -> NETWORK.url("/v21.0/oauth/access_token").toString());
	}

	@AfterAll
	static void stop() {
		NETWORK.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FakeNetwork network;

	long organization;

	long page;

	@BeforeEach
	void aTownHallWithAPage() {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		network.reset();
		organization = jdbc.sql("insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id")
			.query(Long.class)
			.single();
		page = jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, 'FACEBOOK', 'ayuntamientovillaverde', 'https://www.facebook.com/ayuntamientovillaverde',
				    now(), now()) returning id""")
			.param("org", organization)
			.query(Long.class)
			.single();
		network.assets.add(new NetworkAuthorization.Asset(Platform.FACEBOOK, "104000000000001",
				"ayuntamientovillaverde", "EAAB-page-token"));
	}

	@Test
	void anEditorConnectsAndTheGrantIsKeptWithItsPagesMatched() throws Exception {
		var session = new MockHttpSession();
		var editor = user("editor").roles("EDITOR");
		var start = mvc.perform(post("/connections/oauth2/start").param("registration", "fake")
				.param("organizationId", String.valueOf(organization)).session(session).with(editor).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		var toAuthorization = start.getResponse().getRedirectedUrl();
		assertThat(toAuthorization).isEqualTo("/connections/oauth2/authorization/fake");
		var toNetwork = mvc.perform(get(toAuthorization).session(session).with(editor))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		var query = UriComponentsBuilder.fromUriString(toNetwork).build(true).encode().getQueryParams();
		assertThat(toNetwork).startsWith(NETWORK.url("/v21.0/dialog/oauth").toString());
		assertThat(query.getFirst("client_id")).isEqualTo("vigia-app");
		assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
		assertThat(query.getFirst("state")).isNotBlank();
		NETWORK.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
			.body("{\"access_token\":\"EAAB-short-user-token\",\"token_type\":\"bearer\",\"expires_in\":5183944}")
			.build());
		var back = mvc.perform(get("/connections/oauth2/code/fake").param("code", "AQD-code")
				.param("state", java.net.URLDecoder.decode(query.getFirst("state"), java.nio.charset.StandardCharsets.UTF_8)).session(session).with(editor))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		var exchange = NETWORK.takeRequest(5, TimeUnit.SECONDS);
		assertThat(exchange.getBody().utf8()).contains("code=AQD-code").contains("code_verifier=");
		var done = mvc.perform(get(back).session(session).with(editor))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(done).startsWith("/connections?connected=");
		assertThat(network.completed).containsExactly("EAAB-short-user-token");
		var coverage = jdbc.sql("select account_id from connections_account_coverage where valid").query(Long.class).list();
		assertThat(coverage).containsExactly(page);
		var granted = jdbc.sql("select granted_by from connection").query(String.class).single();
		assertThat(granted).isEqualTo("editor");
		// The grant is in the audit trail, with who gave it and never a token.
		var audited = jdbc.sql("""
				select actor || ' ' || (after ->> 'network') || ' ' || after::text from audit_event
				where action = 'connection.granted' and object_id = (select id::text from connection)
				order by id desc limit 1""").query(String.class).single();
		assertThat(audited).startsWith("editor fake ").doesNotContain("EAAB");
	}

	@Test
	void aForgedStateIsRefusedAndNothingIsKept() throws Exception {
		var session = new MockHttpSession();
		var editor = user("editor").roles("EDITOR");
		mvc.perform(post("/connections/oauth2/start").param("registration", "fake")
				.param("organizationId", String.valueOf(organization)).session(session).with(editor).with(csrf()));
		mvc.perform(get("/connections/oauth2/authorization/fake").session(session).with(editor));
		var back = mvc.perform(get("/connections/oauth2/code/fake").param("code", "AQD-code")
				.param("state", "forged").session(session).with(editor))
			.andReturn()
			.getResponse();
		if (back.getRedirectedUrl() != null && back.getRedirectedUrl().startsWith("/connections/oauth2/code/")) {
			back = mvc.perform(get(back.getRedirectedUrl()).session(session).with(editor)).andReturn().getResponse();
		}
		assertThat(back.getRedirectedUrl()).isEqualTo("/connections?failed=declined");
		assertThat(jdbc.sql("select count(*) from connection").query(Long.class).single()).isZero();
	}

	@Test
	void viewersCannotStartAConnection() throws Exception {
		mvc.perform(post("/connections/oauth2/start").param("registration", "fake")
				.param("organizationId", String.valueOf(organization)).with(user("viewer").roles("VIEWER")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/connections/oauth2/start").param("registration", "fake")
				.param("organizationId", String.valueOf(organization)).with(user("editor").roles("EDITOR")))
			.andExpect(status().isForbidden());
	}

}
