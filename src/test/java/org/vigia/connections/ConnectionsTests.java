package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.ApiCalls;
import org.vigia.IntegrationTest;
import org.vigia.platform.AccountRef;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Message;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;

/** Connections kept, matched to the registry, handed to the adapters and disconnected, with their tokens kept secret. */
@IntegrationTest
@Import(FakeNetwork.class)
@TestPropertySource(properties = { "vigia.secrets.key=" + ConnectionsTests.KEY,
		"spring.security.oauth2.client.registration.fake.client-id=vigia-app",
		"spring.security.oauth2.client.registration.fake.client-secret=app-secret",
		"spring.security.oauth2.client.registration.fake.client-name=Fake",
		"spring.security.oauth2.client.registration.fake.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.fake.redirect-uri={baseUrl}/connections/oauth2/code/{registrationId}",
		"spring.security.oauth2.client.provider.fake.authorization-uri=http://127.0.0.1:1/dialog/oauth",
		"spring.security.oauth2.client.provider.fake.token-uri=http://127.0.0.1:1/oauth/access_token" })
class ConnectionsTests {

	static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Connections connections;

	@Autowired
	Credentials credentials;

	@Autowired
	FakeNetwork network;

	long organization;

	long other;

	long page;

	long instagram;

	long otherInstagram;

	@BeforeEach
	void aTownHallWithAPageAndTwoInstagramAccounts() {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		network.reset();
		organization = organization("Villaverde");
		other = organization("Otro");
		page = account(organization, "FACEBOOK", "ayuntamientovillaverde");
		instagram = account(organization, "INSTAGRAM", "villaverde_cultura");
		otherInstagram = account(organization, "INSTAGRAM", "villaverde_deportes");
		network.assets.add(new NetworkAuthorization.Asset(Platform.FACEBOOK, "104000000000001", "AyuntamientoVillaverde",
				"EAAB-page-token"));
		network.assets.add(new NetworkAuthorization.Asset(Platform.INSTAGRAM, "17841400000000001", "villaverde_cultura",
				null));
		network.assets.add(new NetworkAuthorization.Asset(Platform.FACEBOOK, "104000000000999", "unregistered_page",
				"EAAB-other-page-token"));
	}

	@Test
	void keepsAGrantAndMatchesItsAccountsToTheOrganizationsRegistry() {
		var connection = connections.connect(organization, FakeNetwork.ID,
				new NetworkAuthorization.Token("short-token", null, null, null), Set.of("pages_show_list"), "editor");
		assertThat(network.completed).containsExactly("short-token");
		assertThat(connection.state()).isEqualTo(ConnectionState.ACTIVE);
		assertThat(connection.grantedBy()).isEqualTo("editor");
		assertThat(connection.networkUserName()).isEqualTo("Marta Comunicación");
		assertThat(connection.accountIds()).containsExactlyInAnyOrder(page, instagram);
		assertThat(connection.assets()).hasSize(3);
		assertThat(connection.expiresAt()).isNotNull();
		assertThat(jdbc.sql("select ciphertext from connection_token").query(String.class).list())
			.allSatisfy(ciphertext -> assertThat(ciphertext).startsWith("v1:").doesNotContain("token"));
	}

	@Test
	void theAdaptersGetThePageTokenForThePageAndALookUpForTheOtherInstagramAccounts() {
		connections.connect(organization, FakeNetwork.ID, new NetworkAuthorization.Token("short", null, null, null),
				Set.of(), "editor");
		var forPage = credentials.forAccount(Platform.FACEBOOK, new AccountRef(page, organization));
		assertThat(forPage.getFirst().reach()).isEqualTo(Credential.Reach.ADMINISTERS);
		assertThat(forPage.getFirst().accessToken()).isEqualTo("EAAB-page-token");
		assertThat(forPage.getFirst().subjectId()).isEqualTo("104000000000001");
		var forOwn = credentials.forAccount(Platform.INSTAGRAM, new AccountRef(instagram, organization));
		assertThat(forOwn).extracting(Credential::reach).containsExactly(Credential.Reach.ADMINISTERS);
		assertThat(forOwn.getFirst().accessToken()).isEqualTo("long-short");
		var forOther = credentials.forAccount(Platform.INSTAGRAM, new AccountRef(otherInstagram, organization));
		assertThat(forOther).extracting(Credential::reach).containsExactly(Credential.Reach.LOOKS_UP);
		assertThat(forOther.getFirst().subjectId()).isEqualTo("17841400000000001");
		assertThat(forOther.getFirst().toString()).doesNotContain("long-short");
		assertThat(credentials.forAccount(Platform.INSTAGRAM, new AccountRef(99, other))).isEmpty();
		assertThat(jdbc.sql("select count(*) from connection_token_access where actor = 'polling' and purpose like 'check account %'")
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aRefusedCredentialFailsTheConnectionAtOnceAndNoLongerReachesTheAccount() {
		connections.connect(organization, FakeNetwork.ID, new NetworkAuthorization.Token("short", null, null, null),
				Set.of(), "editor");
		var credential = credentials.forAccount(Platform.FACEBOOK, new AccountRef(page, organization)).getFirst();
		credentials.refused(credential, Message.of("connection.error.token", "190"));
		var connection = connections.list(organization).getFirst();
		assertThat(connection.state()).isEqualTo(ConnectionState.FAILING);
		assertThat(connection.lastError()).contains("190");
		assertThat(credentials.forAccount(Platform.FACEBOOK, new AccountRef(page, organization))).isEmpty();
	}

	@Test
	void theApiListsConnectionsWithoutAnySecretAndEditorsDisconnectThem() throws Exception {
		var connection = connections.connect(organization, FakeNetwork.ID,
				new NetworkAuthorization.Token("short", null, null, null), Set.of("pages_show_list"), "editor");
		var list = ApiCalls.viewer(mvc, get("/api/connections"));
		assertThat(list).doesNotContain("token").doesNotContain("EAAB").doesNotContain("v1:");
		assertThat(JsonPath.<List<Integer>>read(list, "$[0].accountIds")).containsExactlyInAnyOrder((int) page,
				(int) instagram);
		assertThat(JsonPath.<String>read(list, "$[0].state")).isEqualTo("ACTIVE");
		assertThat(JsonPath.<String>read(list, "$[0].network")).isEqualTo("fake");
		var page = ApiCalls.viewer(mvc, get("/connections"));
		assertThat(page).contains("Marta Comunicación").contains("ayuntamientovillaverde").doesNotContain("EAAB");
		mvc.perform(delete("/api/connections/" + connection.id()).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isForbidden());
		var one = ApiCalls.editor(mvc, delete("/api/connections/" + connection.id()));
		assertThat(JsonPath.<String>read(one, "$.state")).isEqualTo("REVOKED");
		assertThat(JsonPath.<String>read(one, "$.revocation")).isEqualTo("REVOKED");
		assertThat(network.revoked).containsExactly("long-short");
		assertThat(jdbc.sql("select count(*) from connection_token").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select actor || ':' || purpose from connection_token_access").query(String.class).list())
			.contains("editor:revoke at the network");
		mvc.perform(get("/api/connections/999").with(httpBasic("viewer", "viewer"))).andExpect(status().isNotFound());
	}

	@Test
	void thePageNamesTheNetworkAsItsConnectButtonDoesInEveryLanguageAndNeverItsRegistrationId() throws Exception {
		network.userName = null;
		var connection = connections.connect(organization, FakeNetwork.ID,
				new NetworkAuthorization.Token("short", null, null, null), Set.of(), "editor");
		var heading = "id=\"connection-heading-" + connection.id() + "\">";

		var english = ApiCalls.editor(mvc, get("/connections?lang=en"));
		assertThat(english).contains("Connect Fake")
			.contains(heading + "Fake · Villaverde</h2>")
			.doesNotContain(heading + "fake")
			// No name from the network: what it is, never its id for the person.
			.contains("a Fake member, connected by editor")
			.doesNotContain(network.userId);
		var spanish = ApiCalls.editor(mvc, get("/connections?lang=es"));
		assertThat(spanish).contains("Conectar Fake")
			.contains(heading + "Fake · Villaverde</h2>")
			.contains("un miembro de Fake, conectada por editor")
			.doesNotContain(network.userId);
		var basque = ApiCalls.editor(mvc, get("/connections?lang=eu"));
		assertThat(basque).contains(heading + "Fake · Villaverde</h2>").contains("Fake sareko kide bat");
		// The API keeps the network's id of the person.
		assertThat(JsonPath.<String>read(ApiCalls.viewer(mvc, get("/api/connections")), "$[0].networkUserId"))
			.isEqualTo(network.userId);
	}

	@Test
	void aRegistrationWithoutANameIsNamedAfterTheNetworkItReaches() {
		// Spring names a registration configured without client-name after its id.
		assertThat(Connections.networkName("meta", "meta", Set.of(Platform.INSTAGRAM, Platform.FACEBOOK)))
			.isEqualTo("Facebook");
		assertThat(Connections.networkName("linkedin", null, Set.of(Platform.LINKEDIN))).isEqualTo("LinkedIn");
		assertThat(Connections.networkName("tiktok", " ", Set.of(Platform.TIKTOK))).isEqualTo("TikTok");
		assertThat(Connections.networkName("tiktok", "TikTok for Business", Set.of(Platform.TIKTOK)))
			.isEqualTo("TikTok for Business");
		assertThat(Connections.networkName("gone", "gone", Set.of())).isNull();
	}

	@Test
	void aNetworkThatRefusesToRevokeStillLeavesTheConnectionDisconnectedAndThePageSaysSo() throws Exception {
		var connection = connections.connect(organization, FakeNetwork.ID,
				new NetworkAuthorization.Token("short", null, null, null), Set.of(), "editor");
		network.revokeFails = true;

		var answer = ApiCalls.editor(mvc, delete("/api/connections/" + connection.id()));

		assertThat(JsonPath.<String>read(answer, "$.state")).isEqualTo("REVOKED");
		assertThat(JsonPath.<String>read(answer, "$.revocation")).isEqualTo("FAILED");
		assertThat(answer).doesNotContain("long-short");
		assertThat(jdbc.sql("select count(*) from connection_token").query(Long.class).single()).isZero();
		assertThat(connections.get(connection.id()).state()).isEqualTo(ConnectionState.REVOKED);
		var page = ApiCalls.viewer(mvc, get("/connections?disconnected=" + connection.id() + "&revocation=failed"));
		assertThat(page).contains("the network did not revoke the authorization");
	}

	@Test
	void theConnectFormOffersOnlyTheOrganizationsThePersonEdits(@Autowired org.vigia.people.People people)
			throws Exception {
		var name = "editor-of-villaverde-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		people.create(new org.vigia.people.People.NewPerson(name, null, null, "a long enough password", false,
				List.of(new org.vigia.people.Grant(org.vigia.people.Role.EDITOR, organization),
						new org.vigia.people.Grant(org.vigia.people.Role.VIEWER, other))));
		var page = mvc.perform(get("/connections").with(httpBasic(name, "a long enough password")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page).contains("<option value=\"" + organization + "\">Villaverde</option>")
			.doesNotContain("<option value=\"" + other + "\">");
		var everything = ApiCalls.editor(mvc, get("/connections"));
		assertThat(everything).contains("<option value=\"" + other + "\">Otro</option>");
	}

	@Test
	void lastUseIsWrittenAtMostOnceAMinute() {
		connections.connect(organization, FakeNetwork.ID, new NetworkAuthorization.Token("short", null, null, null),
				Set.of(), "editor");
		var credential = credentials.forAccount(Platform.FACEBOOK, new AccountRef(page, organization)).getFirst();
		credentials.worked(credential);
		var first = connections.list(organization).getFirst().lastUsedAt();
		assertThat(first).isNotNull();
		jdbc.sql("update connection set last_used_at = now() - interval '30 seconds'").update();
		var recent = connections.list(organization).getFirst().lastUsedAt();
		credentials.worked(credential);
		assertThat(connections.list(organization).getFirst().lastUsedAt()).as("not rewritten within the minute")
			.isEqualTo(recent);
		jdbc.sql("update connection set last_used_at = now() - interval '2 minutes'").update();
		credentials.worked(credential);
		assertThat(connections.list(organization).getFirst().lastUsedAt()).isAfter(recent);
	}

	long organization(String name) {
		return jdbc.sql("insert into organization (name, created_at, updated_at) values (:name, now(), now()) returning id")
			.param("name", name)
			.query(Long.class)
			.single();
	}

	long account(long organizationId, String platform, String handle) {
		return jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, :platform, :handle, 'https://example.org/' || :handle, now(), now()) returning id""")
			.param("org", organizationId)
			.param("platform", platform)
			.param("handle", handle)
			.query(Long.class)
			.single();
	}

}
