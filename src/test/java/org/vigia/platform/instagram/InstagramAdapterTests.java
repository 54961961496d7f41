package org.vigia.platform.instagram;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.vigia.platform.English;
import org.vigia.MutableClock;
import org.vigia.platform.AccountRef;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.Graph;
import org.vigia.platform.meta.MetaProperties;
import org.vigia.platform.meta.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;

class InstagramAdapterTests {

	private static final String SECRET = "app-secret-0123";

	private static final String PAGE_TOKEN = "EAAPAGEtokenVILLAVERDE";

	private static final String OWN_ID = "17841400000000001";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("instagram");

	private final TestCredentials credentials = new TestCredentials();

	private InstagramAdapter adapter() {
		server.setDispatcher(routes);
		var http = new PlatformHttpClient(HttpProperties.forLocalTests(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC());
		var properties = new MetaProperties("1234567890", SECRET, server.url("/").uri(),
				URI.create("https://www.facebook.com"), null);
		var graph = new Graph(http, properties.versionedGraphUrl(), SECRET, true, "Graph API",
				new MutableClock(Instant.parse("2026-12-05T12:00:00Z")), (wait) -> {
				});
		var factory = new StaticListableBeanFactory();
		factory.addBean("credentials", credentials);
		ObjectProvider<Credentials> provider = factory.getBeanProvider(Credentials.class);
		return new InstagramAdapter(http, graph, provider);
	}

	private static CheckRequest request(String handle) {
		return new CheckRequest(Platform.INSTAGRAM.parse(handle), null, null, null, null, new AccountRef(8, 3));
	}

	private static Credential own() {
		return new Credential(1, Platform.INSTAGRAM, Credential.Reach.ADMINISTERS, PAGE_TOKEN, OWN_ID,
				"aytovillaverde");
	}

	private static Credential through() {
		return new Credential(1, Platform.INSTAGRAM, Credential.Reach.LOOKS_UP, PAGE_TOKEN, OWN_ID,
				"aytovillaverde");
	}

	@Test
	void anAccountLinkedToAConnectedPageIsReadWithThePagesToken() throws Exception {
		credentials.with(own());
		routes.on("/v26.0/" + OWN_ID, routes.fixture("user.json"))
			.on("/v26.0/" + OWN_ID + "/media", routes.fixture("media.json"));

		var result = adapter().check(request("@aytovillaverde"));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.error()).isNull();
		assertThat(result.platformId()).isEqualTo(OWN_ID);
		assertThat(result.lastActivityAt()).isEqualTo("2026-12-01T18:02:11Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://www.instagram.com/p/DAbCdEfGhIj/");
		assertThat(result.profile().followers()).isEqualTo(5120);
		assertThat(result.profile().following()).isEqualTo(310);
		assertThat(result.profile().posts()).isEqualTo(842);
		assertThat(result.profile().bio()).isEqualTo("Cuenta oficial del Ayuntamiento de Villaverde.");
		assertThat(credentials.worked).hasSize(1);
		for (int i = 0; i < 2; i++) {
			var sent = server.takeRequest(1, TimeUnit.SECONDS);
			assertThat(sent.getUrl().queryParameter("appsecret_proof")).isEqualTo(Graph.proof(PAGE_TOKEN, SECRET));
		}
	}

	@Test
	void aBusinessAccountOfTheSameOrganizationIsReadThroughBusinessDiscovery() throws Exception {
		credentials.with(through());
		routes.on("/v26.0/" + OWN_ID, routes.fixture("business-discovery.json"));

		var result = adapter().check(request("https://www.instagram.com/culturavillaverde/"));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.platformId()).isEqualTo("17841400000000077");
		assertThat(result.lastActivityAt()).isEqualTo("2026-11-20T10:15:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://www.instagram.com/p/DCuLtUrA123/");
		assertThat(result.profile().displayName()).isEqualTo("Cultura Villaverde");
		assertThat(result.profile().posts()).isEqualTo(391);
		assertThat(result.requests()).isEqualTo(1);
		var sent = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(sent.getUrl().queryParameter("fields"))
			.startsWith("business_discovery.username(culturavillaverde){id,username,")
			.endsWith(",media.limit(1){timestamp,permalink}}");
		assertThat(sent.getUrl().queryParameter("appsecret_proof")).isEqualTo(Graph.proof(PAGE_TOKEN, SECRET));
	}

	@Test
	void aPersonalOrDeletedAccountThroughBusinessDiscoveryIsAnErrorNotNotFound() {
		credentials.with(through());
		routes.on("/v26.0/" + OWN_ID, Routes.json(400, routes.read("error-cannot-find-user.json")));

		var result = adapter().check(request("@vecinosvillaverde"));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("deleted, renamed or personal")
			.contains("error 110/2207013: Invalid user id")
			.contains("fbtrace_id Gh4Jk5Lm6Np");
		// The connection worked: Instagram answered about the account, not about the token.
		assertThat(credentials.refused).isEmpty();
	}

	@Test
	void withoutAConnectedProfessionalAccountNothingReachesIt() {
		var result = adapter().check(request("@vecinosvillaverde"));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.UNSUPPORTED);
		assertThat(English.text(result.error())).contains("No connection");
	}

}
