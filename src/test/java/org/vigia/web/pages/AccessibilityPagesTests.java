package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.health.HealthSweep;

/**
 * The WCAG 2.2 AA rules that can be read from the pages' HTML and CSS, checked on every page of the dashboard as an
 * editor sees it (the most forms): labelled controls, a skip link, the language, the current page marked in the
 * navigation, tables with captions and scoped headers, badges with text, and badge colours with enough contrast.
 */
@IntegrationTest
class AccessibilityPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HealthSweep sweep;

	long organization;

	long unit;

	long account;

	long finding;

	long run;

	@BeforeEach
	void registry() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		jdbc.sql("insert into organization (name, created_at, updated_at) values ('Villabajo', now(), now())").update();
		unit = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, 'Prensa', '{prensa@villaverde.example}', now(), now()) returning id
				""").param("org", organization).query(Long.class).single();
		account = jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, created_at, updated_at)
				values (:org, :unit, 'TELEGRAM', 'villaverde_prensa', 'https://t.me/villaverde_prensa', now(), now())
				returning id
				""").param("org", organization).param("unit", unit).query(Long.class).single();
		jdbc.sql("""
				insert into account_state (account_id, handle, last_activity_at, last_checked_at, last_success_at,
				                           last_outcome, last_http_status, outcome_streak, next_due_at, updated_at)
				values (:id, 'villaverde_prensa', :activity::timestamptz, now(), now(), 'OK', 200, 1, now(), now())
				""").param("id", account).param("activity", Instant.now().minus(Duration.ofDays(200)).toString()).update();
		sweep.sweep();
		finding = jdbc.sql("select min(id) from finding").query(Long.class).single();
		run = jdbc.sql("""
				insert into poll_run (status, trigger, total, started_at) values ('RUNNING', 'MANUAL', 1, now())
				returning id
				""").query(Long.class).single();
		jdbc.sql("truncate notification restart identity cascade").update();
		jdbc.sql("""
				insert into notification (kind, recipients, locale, subject, body_text, body_html, message_id, status,
				                          next_attempt_at, created_at)
				values ('ALERT', '{prensa@villaverde.example}', 'en', '[Vigía] ABANDONED: villaverde_prensa on Telegram',
				        'villaverde_prensa has not posted for 200 days.', '<p>html</p>', '<vigia.1@localhost>', 'PENDING',
				        now(), now())
				""").update();
	}

	/** Every page, with the navigation section it belongs to. */
	Map<String, String> pages() {
		var pages = new HashMap<String, String>();
		pages.put("/", "/");
		pages.put("/?all=true", "/");
		pages.put("/?organizationId=" + organization, "/");
		pages.put("/accounts", "/accounts");
		pages.put("/accounts/" + account, "/accounts");
		pages.put("/accounts/" + account + "/archive", "/accounts");
		pages.put("/findings", "/findings");
		pages.put("/findings/" + finding, "/findings");
		pages.put("/registry", "/registry");
		pages.put("/registry/organizations/" + organization, "/registry");
		pages.put("/registry/units/" + unit, "/registry");
		pages.put("/runs", "/runs");
		pages.put("/runs/" + run, "/runs");
		pages.put("/notifications", "/notifications");
		return pages;
	}

	Document page(String path) throws Exception {
		var html = mvc.perform(get(path).with(httpBasic("editor", "editor")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return Jsoup.parse(html);
	}

	@Test
	void everyFormControlHasALabel() throws Exception {
		for (var path : pages().keySet()) {
			var page = page(path);
			var controls = page.select("input:not([type=hidden]):not([type=submit]), select, textarea");
			for (var control : controls) {
				assertThat(labelled(page, control)).as("%s: %s has no label", path, control.outerHtml()).isTrue();
			}
			for (var button : page.select("button")) {
				assertThat(button.text()).as("%s: a button without text", path).isNotBlank();
			}
		}
		// the registry page has the most forms; make sure the rule had something to check
		assertThat(page("/registry").select("input:not([type=hidden]), select, textarea")).hasSizeGreaterThan(10);
	}

	@Test
	void everyPageStartsWithASkipLinkToItsMainContent() throws Exception {
		for (var path : pages().keySet()) {
			var page = page(path);
			var first = page.body().selectFirst("a[href], button, input, select, textarea");
			assertThat(first).as(path).isNotNull();
			assertThat(first.attr("href")).as("%s: the first focusable element is the skip link", path).isEqualTo("#main");
			assertThat(first.text()).isEqualTo("Skip to content");
			assertThat(page.select("main#main")).as(path).hasSize(1);
		}
	}

	@Test
	void theLangAttributeFollowsTheChosenLanguage() throws Exception {
		for (var path : pages().keySet()) {
			assertThat(page(path).selectFirst("html").attr("lang")).as(path).isEqualTo("en");
			var spanish = mvc.perform(get(path + (path.contains("?") ? "&" : "?") + "lang=es")
				.with(httpBasic("editor", "editor"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			var document = Jsoup.parse(spanish);
			assertThat(document.selectFirst("html").attr("lang")).as(path).isEqualTo("es");
			// the link to the other language is marked as being in that language
			assertThat(document.select(".who a[lang=en]")).as(path).hasSize(1);
		}
	}

	@Test
	void theNavigationMarksTheCurrentSectionOnly() throws Exception {
		for (var entry : pages().entrySet()) {
			var current = page(entry.getKey()).select("nav a[aria-current]");
			assertThat(current).as(entry.getKey()).hasSize(1);
			assertThat(current.first().attr("aria-current")).isEqualTo("page");
			assertThat(current.first().attr("href")).as(entry.getKey()).isEqualTo(entry.getValue());
		}
	}

	@Test
	void tablesHaveCaptionsAndScopedHeaders() throws Exception {
		int tables = 0;
		for (var path : pages().keySet()) {
			var page = page(path);
			for (var table : page.select("table")) {
				tables++;
				assertThat(table.select("> caption").text()).as("%s: a table without caption", path).isNotBlank();
				for (var header : table.select("th")) {
					assertThat(header.attr("scope")).as("%s: %s", path, header.outerHtml()).isIn("col", "row");
				}
			}
		}
		assertThat(tables).isGreaterThanOrEqualTo(8);
	}

	@Test
	void idsAreUniqueAndDescriptionsPointAtThem() throws Exception {
		for (var path : pages().keySet()) {
			var page = page(path);
			var ids = new HashSet<String>();
			for (var element : page.select("[id]")) {
				assertThat(ids.add(element.id())).as("%s: duplicate id %s", path, element.id()).isTrue();
			}
			for (var described : page.select("[aria-describedby]")) {
				for (var id : described.attr("aria-describedby").split("\\s+")) {
					assertThat(page.getElementById(id)).as("%s: aria-describedby=%s", path, id).isNotNull();
				}
			}
		}
	}

	@Test
	void statusBadgesSayInWordsWhatTheirColourSays() throws Exception {
		int badges = 0;
		for (var path : pages().keySet()) {
			for (var badge : page(path).select(".badge")) {
				badges++;
				assertThat(badge.text()).as("%s: %s", path, badge.outerHtml()).isNotBlank();
			}
		}
		assertThat(badges).isPositive();
	}

	/** WCAG 1.4.3: white badge text on each badge colour the stylesheet defines, at least 4.5:1. */
	@Test
	void badgeColoursContrastWithTheirTextAtLeastFourAndAHalfToOne() throws IOException {
		var css = new ClassPathResource("static/css/vigia.css").getContentAsString(StandardCharsets.UTF_8);
		var variables = new HashMap<String, String>();
		var variable = Pattern.compile("--([a-z-]+):\\s*(#[0-9a-fA-F]{6})").matcher(css);
		while (variable.find()) {
			variables.put(variable.group(1), variable.group(2));
		}
		var rule = Pattern.compile("\\.badge(\\.[A-Za-z-]+)?\\s*\\{[^}]*background:\\s*(var\\(--([a-z-]+)\\)|#[0-9a-fA-F]{6})")
			.matcher(css);
		int checked = 0;
		while (rule.find()) {
			var colour = (rule.group(3) != null) ? variables.get(rule.group(3)) : rule.group(2);
			assertThat(colour).as(rule.group()).isNotNull();
			assertThat(contrast(colour, "#ffffff")).as("badge%s %s on white text", rule.group(1), colour)
				.isGreaterThanOrEqualTo(4.5);
			checked++;
		}
		assertThat(checked).isGreaterThanOrEqualTo(10);
		for (var text : List.of("ink", "muted", "link")) {
			assertThat(contrast(variables.get(text), "#f6f7f9")).as(text + " on the page").isGreaterThanOrEqualTo(4.5);
		}
	}

	private static boolean labelled(Document page, Element control) {
		if (!control.attr("aria-label").isBlank() || !control.attr("aria-labelledby").isBlank()) {
			return true;
		}
		if (control.closest("label") != null && !control.closest("label").text().isBlank()) {
			return true;
		}
		return !control.id().isEmpty() && page.select("label[for=" + control.id() + "]").stream()
			.anyMatch(label -> !label.text().isBlank());
	}

	private static double contrast(String a, String b) {
		double la = luminance(a);
		double lb = luminance(b);
		return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
	}

	private static double luminance(String hex) {
		double[] channels = new double[3];
		for (int i = 0; i < 3; i++) {
			double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
			channels[i] = (c <= 0.03928) ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
	}

}
