package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;
import org.vigia.ApiCalls;
import org.vigia.IntegrationTest;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.meta.Graph;

/**
 * Nothing secret leaves Vigía: the access and refresh tokens, the app secret and the {@code appsecret_proof} of a
 * Facebook connection made through the whole flow (and of a refreshable one) appear in no log line, no
 * {@code /api/connections} answer, no page, no registry export and no audit trail; and a key rotated out with
 * {@code VIGIA_SECRETS_OLD_KEYS} still decrypts what it encrypted.
 */
@IntegrationTest
@Import(FakeNetwork.class)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "vigia.secrets.key=2026b:" + ConnectionSecretsTests.NEW_KEY,
		"vigia.secrets.old-keys=2026a:" + ConnectionSecretsTests.OLD_KEY, "vigia.http.allow-private-addresses=true",
		"logging.level.org.vigia=DEBUG", "vigia.platforms.meta.app-id=" + FacebookOnMock.APP_ID,
		"vigia.platforms.meta.app-secret=" + FacebookOnMock.APP_SECRET,
		"spring.security.oauth2.client.registration.facebook.client-id=" + FacebookOnMock.APP_ID,
		"spring.security.oauth2.client.registration.facebook.client-secret=" + FacebookOnMock.APP_SECRET,
		"spring.security.oauth2.client.registration.facebook.client-name=Facebook",
		"spring.security.oauth2.client.registration.facebook.client-authentication-method=client_secret_post",
		"spring.security.oauth2.client.registration.facebook.scope=pages_show_list,pages_read_engagement",
		"spring.security.oauth2.client.registration.facebook.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.facebook.redirect-uri={baseUrl}/connections/oauth2/code/{registrationId}" })
class ConnectionSecretsTests {

	static final String OLD_KEY = "AQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	static final String NEW_KEY = "AgECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	static final MockWebServer FACEBOOK = new MockWebServer();

	static final FacebookOnMock DISPATCHER = new FacebookOnMock();

	static {
		try {
			FACEBOOK.setDispatcher(DISPATCHER);
			FACEBOOK.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void facebookOnTheMockServer(DynamicPropertyRegistry registry) {
		var base = "http://127.0.0.1:" + FACEBOOK.getPort();
		registry.add("vigia.platforms.meta.graph-url", () -> base);
		registry.add("spring.security.oauth2.client.provider.facebook.authorization-uri",
				() -> base + "/v26.0/dialog/oauth");
		registry.add("spring.security.oauth2.client.provider.facebook.token-uri", () -> base + "/v26.0/oauth/access_token");
	}

	@AfterAll
	static void stop() {
		FACEBOOK.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FakeNetwork network;

	@Autowired
	Connections connections;

	@Autowired
	TokenStore tokens;

	long organization;

	long page;

	@BeforeEach
	void aTownHallWithItsPage() {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		network.reset();
		organization = jdbc.sql("insert into organization (name, created_at, updated_at) values (:name, now(), now()) returning id")
			.param("name", "Villaverde " + System.nanoTime())
			.query(Long.class)
			.single();
		page = jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, 'FACEBOOK', 'aytovillaverde', 'https://www.facebook.com/aytovillaverde', now(), now())
				returning id""")
			.param("org", organization)
			.query(Long.class)
			.single();
	}

	@Test
	void noTokenSecretOrProofAppearsInLogsAnswersPagesExportsOrTheAuditTrail(CapturedOutput output) throws Exception {
		var facebook = connectFacebook();
		var refreshable = connections.connect(organization, FakeNetwork.ID,
				new NetworkAuthorization.Token("fake-short-token", null, null, null), java.util.Set.of(), "editor");
		assertThat(facebook.accountIds()).containsExactly(page);

		var seen = new ArrayList<String>();
		seen.add(ApiCalls.viewer(mvc, get("/api/connections")));
		seen.add(ApiCalls.viewer(mvc, get("/api/connections/" + facebook.id())));
		seen.add(ApiCalls.viewer(mvc, get("/api/connections?organizationId=" + organization)));
		seen.add(ApiCalls.viewer(mvc, get("/connections")));
		seen.add(ApiCalls.viewer(mvc, get("/api/registry/export")));
		seen.add(ApiCalls.editor(mvc, delete("/api/connections/" + facebook.id())));
		seen.add(ApiCalls.editor(mvc, delete("/api/connections/" + refreshable.id())));
		seen.add(mvc.perform(get("/api/audit").with(user("admin").roles("ADMIN")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		seen.add(mvc.perform(get("/api/audit/export").with(user("admin").roles("ADMIN")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		seen.add(String.join("\n", jdbc.sql("select row_to_json(e)::text from audit_event e").query(String.class).list()));
		seen.add(String.join("\n", jdbc.sql("select row_to_json(c)::text from connection c").query(String.class).list()));

		assertThat(JsonPath.<String>read(seen.get(5), "$.revocation")).isEqualTo("REVOKED");
		var revocation = DISPATCHER.requests.getLast();
		assertThat(revocation.getMethod()).isEqualTo("DELETE");
		assertThat(revocation.getUrl().queryParameter("appsecret_proof"))
			.isEqualTo(Graph.proof(FacebookOnMock.LONG_TOKEN, FacebookOnMock.APP_SECRET));
		assertThat(seen.get(0)).contains("aytovillaverde");
		assertThat(seen.get(4)).contains("aytovillaverde");
		for (var secret : secrets()) {
			assertThat(output.getAll()).as("the log").doesNotContain(secret);
			assertThat(seen).as("answers, pages, exports and the audit trail").allSatisfy(text -> assertThat(text)
				.doesNotContain(secret));
		}
		assertThat(output.getAll()).as("the log shows the flow happened").contains("granted by editor");
	}

	@Test
	void aTokenEncryptedWithARotatedOutKeyIsStillReadAndWrittenAgainWithTheCurrentKey() {
		var connection = connections.connect(organization, FakeNetwork.ID,
				new NetworkAuthorization.Token("fake-short-token", null, null, null), java.util.Set.of(), "editor");
		var old = Vault.of(new SecretsProperties("2026a:" + OLD_KEY, null))
			.encrypt("token-from-before-the-rotation", "connection:" + connection.id() + ":refresh");
		jdbc.sql("update connection_token set ciphertext = :old, key_id = '2026a' where connection_id = :id and kind = 'REFRESH'")
			.param("old", old)
			.param("id", connection.id())
			.update();

		var read = tokens.read(connection.id(), TokenStore.Kind.REFRESH, null, "test", "rotation");

		assertThat(read).isEqualTo("token-from-before-the-rotation");
		var stored = jdbc.sql("select key_id || ' ' || ciphertext from connection_token where connection_id = :id and kind = 'REFRESH'")
			.param("id", connection.id())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("2026b v1:2026b:").doesNotContain("token-from-before");
		assertThat(tokens.read(connection.id(), TokenStore.Kind.REFRESH, null, "test", "rotation"))
			.isEqualTo("token-from-before-the-rotation");
	}

	/** The whole connect flow through MockMvc: start, the network's dialog, the way back with code and state. */
	private Connection connectFacebook() throws Exception {
		var session = new MockHttpSession();
		var editor = user("editor").roles("EDITOR");
		mvc.perform(post("/connections/oauth2/start").param("registration", "facebook")
			.param("organizationId", String.valueOf(organization))
			.session(session)
			.with(editor)
			.with(csrf()));
		var toNetwork = mvc.perform(get("/connections/oauth2/authorization/facebook").session(session).with(editor))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		var state = UriComponentsBuilder.fromUriString(toNetwork).build(true).getQueryParams().getFirst("state");
		var back = mvc.perform(get("/connections/oauth2/code/facebook").param("code", FacebookOnMock.CODE)
			.param("state", URLDecoder.decode(state, StandardCharsets.UTF_8))
			.session(session)
			.with(editor)).andReturn().getResponse().getRedirectedUrl();
		var done = mvc.perform(get(back).session(session).with(editor)).andReturn().getResponse().getRedirectedUrl();
		assertThat(done).startsWith("/connections?connected=");
		var exchange = DISPATCHER.requests.stream()
			.filter(request -> request.getMethod().equals("POST"))
			.findFirst()
			.orElseThrow();
		assertThat(exchange.getBody().utf8()).contains("client_secret=" + FacebookOnMock.APP_SECRET)
			.contains("code=" + FacebookOnMock.CODE);
		return connections.list(organization).getFirst();
	}

	private List<String> secrets() {
		var secrets = new ArrayList<String>(List.of(FacebookOnMock.APP_SECRET, FacebookOnMock.SHORT_TOKEN,
				FacebookOnMock.LONG_TOKEN, "fake-short-token", "long-fake-short-token", "refresh-fake-short-token",
				Graph.proof(FacebookOnMock.LONG_TOKEN, FacebookOnMock.APP_SECRET)));
		secrets.addAll(FacebookOnMock.PAGE_TOKENS);
		FacebookOnMock.PAGE_TOKENS.forEach(token -> secrets.add(Graph.proof(token, FacebookOnMock.APP_SECRET)));
		return secrets;
	}

}
