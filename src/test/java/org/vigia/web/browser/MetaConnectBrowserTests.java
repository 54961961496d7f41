package org.vigia.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
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
import org.vigia.connections.FacebookOnMock;

/**
 * The whole Facebook connect flow in a real browser: an editor presses "Connect Facebook" on {@code /connections},
 * Chromium goes to the login dialog that MockWebServer serves (a consent page whose "Allow" link goes back to Vigía's
 * redirect URI with the code and the state), Vigía exchanges the code at the mock's token endpoint (through the
 * guarded client), turns the user token into a long-lived one, lists the person's Pages, and the browser lands back
 * on {@code /connections} with the Pages listed and matched to the registry accounts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestDatabase.class)
@TestPropertySource(properties = {
		"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.maximum-pool-size=12",
		"vigia.security.admin-password=admin", "vigia.polling.schedule-enabled=false", "vigia.health.sweep-enabled=false",
		"vigia.alerts.delivery-enabled=false", "vigia.discovery.schedule-enabled=false",
		"vigia.connections.lifecycle-enabled=false", "vigia.recertification.schedule-enabled=false",
		"vigia.polling.warm-up=false", "vigia.health.snapshot-refresh-enabled=false", "spring.quartz.scheduler-name=vigia-test-${random.uuid}",
		"vigia.security.users[0].name=editor", "vigia.security.users[0].password=editor",
		"vigia.security.users[0].role=EDITOR", "vigia.security.allow-test-passwords=true",
		"vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		"vigia.secrets.key=2026b:AgECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
		"vigia.platforms.meta.app-id=" + FacebookOnMock.APP_ID,
		"vigia.platforms.meta.app-secret=" + FacebookOnMock.APP_SECRET,
		"vigia.platforms.meta.config-id=" + MetaConnectBrowserTests.CONFIG_ID,
		"spring.security.oauth2.client.registration.facebook.client-id=" + FacebookOnMock.APP_ID,
		"spring.security.oauth2.client.registration.facebook.client-secret=" + FacebookOnMock.APP_SECRET,
		"spring.security.oauth2.client.registration.facebook.client-name=Facebook",
		"spring.security.oauth2.client.registration.facebook.client-authentication-method=client_secret_post",
		"spring.security.oauth2.client.registration.facebook.scope=pages_show_list,pages_read_engagement",
		"spring.security.oauth2.client.registration.facebook.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.facebook.redirect-uri={baseUrl}/connections/oauth2/code/{registrationId}" })
class MetaConnectBrowserTests {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	/** The Facebook Login for Business configuration made in the app dashboard. */
	static final String CONFIG_ID = "1029384756102938";

	static final FacebookOnMock FACEBOOK_DISPATCHER = new FacebookOnMock();

	static final MockWebServer FACEBOOK = new MockWebServer();

	static {
		FACEBOOK.setDispatcher(FACEBOOK_DISPATCHER);
		try {
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

	static ChromeDriver browser;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowserAndServer() {
		if (browser != null) {
			browser.quit();
		}
		FACEBOOK.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	long organization;

	long page;

	@BeforeEach
	void aTownHallWithItsFacebookPage() {
		jdbc.sql("truncate account, unit, organization, connection, connection_token_access restart identity cascade")
			.update();
		FACEBOOK_DISPATCHER.requests.clear();
		browser.manage().deleteAllCookies();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at)
				values ('Ayuntamiento de Villaverde', now(), now()) returning id""").query(Long.class).single();
		page = jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, 'FACEBOOK', 'aytovillaverde', 'https://www.facebook.com/aytovillaverde', now(), now())
				returning id""").param("org", organization).query(Long.class).single();
	}

	@Test
	void anEditorConnectsFacebookThroughTheConsentPageAndSeesThePagesMatched() {
		browser.get(url("/login"));
		browser.findElement(By.name("username")).sendKeys("editor");
		var password = browser.findElement(By.name("password"));
		password.sendKeys("editor");
		password.submit();
		wait(driver -> !driver.getCurrentUrl().contains("/login"));

		browser.get(url("/connections"));
		assertThat(browser.findElements(By.cssSelector("article.connection"))).as("no connection yet").isEmpty();
		var connect = browser.findElement(By.id("connect-facebook"));
		assertThat(connect.getText()).contains("Facebook");
		connect.click();

		// The network's consent page, served by the mock, with the state Vigía bound to the session.
		wait(driver -> driver.getCurrentUrl().startsWith("http://127.0.0.1:" + FACEBOOK.getPort() + "/v26.0/dialog/oauth"));
		assertThat(browser.getTitle()).isEqualTo("Log in with Facebook");
		// (The browser also asks the mock for its favicon: the dialog is the request for the consent page.)
		var dialog = FACEBOOK_DISPATCHER.requests.stream()
			.map(request -> request.getUrl())
			.filter(url -> url.encodedPath().equals("/v26.0/dialog/oauth"))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(dialog.queryParameter("client_id")).isEqualTo(FacebookOnMock.APP_ID);
		assertThat(dialog.queryParameter("response_type")).isEqualTo("code");
		assertThat(dialog.queryParameter("state")).isNotBlank();
		assertThat(dialog.queryParameter("code_challenge_method")).isEqualTo("S256");
		assertThat(dialog.queryParameter("redirect_uri")).isEqualTo(url("/connections/oauth2/code/facebook"));
		// Facebook Login for Business: the configuration holds the permissions, so no scope is sent beside it.
		assertThat(dialog.queryParameter("config_id")).isEqualTo(CONFIG_ID);
		assertThat(dialog.queryParameter("scope")).isNull();
		browser.findElement(By.id("allow")).click();

		// Back on Vigía: the code was exchanged at the token endpoint, the Pages are listed and matched.
		wait(driver -> driver.getCurrentUrl().startsWith(url("/connections?connected=")));
		var exchange = FACEBOOK_DISPATCHER.requests.stream()
			.filter(request -> request.getMethod().equals("POST"))
			.findFirst()
			.orElseThrow();
		assertThat(exchange.getUrl().encodedPath()).isEqualTo("/v26.0/oauth/access_token");
		assertThat(exchange.getBody().utf8()).contains("code=" + FacebookOnMock.CODE)
			.contains("grant_type=authorization_code")
			.contains("code_verifier=");
		assertThat(FACEBOOK_DISPATCHER.requests).extracting(request -> request.getUrl().encodedPath())
			.contains("/v26.0/me/accounts");

		var connection = browser.findElement(By.cssSelector("article.connection"));
		var assets = connection.findElements(By.cssSelector("ul.assets li"))
			.stream()
			.map(item -> item.getText())
			.toList();
		assertThat(assets).anySatisfy(item -> assertThat(item).contains("Facebook · aytovillaverde")
			.contains("registry account aytovillaverde"));
		assertThat(assets).anySatisfy(item -> assertThat(item).contains("Facebook · 110223344556677")
			.contains("not in the registry"));
		var matched = connection.findElement(By.cssSelector("ul.assets li a"));
		assertThat(matched.getAttribute("href")).endsWith("/accounts/" + page);
		assertThat(browser.getPageSource()).doesNotContain(FacebookOnMock.LONG_TOKEN)
			.doesNotContain(FacebookOnMock.SHORT_TOKEN)
			.doesNotContain(FacebookOnMock.PAGE_TOKENS.getFirst());

		var stored = jdbc.sql("select count(*) from connection_asset where account_id = :page and present")
			.param("page", page)
			.query(Long.class)
			.single();
		assertThat(stored).isEqualTo(1);
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void wait(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
		new WebDriverWait(browser, PATIENCE)
			.withMessage(() -> "the browser is at " + browser.getCurrentUrl() + " showing: "
					+ browser.findElement(By.tagName("body")).getText())
			.until(condition);
	}

}
