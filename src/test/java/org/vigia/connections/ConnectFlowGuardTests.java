package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
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
 * The code exchange goes through the guarded platform client like every other call to a network: a token endpoint
 * configured on a loopback or private address is refused before anything is sent, and nothing is kept.
 */
@IntegrationTest
@Import(FakeNetwork.class)
@TestPropertySource(properties = { "vigia.secrets.key=" + ConnectionsTests.KEY,
		"vigia.http.allow-private-addresses=false",
		"spring.security.oauth2.client.registration.fake.client-id=vigia-app",
		"spring.security.oauth2.client.registration.fake.client-secret=app-secret",
		"spring.security.oauth2.client.registration.fake.client-name=Fake",
		"spring.security.oauth2.client.registration.fake.scope=pages_show_list",
		"spring.security.oauth2.client.registration.fake.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.fake.redirect-uri={baseUrl}/connections/oauth2/code/{registrationId}" })
class ConnectFlowGuardTests {

	static final MockWebServer NETWORK = new MockWebServer();

	static {
		try {
			NETWORK.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void tokenEndpointOnALoopbackAddress(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.provider.fake.authorization-uri",
				() -> "http://127.0.0.1:" + NETWORK.getPort() + "/v21.0/dialog/oauth");
		registry.add("spring.security.oauth2.client.provider.fake.token-uri",
				() -> "http://127.0.0.1:" + NETWORK.getPort() + "/v21.0/oauth/access_token");
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

	@Autowired
	MeterRegistry meters;

	long organization;

	@BeforeEach
	void aTownHallWithAPage() {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		network.reset();
		organization = jdbc.sql("insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id")
			.query(Long.class)
			.single();
		network.assets.add(new NetworkAuthorization.Asset(Platform.FACEBOOK, "104000000000001",
				"ayuntamientovillaverde", "EAAB-page-token"));
	}

	@Test
	void aTokenEndpointOnALoopbackAddressIsRefusedAndNothingIsStored() throws Exception {
		var session = new MockHttpSession();
		var editor = user("editor").roles("EDITOR");
		mvc.perform(post("/connections/oauth2/start").param("registration", "fake")
			.param("organizationId", String.valueOf(organization))
			.session(session)
			.with(editor)
			.with(csrf()));
		var toNetwork = mvc.perform(get("/connections/oauth2/authorization/fake").session(session).with(editor))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		var state = UriComponentsBuilder.fromUriString(toNetwork).build(true).getQueryParams().getFirst("state");
		NETWORK.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
			.body("{\"access_token\":\"EAAB-short-user-token\",\"token_type\":\"bearer\",\"expires_in\":5183944}")
			.build());

		var back = mvc.perform(get("/connections/oauth2/code/fake").param("code", "AQD-code")
			.param("state", URLDecoder.decode(state, StandardCharsets.UTF_8))
			.session(session)
			.with(editor)).andReturn().getResponse().getRedirectedUrl();
		var done = mvc.perform(get(back).session(session).with(editor)).andReturn().getResponse().getRedirectedUrl();

		assertThat(done).startsWith("/connections?failed=");
		assertThat(NETWORK.getRequestCount()).as("requests that reached the token endpoint").isZero();
		assertThat(network.completed).isEmpty();
		assertThat(jdbc.sql("select count(*) from connection").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from connection_token").query(Long.class).single()).isZero();
		assertThat(meters.get("vigia.http.requests")
			.tag("platform", "facebook")
			.tag("outcome", "BLOCKED_ADDRESS")
			.timer()
			.count()).isEqualTo(1);
	}

}
