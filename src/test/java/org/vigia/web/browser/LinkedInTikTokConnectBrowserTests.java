package org.vigia.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.vigia.TestDatabase;
import org.vigia.platform.adapter.Routes;

/**
 * The connect flows of LinkedIn and TikTok in a real browser, through their production authorizations: an editor
 * presses the network's connect button on {@code /connections}, Chromium goes to the consent page that MockWebServer
 * serves for the network (whose "Allow" sends the browser back to the {@code redirect_uri} it was given, with a code
 * and the state), Vigía exchanges the code at the mock's token endpoint through the guarded client (LinkedIn's answer
 * has no {@code token_type}; TikTok wants {@code client_key}), reads who granted it and what it reaches (LinkedIn's
 * {@code organizationAcls} and the page, TikTok's {@code user.info}), and the browser lands back on
 * {@code /connections} with the connection ACTIVE and its account matched to the registry's.
 * <p>
 * With {@code -Dvigia.screenshots=docs} it saves docs/connections-linkedin-tiktok.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestDatabase.class)
@TestPropertySource(properties = {
		"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.maximum-pool-size=12",
		"vigia.security.admin-password=admin", "vigia.polling.schedule-enabled=false", "vigia.health.sweep-enabled=false",
		"vigia.alerts.delivery-enabled=false", "vigia.discovery.schedule-enabled=false",
		"vigia.connections.lifecycle-enabled=false", "vigia.recertification.schedule-enabled=false",
		"vigia.polling.warm-up=false", "vigia.health.snapshot-refresh-enabled=false",
		"spring.quartz.scheduler-name=vigia-test-${random.uuid}",
		"vigia.security.users[0].name=editor", "vigia.security.users[0].password=editor",
		"vigia.security.users[0].role=EDITOR", "vigia.security.allow-test-passwords=true",
		"vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		"vigia.secrets.key=2026b:AgECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
		// LinkedIn, as docs/linkedin.md configures it.
		"spring.security.oauth2.client.registration.linkedin.client-id=" + LinkedInTikTokConnectBrowserTests.LINKEDIN_CLIENT_ID,
		"spring.security.oauth2.client.registration.linkedin.client-secret=" + LinkedInTikTokConnectBrowserTests.LINKEDIN_CLIENT_SECRET,
		"spring.security.oauth2.client.registration.linkedin.client-name=LinkedIn",
		"spring.security.oauth2.client.registration.linkedin.client-authentication-method=client_secret_post",
		"spring.security.oauth2.client.registration.linkedin.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.linkedin.redirect-uri={baseUrl}/connections/oauth2/code/{registrationId}",
		"spring.security.oauth2.client.registration.linkedin.scope=r_organization_admin,r_organization_social",
		// TikTok, as docs/tiktok.md configures it.
		"spring.security.oauth2.client.registration.tiktok.client-id=" + LinkedInTikTokConnectBrowserTests.TIKTOK_CLIENT_KEY,
		"spring.security.oauth2.client.registration.tiktok.client-secret=" + LinkedInTikTokConnectBrowserTests.TIKTOK_CLIENT_SECRET,
		"spring.security.oauth2.client.registration.tiktok.client-name=TikTok",
		"spring.security.oauth2.client.registration.tiktok.client-authentication-method=client_secret_post",
		"spring.security.oauth2.client.registration.tiktok.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.tiktok.redirect-uri={baseUrl}/connections/oauth2/code/{registrationId}",
		"spring.security.oauth2.client.registration.tiktok.scope=user.info.basic,user.info.profile,user.info.stats,video.list" })
class LinkedInTikTokConnectBrowserTests {

	static final String LINKEDIN_CLIENT_ID = "78villaverdeln01";

	static final String LINKEDIN_CLIENT_SECRET = "ln-secret-0123456789";

	static final String TIKTOK_CLIENT_KEY = "awvillaverde0001";

	static final String TIKTOK_CLIENT_SECRET = "villaverde-secret";

	static final Duration PATIENCE = Duration.ofSeconds(30);

	static final LinkedInOnMock LINKEDIN_DISPATCHER = new LinkedInOnMock();

	static final TikTokOnMock TIKTOK_DISPATCHER = new TikTokOnMock();

	static final MockWebServer LINKEDIN = started(LINKEDIN_DISPATCHER);

	static final MockWebServer TIKTOK = started(TIKTOK_DISPATCHER);

	private static MockWebServer started(Dispatcher dispatcher) {
		var server = new MockWebServer();
		server.setDispatcher(dispatcher);
		try {
			server.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return server;
	}

	@DynamicPropertySource
	static void networksOnTheMockServers(DynamicPropertyRegistry registry) {
		var linkedIn = "http://127.0.0.1:" + LINKEDIN.getPort();
		registry.add("vigia.platforms.linkedin.api-url", () -> linkedIn);
		registry.add("vigia.platforms.linkedin.oauth-url", () -> linkedIn);
		registry.add("spring.security.oauth2.client.provider.linkedin.authorization-uri",
				() -> linkedIn + "/oauth/v2/authorization");
		registry.add("spring.security.oauth2.client.provider.linkedin.token-uri", () -> linkedIn + "/oauth/v2/accessToken");
		var tikTok = "http://127.0.0.1:" + TIKTOK.getPort();
		registry.add("vigia.platforms.tiktok.api-url", () -> tikTok);
		registry.add("vigia.platforms.tiktok.oauth-url", () -> tikTok);
		registry.add("spring.security.oauth2.client.provider.tiktok.authorization-uri", () -> tikTok + "/v2/auth/authorize/");
		registry.add("spring.security.oauth2.client.provider.tiktok.token-uri", () -> tikTok + "/v2/oauth/token/");
	}

	static ChromeDriver browser;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowserAndServers() {
		if (browser != null) {
			browser.quit();
		}
		LINKEDIN.close();
		TIKTOK.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	long organization;

	long page;

	long tikTokAccount;

	@BeforeEach
	void aTownHallWithItsLinkedInPageAndTikTokAccount() {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		LINKEDIN_DISPATCHER.requests.clear();
		TIKTOK_DISPATCHER.requests.clear();
		browser.manage().deleteAllCookies();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at)
				values ('Ayuntamiento de Villaverde', now(), now()) returning id""").query(Long.class).single();
		page = jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, 'LINKEDIN', 'company/ayuntamiento-de-villaverde',
				        'https://www.linkedin.com/company/ayuntamiento-de-villaverde/', now(), now())
				returning id""").param("org", organization).query(Long.class).single();
		tikTokAccount = jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, 'TIKTOK', 'aytovillaverde', 'https://www.tiktok.com/@aytovillaverde', now(), now())
				returning id""").param("org", organization).query(Long.class).single();
	}

	@Test
	void anEditorConnectsLinkedInThroughItsConsentPageAndSeesThePageMatched() {
		signIn();
		connectLinkedIn();

		var connection = connection("LinkedIn");
		assertActive(connection);
		var assets = assets(connection);
		assertThat(assets).singleElement()
			.satisfies(item -> assertThat(item).contains("LinkedIn · company/ayuntamiento-de-villaverde")
				.contains("registry account company/ayuntamiento-de-villaverde"));
		assertThat(connection.findElement(By.cssSelector("ul.assets li a")).getAttribute("href"))
			.endsWith("/accounts/" + page);
		assertThat(browser.getPageSource()).doesNotContain(LinkedInOnMock.ACCESS_TOKEN)
			.doesNotContain(LinkedInOnMock.REFRESH_TOKEN);
		assertThat(stored(page, "10002687")).isEqualTo(1);
		assertThat(state("linkedin")).isEqualTo("ACTIVE");
		// LinkedIn answers the granted scopes comma-separated: they are two permissions, not one.
		assertThat(scopes("linkedin")).containsExactly("r_organization_admin", "r_organization_social");
		assertThat(connection.getText()).contains("r_organization_admin, r_organization_social");
	}

	@Test
	void anEditorConnectsTikTokThroughItsConsentPageAndSeesTheAccountMatched() {
		signIn();
		connectTikTok();

		var connection = connection("TikTok");
		assertActive(connection);
		assertThat(assets(connection)).singleElement()
			.satisfies(item -> assertThat(item).contains("TikTok · aytovillaverde")
				.contains("registry account aytovillaverde"));
		assertThat(connection.findElement(By.cssSelector("ul.assets li a")).getAttribute("href"))
			.endsWith("/accounts/" + tikTokAccount);
		assertThat(connection.getText()).contains("Ayuntamiento de Villaverde");
		assertThat(browser.getPageSource()).doesNotContain(TikTokOnMock.ACCESS_TOKEN)
			.doesNotContain(TikTokOnMock.REFRESH_TOKEN);
		assertThat(stored(tikTokAccount, TikTokOnMock.OPEN_ID)).isEqualTo(1);
		assertThat(state("tiktok")).isEqualTo("ACTIVE");
		assertThat(scopes("tiktok")).containsExactly("user.info.basic", "user.info.profile", "user.info.stats",
				"video.list");
		// When it was granted, in the organization's time zone (Europe/Madrid by default), which is not UTC.
		var granted = connection.findElements(By.cssSelector("dl.facts dd"))
			.stream()
			.filter(dd -> dd.getText().contains("connected by editor"))
			.findFirst()
			.orElseThrow();
		var at = jdbc.sql("select granted_at from connection where registration = 'tiktok'")
			.query(java.time.OffsetDateTime.class)
			.single()
			.atZoneSameInstant(java.time.ZoneId.of("Europe/Madrid"));
		assertThat(granted.getAttribute("title")).endsWith("(Europe/Madrid)");
		assertThat(granted.getText()).doesNotContain("UTC")
			.contains(at.format(java.time.format.DateTimeFormatter.ofPattern("h:mm")));
	}

	@Test
	void bothConnectionsOfTheTownHallAreListedActive() {
		signIn();
		connectLinkedIn();
		connectTikTok();

		var connections = browser.findElements(By.cssSelector("article.connection"));
		assertThat(connections).hasSize(2);
		connections.forEach(LinkedInTikTokConnectBrowserTests::assertActive);
		assertThat(connections).extracting(WebElement::getText)
			.anySatisfy(text -> assertThat(text).contains("LinkedIn · company/ayuntamiento-de-villaverde"))
			.anySatisfy(text -> assertThat(text).contains("TikTok · aytovillaverde"));
		// Each named after its network as its connect button is, never the registration id.
		assertThat(browser.findElements(By.cssSelector("article.connection h2"))).extracting(WebElement::getText)
			.containsExactlyInAnyOrder("LinkedIn · Ayuntamiento de Villaverde", "TikTok · Ayuntamiento de Villaverde");
		// LinkedIn names no one to an app granted only the Community Management scopes: no URN for the person.
		assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("a LinkedIn member, connected by editor")
			.doesNotContain("urn:li:person");
		Screenshots.asConfigured().save(browser, "connections-linkedin-tiktok");
	}

	/**
	 * The connect form posts to Vigía, which redirects the browser to the consent page: browsers hold those redirects
	 * to the pages' form-action, which must name both consent origins or the browser silently stays put.
	 */
	@Test
	void thePagesLetTheConnectFormsRedirectsReachBothConsentPages() throws Exception {
		try (var client = java.net.http.HttpClient.newHttpClient()) {
			var login = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/login"))).build(),
					java.net.http.HttpResponse.BodyHandlers.discarding());
			var policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
			assertThat(policy).containsPattern("form-action 'self'[^;]* " + java.util.regex.Pattern.quote(base(LINKEDIN)))
				.containsPattern("form-action 'self'[^;]* " + java.util.regex.Pattern.quote(base(TIKTOK)));
		}
	}

	private void signIn() {
		browser.get(url("/login"));
		browser.findElement(By.name("username")).sendKeys("editor");
		var password = browser.findElement(By.name("password"));
		password.sendKeys("editor");
		password.submit();
		wait(driver -> !driver.getCurrentUrl().contains("/login"));
	}

	private void connectLinkedIn() {
		browser.get(url("/connections"));
		var connect = browser.findElement(By.id("connect-linkedin"));
		assertThat(connect.getText()).contains("LinkedIn");
		connect.click();

		// LinkedIn's consent page, served by the mock, with the state Vigía bound to the session.
		wait(driver -> driver.getCurrentUrl().startsWith(base(LINKEDIN) + "/oauth/v2/authorization"));
		assertThat(browser.getTitle()).isEqualTo("LinkedIn");
		var consent = LINKEDIN_DISPATCHER.last("/oauth/v2/authorization");
		assertThat(consent.queryParameter("response_type")).isEqualTo("code");
		assertThat(consent.queryParameter("client_id")).isEqualTo(LINKEDIN_CLIENT_ID);
		assertThat(consent.queryParameter("scope")).isEqualTo("r_organization_admin r_organization_social");
		assertThat(consent.queryParameter("state")).isNotBlank();
		assertThat(consent.queryParameter("redirect_uri")).isEqualTo(url("/connections/oauth2/code/linkedin"));
		browser.findElement(By.id("allow")).click();

		// Back on Vigía: the code was exchanged, the pages the person administers read.
		wait(driver -> driver.getCurrentUrl().startsWith(url("/connections?connected=")));
		var exchange = LINKEDIN_DISPATCHER.posts().getFirst();
		assertThat(exchange.getUrl().encodedPath()).isEqualTo("/oauth/v2/accessToken");
		assertThat(exchange.getBody().utf8()).contains("grant_type=authorization_code")
			.contains("code=" + LinkedInOnMock.CODE)
			.contains("client_id=" + LINKEDIN_CLIENT_ID)
			.contains("client_secret=" + LINKEDIN_CLIENT_SECRET)
			.contains("redirect_uri=")
			.contains("code_verifier=");
		var acls = LINKEDIN_DISPATCHER.requests.stream()
			.filter(request -> request.getUrl().encodedPath().equals("/rest/organizationAcls"))
			.findFirst()
			.orElseThrow();
		assertThat(acls.getHeaders().get("Authorization")).isEqualTo("Bearer " + LinkedInOnMock.ACCESS_TOKEN);
		assertThat(acls.getHeaders().get("LinkedIn-Version")).isNotBlank();
		assertThat(LINKEDIN_DISPATCHER.requests).extracting(request -> request.getUrl().encodedPath())
			.contains("/rest/organizations/10002687");
	}

	private void connectTikTok() {
		browser.get(url("/connections"));
		var connect = browser.findElement(By.id("connect-tiktok"));
		assertThat(connect.getText()).contains("TikTok");
		connect.click();

		// TikTok's consent page, served by the mock: TikTok names the client client_key and separates scopes with commas.
		wait(driver -> driver.getCurrentUrl().startsWith(base(TIKTOK) + "/v2/auth/authorize/"));
		assertThat(browser.getTitle()).isEqualTo("TikTok");
		var consent = TIKTOK_DISPATCHER.last("/v2/auth/authorize/");
		assertThat(consent.queryParameter("client_key")).isEqualTo(TIKTOK_CLIENT_KEY);
		assertThat(consent.queryParameter("response_type")).isEqualTo("code");
		assertThat(consent.queryParameter("scope"))
			.isEqualTo("user.info.basic,user.info.profile,user.info.stats,video.list");
		assertThat(consent.queryParameter("state")).isNotBlank();
		assertThat(consent.queryParameter("redirect_uri")).isEqualTo(url("/connections/oauth2/code/tiktok"));
		browser.findElement(By.id("allow")).click();

		wait(driver -> driver.getCurrentUrl().startsWith(url("/connections?connected=")));
		var exchange = TIKTOK_DISPATCHER.posts().getFirst();
		assertThat(exchange.getUrl().encodedPath()).isEqualTo("/v2/oauth/token/");
		assertThat(exchange.getBody().utf8()).contains("grant_type=authorization_code")
			.contains("code=" + java.net.URLEncoder.encode(TikTokOnMock.CODE, java.nio.charset.StandardCharsets.UTF_8))
			.contains("client_key=" + TIKTOK_CLIENT_KEY)
			.contains("client_secret=" + TIKTOK_CLIENT_SECRET)
			.contains("redirect_uri=")
			.contains("code_verifier=");
		var me = TIKTOK_DISPATCHER.requests.stream()
			.filter(request -> request.getUrl().encodedPath().equals("/v2/user/info/"))
			.findFirst()
			.orElseThrow();
		assertThat(me.getHeaders().get("Authorization")).isEqualTo("Bearer " + TikTokOnMock.ACCESS_TOKEN);
		assertThat(me.getUrl().queryParameter("fields")).contains("username");
	}

	/** The connection whose heading names the network ("LinkedIn · Ayuntamiento de Villaverde"). */
	private WebElement connection(String network) {
		return browser.findElements(By.cssSelector("article.connection"))
			.stream()
			.filter(article -> article.findElement(By.tagName("h2")).getText().startsWith(network + " · "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no connection " + network + " on " + browser.getCurrentUrl()
					+ ": " + browser.findElement(By.tagName("body")).getText()));
	}

	private static void assertActive(WebElement connection) {
		assertThat(connection.findElement(By.cssSelector(".badge")).getAttribute("class")).contains("connection-ACTIVE");
	}

	private static List<String> assets(WebElement connection) {
		return connection.findElements(By.cssSelector("ul.assets li")).stream().map(WebElement::getText).toList();
	}

	private long stored(long account, String platformId) {
		return jdbc.sql("select count(*) from connection_asset where account_id = :account and platform_id = :id and present")
			.param("account", account)
			.param("id", platformId)
			.query(Long.class)
			.single();
	}

	private String state(String registration) {
		return jdbc.sql("select state from connection where registration = :registration")
			.param("registration", registration)
			.query(String.class)
			.single();
	}

	private List<String> scopes(String registration) {
		return jdbc.sql("select unnest(scopes) from connection where registration = :registration order by 1")
			.param("registration", registration)
			.query(String.class)
			.list();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private static String base(MockWebServer server) {
		return "http://127.0.0.1:" + server.getPort();
	}

	/** Waits, and on timeout says where the browser is, what it shows, its console and what each mock was asked. */
	private void wait(Function<WebDriver, Boolean> condition) {
		new WebDriverWait(browser, PATIENCE).withMessage(() -> "the browser is at " + browser.getCurrentUrl()
				+ "\n--- page:\n" + browser.getPageSource() + "\n--- console:\n"
				+ browser.manage().logs().get(LogType.BROWSER).getAll() + "\n--- LinkedIn mock was asked:\n"
				+ LINKEDIN_DISPATCHER.describe() + "\n--- TikTok mock was asked:\n" + TIKTOK_DISPATCHER.describe())
			.until(condition);
	}

	/** A network on the mock: records every request, serves the consent page, answers the rest by path. */
	abstract static class NetworkOnMock extends Dispatcher {

		final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			requests.add(request);
			return answer(request);
		}

		abstract MockResponse answer(RecordedRequest request);

		/** The last request for this path (the browser also asks for a favicon). */
		HttpUrl last(String path) {
			return requests.stream()
				.map(RecordedRequest::getUrl)
				.filter(url -> url.encodedPath().equals(path))
				.reduce((first, second) -> second)
				.orElseThrow(() -> new AssertionError("no request for " + path + "; asked: " + describe()));
		}

		List<RecordedRequest> posts() {
			var posts = requests.stream().filter(request -> request.getMethod().equals("POST")).toList();
			assertThat(posts).as("the code exchange; asked: " + describe()).isNotEmpty();
			return posts;
		}

		String describe() {
			var lines = new StringBuilder();
			for (var request : requests) {
				lines.append(request.getMethod()).append(' ').append(request.getTarget()).append('\n');
			}
			return lines.toString();
		}

		/**
		 * The person's consent: a page whose "Allow" link goes back to the {@code redirect_uri} it was given with the
		 * code, the state and whatever else the network adds.
		 */
		static MockResponse consent(HttpUrl url, String title, String code, String... extra) {
			var back = HttpUrl.parse(url.queryParameter("redirect_uri")).newBuilder().addQueryParameter("code", code);
			for (int i = 0; i < extra.length; i += 2) {
				back.addQueryParameter(extra[i], extra[i + 1]);
			}
			back.addQueryParameter("state", url.queryParameter("state"));
			var html = """
					<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
					<body><h1>Vigía wants to read your accounts</h1>
					<a id="allow" href="%s">Allow</a></body></html>""".formatted(title,
					back.build().toString().replace("&", "&amp;"));
			return new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "text/html; charset=utf-8")
				.body(html)
				.build();
		}

		static MockResponse notFound(RecordedRequest request) {
			return new MockResponse.Builder().code(404)
				.body("no route for " + request.getMethod() + " " + request.getTarget())
				.build();
		}

	}

	/**
	 * LinkedIn's OAuth 2.0 server and REST API: the consent page, the code exchange at {@code /oauth/v2/accessToken}
	 * (answered without {@code token_type}, scopes comma-separated, with a refresh token as for apps enabled for
	 * programmatic refresh), the person's page roles ({@code organizationAcls}) and the page.
	 */
	static final class LinkedInOnMock extends NetworkOnMock {

		static final String CODE = "AQTvillaverdeCODEfromLinkedIn";

		static final String ACCESS_TOKEN = "AQXvillaverdeACCESStoken0000000000000000000000000000000";

		static final String REFRESH_TOKEN = "AQWvillaverdeREFRESHtoken00000000000000000000000000000";

		private final Routes fixtures = new Routes("linkedin");

		@Override
		MockResponse answer(RecordedRequest request) {
			var url = request.getUrl();
			return switch (url.encodedPath()) {
				case "/oauth/v2/authorization" -> consent(url, "LinkedIn", CODE);
				case "/oauth/v2/accessToken" -> Routes.json(200, """
						{"access_token": "%s", "expires_in": 5184000, "refresh_token": "%s",
						 "refresh_token_expires_in": 31536000, "scope": "r_organization_admin,r_organization_social"}"""
					.formatted(ACCESS_TOKEN, REFRESH_TOKEN));
				case "/rest/organizationAcls" -> fixtures.fixture("organization-acls.json");
				case "/rest/organizations/10002687" -> fixtures.fixture("organization.json");
				default -> notFound(request);
			};
		}

	}

	/**
	 * TikTok's Login Kit for Web and API v2: the consent page (which sends back {@code scopes} too), the code exchange
	 * at {@code /v2/oauth/token/} (tokens.json) and who granted it ({@code /v2/user/info/}).
	 */
	static final class TikTokOnMock extends NetworkOnMock {

		// TikTok's codes carry characters a form encodes (TikTok says to URL-decode the code before using it).
		static final String CODE = "DRwvillaverdeCODEfromTikTok*0!4471.e1";

		static final String ACCESS_TOKEN = "act.villaverdeFIRST0000000000000000000000000000!4471.e1";

		static final String REFRESH_TOKEN = "rft.villaverdeFIRST000000000000000000000000000!4471.e1";

		static final String OPEN_ID = "723f24d7-e717-40f8-a2b6-cb8464cd23b4";

		private final Routes fixtures = new Routes("tiktok");

		@Override
		MockResponse answer(RecordedRequest request) {
			var url = request.getUrl();
			return switch (url.encodedPath()) {
				case "/v2/auth/authorize/" -> consent(url, "TikTok", CODE, "scopes", url.queryParameter("scope"));
				case "/v2/oauth/token/" -> fixtures.fixture("token.json");
				case "/v2/user/info/" -> fixtures.fixture("user-info.json");
				default -> notFound(request);
			};
		}

	}

}
