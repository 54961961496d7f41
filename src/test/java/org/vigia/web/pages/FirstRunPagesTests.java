package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.overview.HealthSnapshot;
import org.vigia.IntegrationTest;
import org.vigia.registry.RegistryCsv;

/**
 * A first run that explains itself: an empty registry's overview says what to do first and offers the CSV template;
 * without SMTP, the mails wait in an outbox the dashboard shows, with what to set to send them. In both languages.
 */
@IntegrationTest
class FirstRunPagesTests {

	static final String HOSTILE = "<script>alert('outbox')</script>";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HealthSnapshot snapshot;

	@BeforeEach
	void emptyRegistryAndOutbox() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition, notification "
				+ "restart identity cascade").update();
	}

	Document page(String path, String user) throws Exception {
		var html = mvc.perform(get(path).with(httpBasic(user, user)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return Jsoup.parse(html);
	}

	@Test
	void anEmptyRegistrysOverviewSaysWhatToDoFirstAndOffersTheTemplate() throws Exception {
		var steps = page("/", "editor").selectFirst("section.first-run");
		assertThat(steps).isNotNull();
		assertThat(steps.selectFirst("h2").text()).isEqualTo("Start with your accounts");
		assertThat(steps.select("a").eachAttr("href")).containsExactly("/registry/sample.csv", "/registry#import",
				"/registry#add-organization");
		assertThat(steps.selectFirst("a[href=/registry/sample.csv]").text()).isEqualTo("Download the CSV template");
		assertThat(steps.text()).contains("Import it on the registry page", "Or add your accounts by hand",
				"Runs starts a check of all of them at once");
		assertThat(page("/", "editor").select(".cards")).as("no page of zeros").isEmpty();

		var spanish = page("/?lang=es", "editor").selectFirst("section.first-run");
		assertThat(spanish.selectFirst("h2").text()).isEqualTo("Empiece por sus cuentas");
		assertThat(spanish.selectFirst("a[href=/registry/sample.csv]").text()).isEqualTo("Descargue la plantilla CSV");
		assertThat(spanish.text()).contains("Impórtela en la página del registro", "O añada sus cuentas a mano");
	}

	@Test
	void aViewerIsToldThatImportingIsForEditorsAndStillGetsTheTemplate() throws Exception {
		var steps = page("/", "viewer").selectFirst("section.first-run");
		assertThat(steps.select("a").eachAttr("href")).containsExactly("/registry/sample.csv");
		assertThat(steps.text()).contains("Importing and adding accounts is for editors");
	}

	@Test
	void theFirstStepsGoAwayOnceTheRegistryHasAnAccount() throws Exception {
		long organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		jdbc.sql("""
				insert into account (organization_id, platform, handle, url, created_at, updated_at)
				values (:org, 'TELEGRAM', 'villaverde', 'https://t.me/villaverde', now(), now())
				""").param("org", organization).update();
		// Written by hand, not by the registry, so no event noted it: the reconcile catches up, as its job would.
		snapshot.reconcile();
		assertThat(page("/", "editor").select("section.first-run")).isEmpty();
	}

	@Test
	void theTemplateIsTheSampleRegistryAndImportsAsItIs() throws Exception {
		var sample = Files.readString(Path.of("config", "registry-sample.csv"), StandardCharsets.UTF_8);
		var download = mvc.perform(get("/registry/sample.csv").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"registry-sample.csv\""))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(download).isEqualTo(sample);
		assertThat(download.lines().findFirst()).hasValue(String.join(",", RegistryCsv.COLUMNS));

		mvc.perform(post("/api/registry/import").param("dryRun", "true")
			.with(httpBasic("editor", "editor"))
			.contentType("text/csv")
			.content(download.getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value((int) download.lines().count() - 1))
			.andExpect(jsonPath("$.errors").isEmpty());
		assertThat(page("/registry", "viewer").select("a[href=/registry/sample.csv]")).hasSize(1);
	}

	@Test
	void withoutSmtpTheOutboxShowsEveryMailAsTextAndWhatToSetToSendThem() throws Exception {
		mail("ALERT", "PENDING", "[Vigía] GONE: " + HOSTILE, "The account " + HOSTILE + " is gone.\nSee the finding.",
				null);
		mail("DIGEST", "FAILED", "[Vigía] Daily digest", "Three findings are open.", "Connection refused");

		var page = page("/notifications", "editor");
		var banner = page.selectFirst("section.unconfigured");
		assertThat(banner).isNotNull();
		assertThat(banner.selectFirst("h2").text()).isEqualTo("Mail is not configured");
		assertThat(banner.text()).contains("SPRING_MAIL_HOST", "SPRING_MAIL_PORT", "SPRING_MAIL_USERNAME",
				"SPRING_MAIL_PASSWORD", "VIGIA_ALERTS_FROM", "VIGIA_ALERTS_RECIPIENTS");
		var mails = page.select("article.letter");
		assertThat(mails).hasSize(2);
		assertThat(page.text()).contains("2 mails");
		// newest first: the digest was written last
		assertThat(mails.get(0).selectFirst("h2").text()).isEqualTo("[Vigía] Daily digest");
		assertThat(mails.get(0).text()).contains("Failed", "Daily digest", "After 1 attempts: Connection refused");
		var alert = mails.get(1);
		assertThat(alert.selectFirst("h2").text()).isEqualTo("[Vigía] GONE: " + HOSTILE);
		assertThat(alert.select("script")).as("platform text stays text").isEmpty();
		assertThat(alert.selectFirst(".badge").text()).isEqualTo("Waiting");
		assertThat(alert.text()).contains("prensa@villaverde.example, comunicacion@villaverde.example", "Alert");
		assertThat(alert.selectFirst("details summary").text()).isEqualTo("Text of the mail");
		assertThat(alert.selectFirst("pre.mail").wholeText()).isEqualTo("The account " + HOSTILE
				+ " is gone.\nSee the finding.");

		var spanish = page("/notifications?lang=es", "editor");
		assertThat(spanish.selectFirst("h1").text()).isEqualTo("Correo saliente");
		assertThat(spanish.selectFirst("section.unconfigured h2").text()).isEqualTo("El correo no está configurado");
		assertThat(spanish.selectFirst("section.unconfigured").text()).contains("SPRING_MAIL_HOST");
		assertThat(spanish.select("article.letter .badge").eachText()).containsExactly("Fallido", "En espera");
		assertThat(spanish.text()).contains("2 correos", "Tras 1 intentos: Connection refused", "Texto del correo");
	}

	@Test
	void anEmptyOutboxSaysWhenMailsAreWritten() throws Exception {
		assertThat(page("/notifications", "editor").text()).contains("No mail yet.");
		assertThat(page("/notifications?lang=es", "editor").text()).contains("Aún no hay correos.");
	}

	@Test
	void theNavigationLinksTheOutboxForEditorsAndAdmins() throws Exception {
		assertThat(page("/", "editor").select("nav a[href=/notifications]").text()).isEqualTo("Mail");
		assertThat(page("/?lang=es", "admin").select("nav a[href=/notifications]").text()).isEqualTo("Correo");
		assertThat(page("/", "viewer").select("nav a[href=/notifications]")).isEmpty();
	}

	void mail(String kind, String status, String subject, String text, String error) {
		jdbc.sql("""
				insert into notification (kind, recipients, locale, subject, body_text, body_html, message_id, status,
				                          attempts, last_error, next_attempt_at, created_at)
				values (:kind, '{prensa@villaverde.example,comunicacion@villaverde.example}', 'en', :subject, :text,
				        '<p>html</p>', gen_random_uuid()::text, :status, :attempts, :error, now(),
				        now() + (select count(*) from notification) * interval '1 second')
				""")
			.param("kind", kind)
			.param("status", status)
			.param("subject", subject)
			.param("text", text)
			.param("attempts", (error != null) ? 1 : 0)
			.param("error", error)
			.update();
	}

}
