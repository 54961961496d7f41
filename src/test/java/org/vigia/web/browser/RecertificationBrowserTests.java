package org.vigia.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.vigia.MutableClock;
import org.vigia.TestDatabase;
import org.vigia.alerts.Outgoing;
import org.vigia.recertification.Campaigns;

/**
 * A campaign round as its recipients live it, in a real browser (Debian's headless Chromium, see {@link Browser}): the
 * mail arrives (GreenMail), the person follows its link, answers, and a second visit shows what was answered and by
 * whom; once for a recipient whose language is Spanish, once for one who reads English. The application listens on
 * the port its mails' links name, so the link is followed exactly as it was mailed.
 * <p>
 * With {@code -Dvigia.screenshots=docs} it also saves docs/recertification-mail.png and docs/recertification-answer.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(TestDatabase.class)
@TestPropertySource(properties = {
		"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.maximum-pool-size=18",
		"vigia.security.admin-password=admin", "vigia.security.allow-test-passwords=true", "vigia.polling.schedule-enabled=false", "vigia.health.sweep-enabled=false",
		"vigia.alerts.delivery-enabled=false", "vigia.discovery.schedule-enabled=false",
		"vigia.recertification.schedule-enabled=false", "vigia.connections.lifecycle-enabled=false",
		"vigia.polling.warm-up=false", "vigia.health.snapshot-refresh-enabled=false",
		"spring.quartz.scheduler-name=vigia-test-${random.uuid}", "spring.mail.host=127.0.0.1",
		"vigia.alerts.from=vigia@villaverde.example", "vigia.alerts.recipients=comunicacion@villaverde.example",
		"vigia.security.allow-test-passwords=true" })
class RecertificationBrowserTests {

	static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

	static final MutableClock CLOCK = new MutableClock(T0);

	static final int PORT = freePort();

	static final Duration PATIENCE = Duration.ofSeconds(20);

	static final Screenshots screenshots = Screenshots.asConfigured();

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailAndPort(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("server.port", () -> PORT);
		registry.add("vigia.alerts.base-url", () -> "http://localhost:" + PORT + "/");
	}

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	static ChromeDriver browser;

	@Autowired
	Campaigns campaigns;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@TempDir
	Path mails;

	long deportes;

	long tiktok;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void aTownWhosePressOfficeReadsSpanishAndWhoseSportsDepartmentReadsEnglish() throws Exception {
		CLOCK.set(T0);
		smtp.purgeEmailFromAllMailboxes();
		browser.manage().deleteAllCookies();
		jdbc.sql("truncate account, unit, organization, finding, finding_transition, notification, alert_item, "
				+ "alert_reminder, alert_recipient, recertification_visit restart identity cascade").update();
		var organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at)
				values ('Ayuntamiento de Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		var prensa = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, 'Prensa', '{prensa@villaverde.example}', now(), now()) returning id
				""").param("org", organization).query(Long.class).single();
		jdbc.sql("insert into alert_recipient (address, locale, updated_at) values ('prensa@villaverde.example', 'es', now())")
			.update();
		jdbc.sql("insert into alert_recipient (address, locale, updated_at) values ('deportes@villaverde.example', 'en', now())")
			.update();
		deportes = account(organization, prensa, "BLUESKY", "deportes.villaverde.example",
				"https://bsky.app/profile/deportes.villaverde.example", "deportes@villaverde.example");
		// Vigía reads Bluesky: its answer form asks no last post; TikTok it cannot read, and there the owner's word counts.
		jdbc.sql("""
				insert into account_state (account_id, handle, last_activity_at, last_checked_at, last_success_at,
				                           last_outcome, last_http_status, next_due_at, updated_at)
				values (:id, 'deportes.villaverde.example', :now::timestamptz - interval '2 days', :now::timestamptz,
				        :now::timestamptz, 'OK', 200, :now::timestamptz + interval '1 hour', :now::timestamptz)
				""").param("id", deportes).param("now", T0.toString()).update();
		tiktok = account(organization, prensa, "TIKTOK", "villaverde", "https://www.tiktok.com/@villaverde", null);
		account(organization, prensa, "MASTODON", "cultura@social.villaverde.example",
				"https://social.villaverde.example/@cultura", null);
	}

	long account(long organization, long unit, String platform, String handle, String url, @Nullable String contact) {
		return jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, contact_email, display_name,
				                     created_at, updated_at)
				values (:org, :unit, :platform, :handle, :url, :contact, :handle, now(), now()) returning id
				""").param("org", organization).param("unit", unit).param("platform", platform).param("handle", handle)
			.param("url", url).param("contact", contact, java.sql.Types.VARCHAR).query(Long.class).single();
	}

	@Test
	void aSpanishRecipientAnswersFromTheMailedLinkAndASecondVisitShowsWhatWasAnsweredAndByWhom() throws Exception {
		var mail = mailTo("prensa@villaverde.example");
		assertThat(mail.getSubject()).isEqualTo(
				"[Vigía] Ayuntamiento de Villaverde: confirme sus 2 cuentas oficiales antes del 15 de junio de 2026");
		show(mail, "recertification-mail-es");
		browser.get(link(mail));

		var wait = new WebDriverWait(browser, PATIENCE);
		wait.until(ExpectedConditions.titleContains("revisión de cuentas oficiales"));
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
		assertThat(browser.findElement(By.tagName("body")).getText())
			.contains("villaverde · TikTok", "cultura@social.villaverde.example · Mastodon")
			.doesNotContain("deportes.villaverde.example");
		var section = browser.findElement(By.id("account-" + tiktok));
		assertThat(section.getText()).contains("¿Sigue siendo oficial y necesaria la cuenta?", "Fecha de la última publicación");
		assertThat(section.findElements(By.name("lastPost"))).as("a network Vigía cannot read asks the last post")
			.hasSize(1);
		answer(section, "YES", "Jefa de prensa", "YES", "NO", "2026-05-20");

		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
				"Gracias: su respuesta ha quedado registrada."));
		browser.manage().deleteAllCookies();
		browser.get(link(mail));
		wait.until(ExpectedConditions.titleContains("revisión de cuentas oficiales"));
		var answered = browser.findElement(By.id("account-" + tiktok));
		assertThat(answered.getText()).contains("Respondida por prensa@villaverde.example el", "Jefa de prensa",
				"2026-05-20");
		assertThat(answered.findElements(By.tagName("form"))).as("answered once: no form any more").isEmpty();
		assertThat(browser.findElement(By.id("account-" + accountId("MASTODON"))).findElements(By.tagName("form")))
			.as("the other account still waits").hasSize(1);
		assertThat(jdbc.sql("select answered_by || ' ' || channel || ' ' || two_factor || ' ' || institutional_recovery "
				+ "from attestation where account_id = :id").param("id", tiktok).query(String.class).single())
			.isEqualTo("prensa@villaverde.example LINK YES NO");
	}

	@Test
	void anEnglishRecipientAnswersFromTheMailedLinkAndASecondVisitShowsWhatWasAnsweredAndByWhom() throws Exception {
		var mail = mailTo("deportes@villaverde.example");
		assertThat(mail.getSubject())
			.isEqualTo("[Vigía] Ayuntamiento de Villaverde: please confirm your official account by June 15, 2026");
		show(mail, "recertification-mail");
		browser.get(link(mail));

		var wait = new WebDriverWait(browser, PATIENCE);
		wait.until(ExpectedConditions.titleContains("review of official accounts"));
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		var section = browser.findElement(By.id("account-" + deportes));
		assertThat(section.getText()).contains("deportes.villaverde.example · Bluesky",
				"Is the account still official and needed?");
		assertThat(section.findElements(By.name("lastPost"))).as("Vigía reads Bluesky itself: no last post asked")
			.isEmpty();
		screenshots.save(browser, "recertification-answer");
		answer(section, "RETIRE", "Sports department, web team", "YES", "YES", null);

		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
				"Thank you: your answer is recorded."));
		browser.manage().deleteAllCookies();
		browser.get(link(mail));
		wait.until(ExpectedConditions.titleContains("review of official accounts"));
		var answered = browser.findElement(By.id("account-" + deportes));
		assertThat(answered.getText()).contains("Answered by deportes@villaverde.example on",
				"Retire it: it is no longer needed", "Sports department, web team");
		assertThat(answered.findElements(By.tagName("form"))).isEmpty();
		screenshots.save(browser, "recertification-answered");
	}

	private MimeMessage mailTo(String recipient) throws Exception {
		assertThat(campaigns.run()).isEqualTo(2);
		Outgoing.send(context);
		for (var message : smtp.getReceivedMessages()) {
			for (var to : message.getAllRecipients()) {
				if (to.toString().equals(recipient)) {
					return message;
				}
			}
		}
		throw new AssertionError("no campaign mail to " + recipient);
	}

	private static String link(MimeMessage mail) throws Exception {
		var matcher = Pattern.compile("http://localhost:" + PORT + "/recertify/[A-Za-z0-9_-]{43}")
			.matcher(part(mail, "text/plain"));
		assertThat(matcher.find()).as("the mail carries its link").isTrue();
		return matcher.group();
	}

	/** Shows the mail's HTML part in the browser, as a mail program would, for its screenshot. */
	private void show(MimeMessage mail, String screenshot) throws Exception {
		var html = part(mail, "text/html");
		assertThat(html).contains("/recertify/");
		if (!screenshots.enabled()) {
			return;
		}
		var file = mails.resolve(screenshot + ".html");
		Files.writeString(file, html, StandardCharsets.UTF_8);
		browser.manage().window().setSize(new Dimension(720, 900));
		try {
			browser.get(file.toUri().toString());
			screenshots.save(browser, screenshot);
		}
		finally {
			browser.manage().window().setSize(new Dimension(1280, 900));
		}
	}

	private static void answer(WebElement section, String still, String administrators, String twoFactor,
			String recovery, @Nullable String lastPost) {
		click(section, "input[name=stillOfficial][value=" + still + "]");
		section.findElement(By.name("administrators")).sendKeys(administrators);
		click(section, "input[name=twoFactor][value=" + twoFactor + "]");
		click(section, "input[name=institutionalRecovery][value=" + recovery + "]");
		if (lastPost != null) {
			// A date input takes typing in the browser's own date order; the value is what the form sends.
			browser.executeScript("arguments[0].value = arguments[1]", section.findElement(By.name("lastPost")), lastPost);
		}
		section.findElement(By.cssSelector("button[type=submit]")).click();
	}

	private static void click(WebElement section, String selector) {
		var input = section.findElement(By.cssSelector(selector));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
		input.click();
	}

	private long accountId(String platform) {
		return jdbc.sql("select id from account where platform = :platform").param("platform", platform)
			.query(Long.class).single();
	}

	private static @Nullable String part(Part part, String type) throws Exception {
		if (part.isMimeType(type)) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				var found = part(body, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
