package org.vigia.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.vigia.TestDatabase;
import org.vigia.health.Guidelines;
import org.vigia.polling.PollRun;
import org.vigia.polling.PollRuns;
import org.vigia.registry.ImportRejectedException;
import org.vigia.registry.OrganizationDraft;
import org.vigia.registry.Registry;
import org.vigia.registry.RegistryCsv;

/**
 * The dashboard in a real browser (Debian's headless Chromium, see {@link Browser}) against the running application
 * on real PostgreSQL, its platforms played by MockWebServer from the fixtures: what a communications office does on
 * its first day, hostile display names, the keyboard and a phone.
 * <p>
 * The application's clock runs from {@link #T0}, the time the fixtures were written for, so that their newest posts
 * are two weeks old (active) or 213 days old (abandoned). The properties are those of {@code IntegrationTest}, which
 * cannot be reused as it is because it asks for a mock web environment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestDatabase.class)
@TestPropertySource(properties = {
		"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.maximum-pool-size=18",
		"vigia.security.admin-password=admin", "vigia.polling.schedule-enabled=false", "vigia.health.sweep-enabled=false",
		"vigia.alerts.delivery-enabled=false", "vigia.discovery.schedule-enabled=false",
		"spring.quartz.scheduler-name=vigia-test-${random.uuid}",
		"vigia.security.users[0].name=editor", "vigia.security.users[0].password=editor",
		"vigia.security.users[0].role=EDITOR",
		"vigia.security.users[1].name=viewer", "vigia.security.users[1].password=viewer",
		"vigia.security.users[1].role=VIEWER", "vigia.security.allow-test-passwords=true",
		"vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms" })
class DashboardBrowserTests {

	static final Instant T0 = Instant.parse("2026-05-14T12:00:00Z");

	static final String TOWN = "Ayuntamiento de Villaverde";

	static final Duration PATIENCE = Duration.ofSeconds(30);

	static final VillaverdePlatforms PLATFORMS = new VillaverdePlatforms();

	static final MockWebServer SERVER = new MockWebServer();

	static {
		SERVER.setDispatcher(PLATFORMS);
		try {
			SERVER.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ChromeDriver browser;

	static final Screenshots screenshots = Screenshots.asConfigured();

	@TestBean
	Clock clock;

	static Clock clock() {
		return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), T0));
	}

	@DynamicPropertySource
	static void platformsOnTheMockServer(DynamicPropertyRegistry registry) {
		var base = SERVER.url("/").toString();
		registry.add("vigia.platforms.bluesky.api-url", () -> base);
		registry.add("vigia.platforms.telegram.url", () -> base);
		registry.add("vigia.platforms.youtube.feed-url", () -> base);
		registry.add("vigia.discovery.mastodon-instances", () -> base.substring(0, base.length() - 1));
	}

	static DevTools avatars;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
		avatars = Browser.servePlatformImages(browser);
	}

	@AfterAll
	static void stopBrowserAndServer() {
		if (avatars != null) {
			avatars.close();
		}
		if (browser != null) {
			browser.quit();
		}
		SERVER.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RegistryCsv registry;

	@Autowired
	Registry organizations;

	@Autowired
	PollRuns runs;

	@Autowired
	Guidelines guidelines;

	@TempDir
	Path files;

	@BeforeEach
	void emptyRegistryAndLoggedOut() {
		jdbc.sql("""
				truncate account, unit, organization, poll_run, finding, finding_transition, discovery_run,
				         discovery_probe, discovery_avatar, released_handle, lookalike_allowlist restart identity cascade
				""").update();
		PLATFORMS.unexpected.clear();
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		browser.manage().logs().get(LogType.BROWSER);
	}

	/**
	 * The town hall's registry: six units, fourteen accounts on seven networks, with their stories: active, silent
	 * past the limit, silent within a longer limit of its own, moved, suspended, deleted, deactivated, without a unit,
	 * without any contact, and on networks Vigía cannot poll.
	 */
	static String villaverde() {
		var base = SERVER.url("/").toString();
		return """
				organization,unit,platform,handle,url,display_name,contact_email,purpose,max_silence_days
				{town},Comunicación,mastodon,,{base}@ayuntamiento,Ayuntamiento de Villaverde,comunicacion@villaverde.example,Información municipal,
				{town},Comunicación,bluesky,villaverde.example,,Ayuntamiento de Villaverde,comunicacion@villaverde.example,Información municipal,
				{town},Comunicación,youtube,,https://www.youtube.com/channel/UCq0sWJ3mTq8dFzYkLr1vN2c,Villaverde TV,comunicacion@villaverde.example,Plenos y vídeos,
				{town},Comunicación,feed,,{base}noticias/rss.xml,Noticias municipales,comunicacion@villaverde.example,Notas de prensa,
				{town},Comunicación,instagram,ayuntamientovillaverde,,Ayuntamiento de Villaverde,comunicacion@villaverde.example,Fotografía,
				{town},Cultura,mastodon,,{base}@cultura,Villaverde Cultura,cultura@villaverde.example,Agenda cultural,
				{town},Cultura,bluesky,cultura-villaverde.bsky.social,,Villaverde Cultura,cultura@villaverde.example,Agenda cultural,
				{town},Bibliotecas,mastodon,,{base}@bibliotecas,Bibliotecas de Villaverde,bibliotecas@villaverde.example,Clubes de lectura,220
				{town},Juventud,mastodon,,{base}@juventud,Villaverde Joven,juventud@villaverde.example,Ocio juvenil,
				{town},Juventud,bluesky,juventud-villaverde.bsky.social,,Villaverde Joven,juventud@villaverde.example,Ocio juvenil,
				{town},Deportes,mastodon,,{base}@deportes,Deportes Villaverde,deportes@villaverde.example,Instalaciones deportivas,
				{town},Turismo,telegram,villaverde_turismo,,Turismo Villaverde,turismo@villaverde.example,Visitas guiadas,
				{town},Turismo,x,VillaverdeTur,,Turismo Villaverde,,Campañas,
				{town},,telegram,villaverde_avisos,,Avisos Villaverde,avisos@villaverde.example,Cortes de tráfico,
				""".replace("{town}", TOWN).replace("{base}", base);
	}

	static final int ACCOUNTS = 14;

	@Test
	void anEditorLogsInImportsTheRegistryPollsItAndTriagesAFinding() {
		// Logging in: a wrong password is refused on the form, the right one opens the overview.
		open("/");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		screenshots.take(browser, "login");
		logIn("editor", "wrong");
		assertThat(browser.getCurrentUrl()).contains("/login?error");
		assertThat(find("[role=alert], .alert").getText()).isEqualTo("Invalid credentials");
		logIn("editor", "editor");
		assertThat(path()).isEqualTo("/");
		assertThat(heading()).isEqualTo("Overview");
		assertThat(text()).contains("No accounts yet: import the registry.");

		// A file with a typo is refused line by line, and nothing is written.
		navigate("Registry");
		var typo = villaverde().replace("Comunicación,instagram,", "Comunicación,instagam,");
		upload(write("villaverde.csv", typo), "Import");
		var report = browser.findElement(By.cssSelector("[role=alert].report.rejected"));
		assertThat(report.getText()).contains("The file villaverde.csv has 1 error(s): nothing was imported.");
		assertThat(cells(report.findElements(By.cssSelector("tbody tr")).getFirst())).startsWith("6", "platform");
		assertThat(count("account")).isZero();

		// Corrected, it is checked and then imported.
		var corrected = write("villaverde.csv", villaverde());
		upload(corrected, "Check");
		assertThat(find("[role=status].report").getText()).contains("Check of villaverde.csv: the file can be imported.")
			.contains("Nothing was written.");
		assertThat(count("account")).isZero();
		upload(corrected, "Import");
		var imported = find("[role=status].report");
		assertThat(imported.getText()).contains("Imported villaverde.csv.").doesNotContain("Nothing was written.");
		assertThat(facts(imported)).containsEntry("Accounts created", "14")
			.containsEntry("Organizations created", "1")
			.containsEntry("Units created", "6");
		assertThat(text()).contains("1 organizations").contains(TOWN);
		assertThat(count("account")).isEqualTo(ACCOUNTS);
		screenshots.take(browser, "registry");

		// A run checks every account against the platforms; its page follows it until it completes.
		navigate("Runs");
		assertThat(text()).contains("No run yet.");
		follow(By.xpath("//button[normalize-space()='Check every account now']"));
		assertThat(path()).matches("/runs/\\d+");
		assertThat(find("#run-progress").getAttribute("max")).isEqualTo(String.valueOf(ACCOUNTS));
		new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.textToBe(By.cssSelector(".badge"), "Completed"));
		assertThat(find("label[for=run-progress]").getText()).isEqualTo("14 of 14 accounts checked");
		assertThat(find("#run-progress").getAttribute("value")).isEqualTo(String.valueOf(ACCOUNTS));
		assertThat(facts(find("dl.facts"))).containsEntry("Checked", "14").containsEntry("Failed", "0");
		assertThat(browser.findElements(By.cssSelector("meta[http-equiv=refresh]"))).isEmpty();
		navigate("Runs");
		assertThat(text()).contains("1 runs").contains("Completed");
		screenshots.take(browser, "runs");

		// The overview counts the accounts by health and the open findings by type.
		navigate("Overview");
		assertThat(heading()).isEqualTo(TOWN);
		assertThat(cards()).containsEntry("Active accounts", "14")
			.containsEntry("Active", "6")
			.containsEntry("Abandoned", "1")
			.containsEntry("Dormant", "1")
			.containsEntry("Moved", "1")
			.containsEntry("Gone", "3")
			.containsEntry("Unknown", "2")
			.containsEntry("Open findings", "8")
			// The types by name: "Abandoned" is also the state's, with the same count here.
			.containsEntry("Unowned", "2")
			.doesNotContainKeys("ABANDONED", "UNOWNED");
		screenshots.take(browser, "overview");

		// The accounts, longest silent first; the abandoned one opens on its page.
		navigate("Accounts");
		assertThat(text()).contains("14 accounts");
		var cultura = "cultura@" + authority();
		assertThat(firstCellOfRows()).first().asString().contains(cultura);
		screenshots.take(browser, "accounts");
		follow(By.linkText("ayuntamiento@" + authority()));
		assertThat(heading()).endsWith("Active");
		assertThat(text()).contains("14 days ago (Apr 30, 2026)").contains("1 posts seen in 26 weeks").contains("No findings");
		assertThat(find("img[width='64']").getAttribute("naturalWidth")).as("the avatar loaded").isNotEqualTo("0");
		screenshots.take(browser, "account");
		follow(By.linkText("All accounts"));
		follow(By.linkText(cultura));
		assertThat(heading()).startsWith(cultura).endsWith("Abandoned");
		assertThat(text()).contains("213 days ago (Oct 13, 2025)").contains("Villaverde Cultura").contains("15,230 followers")
			.contains("No public post for 213 days; the limit for accounts is 90");

		// The findings, gravest first; the abandoned account's is dismissed with a reason.
		navigate("Findings");
		assertThat(text()).contains("8 findings");
		assertThat(browser.findElements(By.cssSelector("main tbody .badge")).stream().map(WebElement::getText))
			.containsExactly("High", "High", "High", "High", "Medium", "Medium", "Medium", "Low");
		screenshots.take(browser, "findings");
		follow(By.linkText(cultura + " on Mastodon"));
		assertThat(heading()).isEqualTo("High Abandoned: " + cultura + " on Mastodon");
		var reason = "Closed for refurbishment until September; the museum reopens with a new account";
		browser.findElement(By.name("reason")).sendKeys(reason);
		follow(By.xpath("//button[normalize-space()='Dismiss']"));
		assertThat(find("[role=status]").getText()).isEqualTo("Done.");
		assertThat(facts(find("dl.facts"))).containsEntry("Status", "Dismissed").containsEntry("Reason", reason);
		var history = browser.findElements(By.cssSelector("ol.history li"));
		assertThat(history).hasSize(2);
		assertThat(history.getFirst().getText()).startsWith("Dismissed").contains("editor").contains(reason);
		assertThat(history.getLast().getText()).startsWith("Opened");
		screenshots.take(browser, "finding");
		var finding = path();
		navigate("Findings");
		assertThat(text()).contains("7 findings").doesNotContain(cultura);

		// Spanish and back, on the page where the switch was made.
		var here = path();
		follow(By.linkText("Español"));
		assertThat(path()).isEqualTo(here);
		assertThat(find("html").getAttribute("lang")).isEqualTo("es");
		assertThat(find("h1").getText()).isEqualTo("Hallazgos");
		assertThat(navigationLinks()).containsExactly("Resumen", "Cuentas", "Hallazgos", "Registro", "Ejecuciones", "Conexiones", "Correo");
		navigate("Resumen");
		assertThat(cards()).containsEntry("Abandonada", "1");
		follow(By.linkText("English"));
		assertThat(find("html").getAttribute("lang")).isEqualTo("en");
		assertThat(navigationLinks()).containsExactly("Overview", "Accounts", "Findings", "Registry", "Runs", "Connections", "Mail");

		// The overview and the finding in every other language: no English sentence, kept as screenshots.
		for (var language : java.util.List.of("es", "ca", "gl", "eu")) {
			for (var page : java.util.Map.of("overview", "/", "finding", finding).entrySet()) {
				open(page.getValue() + "?lang=" + language);
				assertThat(find("html").getAttribute("lang")).isEqualTo(language);
				try {
					org.vigia.alerts.LanguageGuardTests.assertNoEnglishAndNoKey(find("body").getText(),
							page.getKey() + " in " + language);
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
				screenshots.take(browser, page.getKey() + "-" + language);
			}
		}
		open("/?lang=en");

		assertThat(PLATFORMS.unexpected).isEmpty();
		assertNoConsoleErrors();
	}

	@Test
	void anEditorLooksForLookAlikesComparesAnImpersonatorSideBySideAndDismissesIt() {
		// The town hall with its alias and its own domain, under which an account proves official control.
		organizations.createOrganization(new OrganizationDraft(TOWN, List.of("Ayto. de Villaverde"),
				List.of(VillaverdePlatforms.OFFICIAL_DOMAIN)));
		importRegistry(villaverde());
		pollEveryAccount();
		logIn();

		// A discovery run searches Bluesky and the Mastodon server and probes look-alike handles; its page follows it.
		navigate("Runs");
		assertThat(text()).contains("No discovery run yet.");
		follow(By.xpath("//button[normalize-space()='Look for look-alikes now']"));
		assertThat(path()).matches("/runs/discovery/\\d+");
		new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.textToBe(By.cssSelector(".badge"), "Completed"));
		assertThat(find("label[for=run-progress]").getText()).isEqualTo("1 of 1 organizations examined");
		var run = facts(find("dl.facts"));
		assertThat(run).containsEntry("Failed", "0")
			.containsEntry("Unanswered", "0")
			.containsEntry("Impersonations", "1")
			.containsEntry("Unregistered", "1");
		assertThat(Integer.parseInt(run.get("Searches"))).isPositive();
		assertThat(Integer.parseInt(run.get("Probes"))).isPositive();
		assertThat(browser.findElements(By.cssSelector("meta[http-equiv=refresh]"))).isEmpty();
		screenshots.take(browser, "discovery-run");

		// The impersonator is reported; the other town, the fan account and the football club are not.
		var impersonator = VillaverdePlatforms.IMPERSONATOR;
		follow(By.linkText("See the findings"));
		assertThat(path()).isEqualTo("/findings");
		assertThat(new Select(find("select[name=type]")).getAllSelectedOptions()).extracting(WebElement::getText)
			.containsExactly("IMPERSONATION");
		assertThat(browser.findElements(By.cssSelector("main tbody tr strong")).stream().map(WebElement::getText))
			.containsExactly("Impersonation");
		assertThat(text()).contains(impersonator.handle())
			.doesNotContain("aytovillaviciosa")
			.doesNotContain("villaverdefotos")
			.doesNotContain("cdvillaverde");
		// The sports department's account proves official control with its handle: it is unregistered.
		filterFindings("UNREGISTERED");
		assertThat(browser.findElements(By.cssSelector("main tbody tr strong")).stream().map(WebElement::getText))
			.containsExactly("Unregistered");
		assertThat(text()).contains(VillaverdePlatforms.UNREGISTERED.handle() + " on Bluesky");

		// Side by side: the official account and the candidate, the score and its reasons, what found it.
		filterFindings("IMPERSONATION");
		follow(By.linkText(impersonator.handle() + " on Bluesky"));
		assertThat(heading()).isEqualTo("High Impersonation: " + impersonator.handle() + " on Bluesky");
		var sideBySide = find("table.side-by-side");
		var handles = sideBySide.findElements(By.cssSelector("tbody tr")).stream().map(DashboardBrowserTests::cells)
			.filter(row -> row.getFirst().equals("Handle"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Handle row in " + sideBySide.getText()));
		assertThat(handles).containsExactly("Handle", VillaverdePlatforms.OFFICIAL_DOMAIN, impersonator.handle());
		assertThat(sideBySide.getText()).contains(impersonator.displayName()).contains(TOWN);
		var reasons = browser.findElements(By.xpath("//table[thead//th[normalize-space()='Points']]/tbody/tr"));
		assertThat(reasons).extracting(row -> cells(row).get(1))
			.anySatisfy(points -> assertThat(points).matches("\\+\\d+"));
		assertThat(browser.findElement(By.xpath("//h3[starts-with(normalize-space(), 'Score')]")).getText())
			.matches("Score \\d+ \\(threshold \\d+\\)");
		assertThat(text()).contains("Found by").contains("search for");

		// The copied bio carries markup: it is shown as text, and nothing of it runs.
		assertThat(sideBySide.getText()).contains(VillaverdePlatforms.HOSTILE_NAME);
		assertThat(browser.findElements(By.cssSelector("img[src=x], img[onerror]"))).isEmpty();
		assertThatNoAlertIsOpen();
		assertThat(browser.findElements(By.cssSelector("table.side-by-side img"))).as("both avatars").hasSize(2)
			.allSatisfy(image -> assertThat(image.getAttribute("src")).startsWith("https://"));
		screenshots.take(browser, "impersonation");

		// Dismissed as a known namesake, it stays quiet.
		browser.findElement(By.name("reason")).sendKeys("known namesake");
		follow(By.xpath("//button[normalize-space()='Dismiss']"));
		assertThat(find("[role=status]").getText()).isEqualTo("Done.");
		assertThat(facts(find("dl.facts"))).containsEntry("Status", "Dismissed").containsEntry("Reason", "known namesake");
		assertThat(browser.findElements(By.cssSelector("ol.history li")).getFirst().getText()).startsWith("Dismissed")
			.contains("editor")
			.contains("known namesake");
		assertThat(jdbc.sql("select handle || ': ' || reason from lookalike_allowlist").query(String.class).list())
			.containsExactly(impersonator.handle() + ": known namesake");
		navigate("Findings");
		filterFindings("IMPERSONATION");
		assertThat(text()).contains("0 findings").doesNotContain(impersonator.handle());

		assertThat(PLATFORMS.unexpected).isEmpty();
		assertNoConsoleErrors();
	}

	@Test
	void aHostileDisplayNameRendersAsTextOnEveryPage() {
		var hostile = VillaverdePlatforms.HOSTILE_NAME;
		var csv = "organization,unit,platform,url,display_name,contact_email\n" + TOWN + ",Cultura,mastodon,"
				+ SERVER.url("/") + "@hostil,\"" + hostile + "\",cultura@villaverde.example\n";
		importRegistry(csv);
		long organization = jdbc.sql("select id from organization").query(Long.class).single();
		// The guideline that the display name must name the town hall quotes the name in the finding.
		guidelines.set(organization, true, false, true, null);
		pollEveryAccount();
		long account = jdbc.sql("select id from account").query(Long.class).single();
		long finding = jdbc.sql("select id from finding where type = 'GUIDELINE'").query(Long.class).single();

		logIn();
		for (var page : List.of("/accounts/" + account, "/accounts", "/findings", "/findings/" + finding)) {
			open(page);
			assertThat(text()).as(page).contains(hostile);
			assertThat(browser.findElements(By.cssSelector("img[src=x], img[onerror]"))).as(page).isEmpty();
			assertThatNoAlertIsOpen();
		}
		open("/findings/" + finding);
		assertThat(text()).contains("the display name \"" + hostile + "\" does not contain " + TOWN);
		assertNoConsoleErrors();
	}

	@Test
	void theLoginFormAndTheMainNavigationWorkWithTheKeyboard() {
		open("/login");
		// Autofocus applies once the page has rendered, which a loaded machine may delay past the load event.
		new WebDriverWait(browser, Duration.ofSeconds(5))
			.until(driver -> "username".equals(driver.switchTo().activeElement().getAttribute("name")));
		assertThat(focused().getAttribute("name")).as("focused on arrival").isEqualTo("username");
		typeInFocused("editor");
		press(Keys.TAB);
		assertThat(focused().getAttribute("name")).isEqualTo("password");
		typeInFocused("editor");
		pressToLeave(Keys.ENTER);
		assertThat(path()).isEqualTo("/");

		// The first stop is the skip link, visible once focused; it leads to the content.
		press(Keys.TAB);
		var skip = focused();
		assertThat(skip.getText()).isEqualTo("Skip to content");
		assertThat(skip.getRect().getX()).as("the focused skip link is on screen").isGreaterThanOrEqualTo(0);
		assertThat(outline(skip)).as("focus indicator").isNotEqualTo("none");
		press(Keys.ENTER);
		new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlContains("#main"));

		// Then the brand and the navigation, in reading order; Enter follows a link.
		open("/");
		press(Keys.TAB);
		press(Keys.TAB);
		assertThat(focused().getText()).isEqualTo("Vigía");
		press(Keys.TAB);
		assertThat(focused().getText()).isEqualTo("Overview");
		press(Keys.TAB);
		var accounts = focused();
		assertThat(accounts.getText()).isEqualTo("Accounts");
		assertThat(outline(accounts)).as("focus indicator").isNotEqualTo("none");
		pressToLeave(Keys.ENTER);
		assertThat(path()).isEqualTo("/accounts");
		assertThat(find("nav a[aria-current=page]").getText()).isEqualTo("Accounts");
		assertNoConsoleErrors();
	}

	@Test
	void everyFieldHasALabelAndEveryTextEnoughContrast() {
		importRegistry(villaverde());
		pollEveryAccount();
		long account = jdbc.sql("select id from account where handle like 'cultura@%'").query(Long.class).single();
		long finding = jdbc.sql("select id from finding where type = 'ABANDONED'").query(Long.class).single();
		open("/login");
		assertThat(unlabelledFields()).as("fields without a label on /login").isEmpty();
		logIn();
		for (var page : List.of("/", "/accounts", "/accounts/" + account, "/findings", "/findings/" + finding,
				"/registry", "/runs", "/?lang=es")) {
			open(page);
			assertThat(unlabelledFields()).as("fields without a label on %s", page).isEmpty();
			assertThat(lowContrast()).as("text under WCAG AA contrast on %s", page).isEmpty();
		}
		// The checks see what they look for: light grey text on white, a field named by its placeholder only.
		((JavascriptExecutor) browser).executeScript("""
				const faint = document.createElement('p');
				faint.textContent = 'Faint print';
				faint.style.color = '#aaaaaa';
				faint.style.background = '#ffffff';
				const field = document.createElement('input');
				field.placeholder = 'Name';
				document.querySelector('main').append(faint, field);""");
		assertThat(lowContrast()).singleElement().asString().startsWith("p \"Faint print\" 2.32:1");
		assertThat(unlabelledFields()).singleElement().asString().contains("placeholder=\"Name\"");
		assertNoConsoleErrors();
	}

	@Test
	void onAPhoneNoPageScrollsSideways() {
		importRegistry(villaverde());
		pollEveryAccount();
		long account = jdbc.sql("select id from account where handle like 'cultura@%'").query(Long.class).single();
		long finding = jdbc.sql("select id from finding where type = 'ABANDONED'").query(Long.class).single();
		long run = jdbc.sql("select id from poll_run").query(Long.class).single();
		logIn();
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
		try {
			// In every language: Basque and Catalan names of types and states are the longest words on the pages.
			for (var language : List.of("en", "es", "ca", "gl", "eu")) {
				for (var page : List.of("/", "/accounts", "/accounts/" + account, "/findings", "/findings/" + finding,
						"/registry", "/runs", "/runs/" + run, "/login")) {
					open(page + "?lang=" + language);
					if (page.equals("/")) {
						screenshots.take(browser, language.equals("en") ? "overview-phone" : "overview-phone-" + language);
					}
					var widths = (List<?>) ((JavascriptExecutor) browser).executeScript(
							"return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
					assertThat(((Number) widths.get(0)).longValue())
						.as("width of %s in %s on a 390 px wide phone; sticking out: %s", page, language, overflowing())
						.isLessThanOrEqualTo(((Number) widths.get(1)).longValue());
					var sticking = (List<?>) ((JavascriptExecutor) browser).executeScript("""
							return [...document.querySelectorAll('.badge, .card')]
							  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim());""");
					assertThat(sticking).as("badges and tiles whose words stick out of them on %s in %s", page, language)
						.isEmpty();
				}
			}
		}
		finally {
			browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	// Steps

	void open(String path) {
		browser.get("http://localhost:" + port + path);
	}

	void logIn() {
		open("/login");
		logIn("editor", "editor");
		assertThat(path()).isEqualTo("/");
	}

	void logIn(String user, String password) {
		var name = browser.findElement(By.name("username"));
		name.clear();
		name.sendKeys(user);
		var secret = browser.findElement(By.name("password"));
		secret.clear();
		secret.sendKeys(password);
		var page = find("html");
		secret.submit();
		new WebDriverWait(browser, PATIENCE).until(driver -> replaced(page));
	}

	/**
	 * Whether the page this element belonged to is gone. While Chromium swaps documents, ChromeDriver sometimes
	 * answers "Node with given id does not belong to the document" instead of a stale reference: that is gone too.
	 */
	static boolean replaced(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException gone) {
			return true;
		}
		catch (WebDriverException swapping) {
			return String.valueOf(swapping.getMessage()).contains("does not belong to the document");
		}
	}

	void navigate(String link) {
		follow(By.xpath("//header//nav//a[normalize-space()='" + link + "']"));
	}

	/**
	 * Clicks what leads to another page and waits until that page replaced this one: a click returns as soon as a
	 * form is submitted, before the answer arrives, and the old page would otherwise be read as the new one.
	 */
	void follow(By target) {
		var page = find("html");
		browser.findElement(target).click();
		new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.stalenessOf(page));
	}

	/** Filters the findings list by one type with its form. */
	void filterFindings(String type) {
		new Select(find("select[name=type]")).selectByVisibleText(type);
		follow(By.xpath("//form[@role='search']//button[normalize-space()='Filter']"));
	}

	void upload(Path file, String button) {
		browser.findElement(By.cssSelector("input[type=file][name=file]")).sendKeys(file.toString());
		follow(By.xpath("//form[@action='/registry/import']//button[normalize-space()='" + button + "']"));
	}

	Path write(String name, String content) {
		try {
			return Files.writeString(files.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void importRegistry(String csv) {
		try {
			registry.importCsv(csv.getBytes(StandardCharsets.UTF_8), false);
		}
		catch (ImportRejectedException ex) {
			throw new AssertionError("the registry was refused: " + ex.report().errors(), ex);
		}
	}

	void pollEveryAccount() {
		var run = runs.start(null);
		await().atMost(PATIENCE).until(() -> runs.get(run.id()).status() != PollRun.Status.RUNNING);
		assertThat(runs.get(run.id()).status()).isEqualTo(PollRun.Status.COMPLETED);
	}

	void press(CharSequence key) {
		new Actions(browser).sendKeys(key).perform();
	}

	/** Presses a key that leads to another page, and waits until that page replaced this one. */
	void pressToLeave(CharSequence key) {
		var page = find("html");
		press(key);
		new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.stalenessOf(page));
	}

	void typeInFocused(String text) {
		new Actions(browser).sendKeys(text).perform();
	}

	// What the page shows

	/** Visible form fields that neither a label, aria-label nor aria-labelledby names. */
	List<?> unlabelledFields() {
		return (List<?>) ((JavascriptExecutor) browser).executeScript("""
				return [...document.querySelectorAll('input, select, textarea')]
				  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
				  .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
				  .map(e => e.outerHTML.slice(0, 120));""");
	}

	/**
	 * Text whose colour against its background falls under WCAG 2.2 AA: 4.5:1, or 3:1 for large text (24 px, or
	 * 18.66 px bold). The background is the nearest opaque one among the element and its ancestors.
	 */
	List<?> lowContrast() {
		return (List<?>) ((JavascriptExecutor) browser).executeScript("""
				const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
				const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
				  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
				const background = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
				  if (c.length === 3 || c[3] === 1) return c; } return [255, 255, 255]; };
				const low = [];
				for (const e of document.querySelectorAll('body *')) {
				  const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
				  if (!own || e.offsetParent === null && getComputedStyle(e).position !== 'fixed') continue;
				  const style = getComputedStyle(e);
				  const a = lum(rgb(style.color)), b = lum(background(e));
				  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
				  const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
				  const needed = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
				  if (ratio < needed) low.push(e.tagName.toLowerCase() + ' "' + e.textContent.trim().slice(0, 40) + '" '
				    + ratio.toFixed(2) + ':1');
				}
				return low.slice(0, 10);""");
	}

	/**
	 * The innermost elements that reach past the right edge of the page or whose content spills out of them (a long
	 * word), outside containers that scroll on their own: what makes the page scroll sideways.
	 */
	Object overflowing() {
		return ((JavascriptExecutor) browser).executeScript("""
				const width = document.documentElement.clientWidth;
				const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
				    if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
				const out = e => e.getBoundingClientRect().right > width + 1
				    || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible');
				return [...document.querySelectorAll('body *')]
				  .filter(e => out(e) && !clipped(e) && ![...e.children].some(out))
				  .slice(0, 5)
				  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' '
				    + Math.round(e.getBoundingClientRect().right) + 'px: ' + (e.textContent || '').trim().slice(0, 60));""");
	}

	String path() {
		return java.net.URI.create(browser.getCurrentUrl()).getPath();
	}

	String text() {
		return find("body").getText();
	}

	String heading() {
		return find("h1").getText();
	}

	WebElement find(String css) {
		return browser.findElement(By.cssSelector(css));
	}

	WebElement focused() {
		return browser.switchTo().activeElement();
	}

	String outline(WebElement element) {
		return element.getCssValue("outline-style");
	}

	static List<String> cells(WebElement row) {
		return row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
	}

	List<String> firstCellOfRows() {
		return browser.findElements(By.cssSelector("main tbody tr")).stream()
			.map(row -> row.findElement(By.cssSelector("td")).getText())
			.toList();
	}

	List<String> navigationLinks() {
		return browser.findElements(By.cssSelector("header nav:not(.languages) a")).stream().map(WebElement::getText).toList();
	}

	/** A definition list as term to description. */
	static Map<String, String> facts(WebElement list) {
		var terms = list.findElements(By.tagName("dt"));
		var descriptions = list.findElements(By.tagName("dd"));
		var facts = new java.util.LinkedHashMap<String, String>();
		for (int i = 0; i < terms.size(); i++) {
			facts.put(terms.get(i).getText(), descriptions.get(i).getText());
		}
		return facts;
	}

	/** The overview's cards as label to number. */
	Map<String, String> cards() {
		var cards = new java.util.LinkedHashMap<String, String>();
		for (var card : browser.findElements(By.cssSelector(".card"))) {
			cards.putIfAbsent(card.findElement(By.cssSelector(".l")).getText(), card.findElement(By.cssSelector(".n")).getText());
		}
		return cards;
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	static String authority() {
		var base = SERVER.url("/");
		return base.host() + ":" + base.port();
	}

	void assertThatNoAlertIsOpen() {
		try {
			var alert = browser.switchTo().alert();
			throw new AssertionError("an alert is open: " + alert.getText());
		}
		catch (NoAlertPresentException expected) {
			// what a page that rendered the name as text shows
		}
	}

	/** Nothing the pages did was refused or failed: no Content-Security-Policy violation, no script error, no 404. */
	void assertNoConsoleErrors() {
		var errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
			.map(LogEntry::getMessage)
			.toList();
		assertThat(errors).isEmpty();
	}

}
