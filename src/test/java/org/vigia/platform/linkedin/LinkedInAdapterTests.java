package org.vigia.platform.linkedin;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.vigia.platform.English;
import org.vigia.MutableClock;
import org.vigia.platform.AccountRef;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.LogCapture;
import org.vigia.platform.meta.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LinkedInAdapterTests {

	static final String TOKEN = "AQVlinkedinTOKENvillaverde";

	static final String ORGANIZATION_ID = "10002687";

	static final String ORGANIZATIONS = "/rest/organizations";

	static final String NETWORK_SIZE = "/rest/networkSizes/urn%3Ali%3Aorganization%3A" + ORGANIZATION_ID;

	static final String POSTS = "/rest/posts";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("linkedin");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));

	private final TestCredentials credentials = new TestCredentials();

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(),
			new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC());

	private LinkedInApi api() {
		server.setDispatcher(routes);
		return new LinkedInApi(properties());
	}

	private LinkedInProperties properties() {
		return new LinkedInProperties(server.url("/").uri(), "202611", server.url("/").uri(), "78villaverde",
				"villaverde-linkedin-secret");
	}

	private LinkedInAdapter adapter() {
		return new LinkedInAdapter(http, api(), provider(credentials), clock);
	}

	static ObjectProvider<Credentials> provider(Credentials credentials) {
		var factory = new StaticListableBeanFactory();
		factory.addBean("credentials", credentials);
		return factory.getBeanProvider(Credentials.class);
	}

	static Credential credential(long connectionId, String token) {
		return new Credential(connectionId, Platform.LINKEDIN, Credential.Reach.ADMINISTERS, token, ORGANIZATION_ID,
				"company/ayuntamiento-de-villaverde");
	}

	private static CheckRequest request() {
		return new CheckRequest(Platform.LINKEDIN.parse("https://www.linkedin.com/company/ayuntamiento-de-villaverde/"),
				null, null, null, null, new AccountRef(7, 3));
	}

	private List<RecordedRequest> requests() throws InterruptedException {
		var recorded = new ArrayList<RecordedRequest>();
		for (var request = server.takeRequest(100, TimeUnit.MILLISECONDS); request != null; request = server
			.takeRequest(100, TimeUnit.MILLISECONDS)) {
			recorded.add(request);
		}
		return recorded;
	}

	@Test
	void readsThePageItsFollowersAndItsNewestPost() throws Exception {
		credentials.with(credential(1, TOKEN));
		routes.on(ORGANIZATIONS, routes.fixture("organizations-by-vanity-name.json"))
			.on(NETWORK_SIZE, routes.fixture("network-size.json"))
			.on(POSTS, routes.fixture("posts.json"));

		org.vigia.platform.CheckResult result;
		try (var logs = new LogCapture()) {
			result = adapter().check(request());
			assertThat(logs.text()).doesNotContain(TOKEN);
		}

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.error()).isNull();
		assertThat(result.platformId()).isEqualTo(ORGANIZATION_ID);
		assertThat(result.lastActivityAt()).isEqualTo("2026-11-28T09:31:00Z");
		assertThat(result.newestPostUrl())
			.isEqualTo("https://www.linkedin.com/feed/update/urn:li:share:7395012345678901248/");
		assertThat(result.requests()).isEqualTo(3);
		assertThat(result.profile().displayName()).isEqualTo("Ayuntamiento de Villaverde");
		assertThat(result.profile().followers()).isEqualTo(18342L);
		assertThat(credentials.worked).hasSize(1);

		var sent = requests();
		assertThat(sent).hasSize(3);
		for (var request : sent) {
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
			assertThat(request.getHeaders().get("LinkedIn-Version")).isEqualTo("202611");
			assertThat(request.getHeaders().get("X-Restli-Protocol-Version")).isEqualTo("2.0.0");
		}
		assertThat(sent.get(0).getTarget())
			.isEqualTo("/rest/organizations?q=vanityName&vanityName=ayuntamiento-de-villaverde");
		assertThat(sent.get(1).getTarget()).isEqualTo(NETWORK_SIZE + "?edgeType=COMPANY_FOLLOWED_BY_MEMBER");
		assertThat(sent.get(2).getTarget())
			.isEqualTo("/rest/posts?q=author&author=urn%3Ali%3Aorganization%3A10002687&count=1&sortBy=LAST_MODIFIED");
	}

	@Test
	void aPageWithoutPostsIsReadWithoutALastActivity() {
		credentials.with(credential(1, TOKEN));
		routes.on(ORGANIZATIONS, routes.fixture("organizations-by-vanity-name.json"))
			.on(NETWORK_SIZE, routes.fixture("network-size.json"))
			.on(POSTS, routes.fixture("posts-empty.json"));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isNull();
		assertThat(result.newestPostUrl()).isNull();
		assertThat(result.profile().followers()).isEqualTo(18342L);
	}

	@Test
	void anExpiredOrRevokedTokenIsRefusedAndTheConnectionTold() {
		credentials.with(credential(1, TOKEN));
		routes.on(ORGANIZATIONS, Routes.json(401, routes.read("error-expired.json")));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("refused the token of connection 1").contains("REVOKED_ACCESS_TOKEN")
			.doesNotContain(TOKEN);
		assertThat(credentials.refused).singleElement().satisfies((refusal) -> {
			assertThat(refusal.reason().code()).isEqualTo("platform.refused.token");
			assertThat(refusal.reason().arguments()).first().isEqualTo("LinkedIn");
		});
		assertThat(credentials.worked).isEmpty();
	}

	@Test
	void aRefusedTokenLetsTheNextConnectionRead() {
		credentials.with(credential(1, "expired")).with(credential(2, TOKEN));
		server.setDispatcher(new mockwebserver3.Dispatcher() {

			@Override
			public mockwebserver3.MockResponse dispatch(RecordedRequest request) {
				if (("Bearer expired").equals(request.getHeaders().get("Authorization"))) {
					return Routes.json(401, routes.read("error-expired.json"));
				}
				return routes.dispatch(request);
			}

		});
		routes.on(ORGANIZATIONS, routes.fixture("organizations-by-vanity-name.json"))
			.on(NETWORK_SIZE, routes.fixture("network-size.json"))
			.on(POSTS, routes.fixture("posts.json"));
		var api = new LinkedInApi(properties());

		var result = new LinkedInAdapter(http, api, provider(credentials), clock).check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(credentials.refused).singleElement()
			.satisfies((refusal) -> assertThat(refusal.credential().connectionId()).isEqualTo(1));
		assertThat(credentials.worked).singleElement()
			.satisfies((credential) -> assertThat(credential.connectionId()).isEqualTo(2));
	}

	@Test
	void aPageWhoseVanityNameChangedIsMoved() {
		credentials.with(credential(1, TOKEN));
		routes.on(ORGANIZATIONS, routes.fixture("organizations-none.json"))
			.on(ORGANIZATIONS + "/" + ORGANIZATION_ID, routes.fixture("organization-renamed.json"));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.MOVED);
		assertThat(result.movedTo()).isEqualTo("https://www.linkedin.com/company/villaverde-ayuntamiento/");
	}

	@Test
	void aThrottledCallIsRateLimited() {
		credentials.with(credential(1, TOKEN));
		routes.on(ORGANIZATIONS, new mockwebserver3.MockResponse.Builder().code(429)
			.addHeader("Retry-After", "60")
			.addHeader("Content-Type", "application/json")
			.body("{\"status\":429,\"serviceErrorCode\":101,\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Resource level throttle limit reached\"}")
			.build());

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(credentials.refused).isEmpty();
	}

	@Test
	void withoutAConnectionThePageIsUnsupported() {
		routes.on(ORGANIZATIONS, routes.fixture("organizations-by-vanity-name.json"));

		var result = adapter().check(request());

		assertThat(result.outcome()).isEqualTo(CheckOutcome.UNSUPPORTED);
		assertThat(result.requests()).isZero();
	}

	@Test
	void theGrantNamesWhoAdministersWhichPages() {
		routes.on("/rest/organizationAcls", routes.fixture("organization-acls.json"))
			.on(ORGANIZATIONS + "/" + ORGANIZATION_ID, routes.fixture("organization.json"));
		var authorization = new LinkedInAuthorization(http, api(), new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);
		var token = new NetworkAuthorization.Token(TOKEN, null, Instant.parse("2027-02-03T12:00:00Z"), null);

		var grant = authorization.complete(token, Set.of("r_organization_admin", "r_organization_social"));

		assertThat(grant.userId()).isEqualTo("urn:li:person:aBc12DeFgH");
		assertThat(grant.token()).isEqualTo(token);
		assertThat(grant.assets()).singleElement().satisfies((asset) -> {
			assertThat(asset.platform()).isEqualTo(Platform.LINKEDIN);
			assertThat(asset.platformId()).isEqualTo(ORGANIZATION_ID);
			assertThat(asset.handle()).isEqualTo("company/ayuntamiento-de-villaverde");
			assertThat(asset.accessToken()).isNull();
		});
		assertThat(authorization.refresh(token)).isEmpty();
	}

	@Test
	void withOpenIdAndProfileTheGrantNamesThePersonFromUserinfo() throws Exception {
		routes.on("/rest/organizationAcls", routes.fixture("organization-acls.json"))
			.on(ORGANIZATIONS + "/" + ORGANIZATION_ID, routes.fixture("organization.json"))
			.on("/v2/userinfo", routes.fixture("userinfo.json"));
		var authorization = new LinkedInAuthorization(http, api(), new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);
		var token = new NetworkAuthorization.Token(TOKEN, null, Instant.parse("2027-02-03T12:00:00Z"), null);

		var grant = authorization.complete(token, Set.of("r_organization_admin,r_organization_social,openid,profile"));

		assertThat(grant.userId()).isEqualTo("urn:li:person:aBc12DeFgH");
		assertThat(grant.userName()).isEqualTo("Marta Comunicación Villaverde");
		var userinfo = requests().stream().filter(request -> "/v2/userinfo".equals(request.getTarget())).toList();
		assertThat(userinfo).singleElement().satisfies(request -> {
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
			assertThat(request.getHeaders().get("LinkedIn-Version")).as("not a versioned /rest resource").isNull();
		});
	}

	@Test
	void withOnlyTheCommunityManagementScopesTheGrantHasNoNameAndUserinfoIsNotAsked() throws Exception {
		routes.on("/rest/organizationAcls", routes.fixture("organization-acls.json"))
			.on(ORGANIZATIONS + "/" + ORGANIZATION_ID, routes.fixture("organization.json"))
			.on("/v2/userinfo", routes.fixture("userinfo.json"));
		var authorization = new LinkedInAuthorization(http, api(), new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);
		var token = new NetworkAuthorization.Token(TOKEN, null, Instant.parse("2027-02-03T12:00:00Z"), null);

		var grant = authorization.complete(token, Set.of("r_organization_admin,r_organization_social"));

		assertThat(grant.userId()).isEqualTo("urn:li:person:aBc12DeFgH");
		assertThat(grant.userName()).isNull();
		assertThat(requests()).noneMatch(request -> request.getTarget().startsWith("/v2/userinfo"));
	}

	@Test
	void aUserinfoLinkedInRefusesLeavesTheGrantWithoutAName() {
		routes.on("/rest/organizationAcls", routes.fixture("organization-acls.json"))
			.on(ORGANIZATIONS + "/" + ORGANIZATION_ID, routes.fixture("organization.json"))
			.on("/v2/userinfo", Routes.json(401, routes.read("error-expired.json")));
		var authorization = new LinkedInAuthorization(http, api(), new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);
		var token = new NetworkAuthorization.Token(TOKEN, null, Instant.parse("2027-02-03T12:00:00Z"), null);

		var grant = authorization.complete(token, Set.of("r_organization_admin", "openid", "profile"));

		assertThat(grant.userId()).isEqualTo("urn:li:person:aBc12DeFgH");
		assertThat(grant.userName()).isNull();
		assertThat(grant.assets()).hasSize(1);
	}

	@Test
	void theScopesLinkedInAnswersCommaSeparatedAreSeveralPermissions() {
		routes.on("/rest/organizationAcls", routes.fixture("organization-acls.json"))
			.on(ORGANIZATIONS + "/" + ORGANIZATION_ID, routes.fixture("organization.json"));
		var authorization = new LinkedInAuthorization(http, api(), new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);
		var token = new NetworkAuthorization.Token(TOKEN, null, Instant.parse("2027-02-03T12:00:00Z"), null);

		// The code exchange's "scope": "r_organization_admin,r_organization_social", as Spring Security reads it.
		var grant = authorization.complete(token, Set.of("r_organization_admin,r_organization_social"));

		assertThat(grant.scopes()).containsExactlyInAnyOrder("r_organization_admin", "r_organization_social");
	}

	@Test
	void aGrantOfSomeoneWhoAdministersNoPageIsRefused() {
		routes.on("/rest/organizationAcls", routes.fixture("organizations-none.json"));
		var authorization = new LinkedInAuthorization(http, api(), new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);

		assertThatIllegalStateException()
			.isThrownBy(() -> authorization.complete(new NetworkAuthorization.Token(TOKEN, null, null, null), Set.of()))
			.withMessageContaining("only a page administrator");
	}

	@Test
	void aRefreshableGrantIsRefreshedAtLinkedInsTokenEndpoint() throws Exception {
		routes.on("/oauth/v2/accessToken", routes.fixture("token-refreshed.json"));
		var authorization = new LinkedInAuthorization(http, api(),
				new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);

		var fresh = authorization.refresh(new NetworkAuthorization.Token(TOKEN, "AQWvillaverdeREFRESHtoken0",
				Instant.parse("2026-12-10T12:00:00Z"), null));

		assertThat(fresh).hasValueSatisfying(token -> {
			assertThat(token.accessToken()).isEqualTo("AQXvillaverdeREFRESHEDtoken0000000000000000000000000000");
			assertThat(token.refreshToken()).isEqualTo("AQWvillaverdeREFRESHtoken00000000000000000000000000000");
			assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(5184000));
			assertThat(token.refreshExpiresAt()).isEqualTo(clock.instant().plusSeconds(25920000));
		});
		var sent = requests();
		assertThat(sent).singleElement().satisfies(request -> {
			assertThat(request.getMethod()).isEqualTo("POST");
			assertThat(request.getBody().utf8()).contains("grant_type=refresh_token")
				.contains("refresh_token=AQWvillaverdeREFRESHtoken0")
				.contains("client_id=78villaverde")
				.contains("client_secret=villaverde-linkedin-secret");
		});
	}

	@Test
	void aRefusedRefreshSaysWhatLinkedInSaid() {
		routes.on("/oauth/v2/accessToken", Routes.json(400, routes.read("token-error.json")));
		var authorization = new LinkedInAuthorization(http, api(),
				new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class), clock);

		assertThatIllegalStateException()
			.isThrownBy(() -> authorization.refresh(new NetworkAuthorization.Token(TOKEN, "AQWold", null, null)))
			.withMessageContaining("invalid_request")
			.withMessageNotContaining("AQWold");
	}

}
