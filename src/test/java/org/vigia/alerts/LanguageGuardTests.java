package org.vigia.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vigia.platform.Message;

/**
 * The guards of issue 16: every bundle has exactly the English keys, and a mail in any other language carries no English
 * sentence and no unresolved key.
 */
public class LanguageGuardTests {

	public static final List<String> LANGUAGES = List.of("en", "es", "ca", "gl", "eu");

	@ParameterizedTest
	@ValueSource(strings = { "messages", "mail/messages" })
	void everyBundleHasExactlyTheKeysEnglishHas(String basename) throws IOException {
		var english = bundle(basename + "_en").stringPropertyNames();
		assertThat(bundle(basename).stringPropertyNames()).as(basename).isEqualTo(english);
		for (var language : LANGUAGES) {
			assertThat(new TreeSet<>(bundle(basename + "_" + language).stringPropertyNames()))
				.as("%s_%s has exactly the English keys", basename, language)
				.isEqualTo(new TreeSet<>(english));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "es", "ca", "gl", "eu" })
	void anAlertMailContainsNoEnglishSentenceAndNoUnresolvedKey(String language) throws IOException {
		var renderer = new MailRenderer(MailRendererTests.properties(language));
		var gone = new Mail.Line(7, "GONE", "HIGH",
				Message.of("subject.account", "deportes.villaverde.example", "Bluesky").encode(),
				Message.of("summary.gone", Message.of("summary.gone.NOT_FOUND", "Bluesky"),
						Message.of("summary.gone.http", "400"), Message.of("summary.gone.streak", 3)).encode(),
				"https://vigia.example/findings/7");
		var abandoned = new Mail.Line(8, "ABANDONED", "HIGH",
				Message.of("subject.account", "cultura@social.villaverde.example", "Mastodon").encode(),
				Message.of("summary.abandoned", Message.of("summary.silent.post", 1200),
						Message.of("summary.limit.ACCOUNT"), 90).encode(),
				"https://vigia.example/findings/8");
		var lookalike = new Mail.Line(9, "IMPERSONATION", "HIGH",
				Message.of("subject.account", "villaverde_ayto", "Bluesky").encode(),
				Message.of("summary.lookalike", "ayto.villaverde.example", 85, 60,
						List.of(Message.of("signal.display-equal"), Message.of("signal.handle-affix"))).encode(),
				"https://vigia.example/findings/9");
		var resolved = new Mail.Line(10, "DORMANT", "LOW",
				Message.of("subject.account", "prensa@social.villaverde.example", "Mastodon").encode(), "",
				"https://vigia.example/findings/10");

		var mail = renderer.alert(new Mail("prensa@villaverde.example", Locale.forLanguageTag(language),
				List.of(gone, abandoned, lookalike), List.of(resolved)));

		assertThat(englishSentences()).as("the English sentences looked for").hasSizeGreaterThan(100);
		for (var text : List.of(mail.subject(), mail.text(), Jsoup.parse(mail.html()).text())) {
			assertNoEnglishAndNoKey(text, "a mail in " + language);
		}
		var expected = switch (language) {
			case "ca" -> "Sense publicacions públiques des de fa 1.200 dies; el límit d'aquest compte és de 90 dies";
			case "gl" -> "Sen publicacións públicas desde hai 1.200 días; o límite desta conta é de 90 días";
			case "eu" -> "Argitalpen publikorik gabe azken 1.200 egunetan; kontu honen muga 90 egunekoa da";
			default -> "Sin publicaciones públicas desde hace 1.200 días; el límite de esta cuenta es de 90 días";
		};
		assertThat(mail.text()).contains(expected);
		if (!language.equals("es")) {
			return;
		}
		assertThat(mail.text()).contains("Bluesky indica que la cuenta no existe (HTTP 400), en 3 comprobaciones seguidas")
			.contains("Sin publicaciones públicas desde hace 1.200 días; el límite de esta cuenta es de 90 días")
			.contains("Desaparecida (Alta)");
	}

	/**
	 * Every other kind of mail (the daily digest with its reminders and resolution notices, the weekly report, a
	 * discovery run's report) in every language but English: no English sentence, no unresolved key, no raw code.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "es", "ca", "gl", "eu" })
	void everyOtherMailKindContainsNoEnglishSentenceAndNoUnresolvedKey(String language) throws IOException {
		var renderer = new MailRenderer(MailRendererTests.properties(language));
		var locale = Locale.forLanguageTag(language);
		var lines = lines();
		var digest = renderer.digest(new Digest("prensa@villaverde.example", locale, java.time.LocalDate.of(2026, 12, 4),
				lines.subList(0, 3), List.of(lines.get(3)), List.of(new Digest.Reminder(lines.get(0), 142))));
		var report = renderer.report(new Report("prensa@villaverde.example", locale, java.time.LocalDate.of(2026, 11, 30),
				1200, 3,
				List.of(new Report.Count("GONE", 1, 1), new Report.Count("MOVED", 0, 0),
						new Report.Count("ABANDONED", 2, -1), new Report.Count("DORMANT", 1, 0),
						new Report.Count("ACTIVE", 1196, 3), new Report.Count("UNKNOWN", 0, 0)),
				List.of(new Report.Offender(Message.of("subject.account", "deportes.villaverde.example", "Bluesky").encode(),
						"Deportes Villaverde", "GONE", 12L),
						new Report.Offender(Message.of("subject.account", "villaverde_cultura", "Telegram").encode(),
								"Cultura", "DORMANT", null))));
		var run = new org.vigia.discovery.DiscoveryRun(41, org.vigia.discovery.DiscoveryRun.Status.COMPLETED_WITH_ERRORS,
				org.vigia.discovery.DiscoveryRun.Trigger.SCHEDULED, 26, 26, 2, 312, 5200, 3, 190, 12, 1, 3,
				Message.of("discovery.error.organizationGone", "7").encode(),
				java.time.Instant.parse("2026-12-04T03:30:00Z"), java.time.Instant.parse("2026-12-04T04:10:00Z"));
		var discovery = renderer.discoveryRun(new RunMail(locale, run,
				List.of(new org.vigia.discovery.DiscoveryRunFinished.Unexamined(7, "Ayuntamiento de Villaverde",
						Message.of("discovery.error.organizationGone", "7").encode())),
				"https://vigia.example/runs/discovery/41"));
		for (var mail : List.of(digest, report, discovery)) {
			for (var text : List.of(mail.subject(), mail.text(), Jsoup.parse(mail.html()).text())) {
				assertNoEnglishAndNoKey(text, "a mail in " + language + ": " + mail.subject());
			}
		}
		assertThat(report.text()).doesNotContain(" on Bluesky");
		if (language.equals("es")) {
			assertThat(report.text()).contains("deportes.villaverde.example en Bluesky").contains("1.200");
			assertThat(discovery.text()).contains("la organización 7 ya no existe");
		}
	}

	private static List<Mail.Line> lines() {
		return List.of(
				new Mail.Line(7, "GONE", "HIGH",
						Message.of("subject.account", "deportes.villaverde.example", "Bluesky").encode(),
						Message.of("summary.gone", Message.of("summary.gone.NOT_FOUND", "Bluesky"),
								Message.of("summary.gone.http", "400"), Message.of("summary.gone.streak", 3)).encode(),
						"https://vigia.example/findings/7"),
				new Mail.Line(8, "ABANDONED", "HIGH",
						Message.of("subject.account", "cultura@social.villaverde.example", "Mastodon").encode(),
						Message.of("summary.abandoned", Message.of("summary.silent.post", 1200),
								Message.of("summary.limit.ACCOUNT"), 90).encode(),
						"https://vigia.example/findings/8"),
				new Mail.Line(11, "REPORTED", "MEDIUM",
						Message.of("subject.account", "villaverde_oficial", "Bluesky").encode(), "",
						"https://vigia.example/findings/11"),
				new Mail.Line(10, "DORMANT", "LOW",
						Message.of("subject.account", "prensa@social.villaverde.example", "Mastodon").encode(), "",
						"https://vigia.example/findings/10"));
	}

	/**
	 * A registry import report with errors of every kind (the file's own, a field's, and each network's handle parser's
	 * refusals) says nothing in English in another language: every error is a code and its arguments.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "es", "ca", "gl", "eu" })
	void anImportReportWithErrorsContainsNoEnglishSentenceAndNoUnresolvedKey(String language) throws IOException {
		var messages = new org.springframework.context.support.ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		var sentences = new java.util.ArrayList<Message>();
		var english = bundle("messages_en");
		for (var key : new TreeSet<>(english.stringPropertyNames())) {
			if (key.startsWith("import.") || key.startsWith("input.") || key.startsWith("handle.")) {
				// Every code an import error may carry, with arguments in place of the offending value, counts, ...
				var value = english.getProperty(key);
				var arguments = new Object[4];
				for (int i = 0; i < arguments.length; i++) {
					arguments[i] = value.contains("{" + i + ",number") ? (Object) (i + 2) : "villaverde";
				}
				sentences.add(Message.of(key, arguments));
			}
		}
		var inputs = List.of("", "a b", "https://", "ftp://x.com/a", "https://user@x.com/a", "https://example.org/a",
				"https://x.com/", "https://x.com/home", "https://x.com/" + "a".repeat(20), "@a@", "name",
				"https://mastodon.social/", "@name@bsky.app", "did:plc:x", "https://www.youtube.com/watch?v=1",
				"https://www.youtube.com/channel/x", "https://www.youtube.com/name", "https://t.me/+abc",
				"https://t.me/c/1/2", "https://t.me/a", "https://vm.tiktok.com/x", "https://www.tiktok.com/x",
				"https://www.threads.com/x", "https://www.instagram.com/explore", "https://www.facebook.com/",
				"https://www.facebook.com/groups", "https://www.linkedin.com/feed", "x".repeat(3000));
		int refusals = 0;
		for (var platform : org.vigia.platform.Platform.values()) {
			for (var input : inputs) {
				try {
					platform.parse(input);
				}
				catch (org.vigia.platform.InvalidHandleException ex) {
					sentences.add(ex.sentence());
					refusals++;
				}
			}
		}
		assertThat(refusals).as("handle parser refusals rendered").isGreaterThan(100);
		var locale = Locale.forLanguageTag(language);
		for (var sentence : sentences) {
			var text = sentence.render(messages, locale);
			assertNoEnglishAndNoKey(text, sentence.code() + " in " + language + ": " + text);
		}
	}

	/**
	 * The HTTP layer's detail of a failed check (a timeout, a refused address, a size limit), a network's refused
	 * authorization as a connection's page says it, and every problem detail of the API (its titles, Spring's own errors, the security answers), rendered as the reader gets them: no English
	 * sentence, no unresolved key, and no doubled quote where a sentence without arguments was written for one with.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "es", "ca", "gl", "eu" })
	void everyHttpFailureAndApiProblemContainsNoEnglishSentence(String language) throws IOException {
		var messages = new org.springframework.context.support.ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		var english = bundle("messages_en");
		var locale = Locale.forLanguageTag(language);
		int rendered = 0;
		for (var key : new TreeSet<>(english.stringPropertyNames())) {
			if (!(key.startsWith("http.") || key.startsWith("check.failure.") || key.startsWith("auth.")
					|| key.startsWith("connection.error.") || key.startsWith("problem.public.")
					|| key.startsWith("problem.title.")
					|| key.startsWith("problem.status.") || key.startsWith("problem.auth.")
					|| key.startsWith("problem.body.") || key.startsWith("problem.badParameter")
					|| key.startsWith("problem.badBody") || key.startsWith("problem.type.")
					|| key.equals("problem.missingParameter") || key.equals("problem.invalidFields")
					|| key.equals("problem.tooLarge.registry") || key.equals("problem.crossSite"))) {
				continue;
			}
			var value = english.getProperty(key);
			// A sentence with arguments as it is rendered with its arguments, one without as the handlers render it.
			var arguments = value.contains("{") ? new Object[] { 7, 8, 9, 10 } : new Object[0];
			var text = Message.of(key, arguments).render(messages, locale);
			assertNoEnglishAndNoKey(text, key + " in " + language + ": " + text);
			assertThat(text).as(key + " in " + language).doesNotContain("''");
			rendered++;
		}
		assertThat(rendered).as("sentences rendered").isGreaterThan(80);
	}

	/** Fails if the text holds an English sentence of the English bundles, an unresolved key or a raw message code. */
	public static void assertNoEnglishAndNoKey(String text, String where) throws IOException {
		assertThat(text).as(where).doesNotContain("??").doesNotContain("{\"code\"");
		// A code shown where its name belongs: an element whose whole text is a finding type, severity, status or
		// health state ("GONE" on a tile instead of "Gone", "Desaparecida", ...).
		var codes = java.util.stream.Stream.of(org.vigia.health.FindingType.values(), org.vigia.health.Severity.values(),
				org.vigia.health.FindingStatus.values(), org.vigia.overview.HealthState.values())
			.flatMap(java.util.Arrays::stream)
			.map(Enum::name)
			.collect(java.util.stream.Collectors.joining("|"));
		assertThat(text).as("a raw code in " + where).doesNotContainPattern(">\\s*(" + codes + ")\\s*<");
		for (var sentence : englishSentences()) {
			assertThat(text).as("English sentence in " + where).doesNotContainIgnoringCase(sentence);
		}
	}

	/** Every stretch of four words or more of the English bundles' values, between their placeholders. */
	public static Set<String> englishSentences() throws IOException {
		var sentences = new TreeSet<String>();
		for (var basename : List.of("messages_en", "mail/messages_en")) {
			for (var value : bundle(basename).values()) {
				for (var part : String.valueOf(value).replace("''", "'").split("\\{[^}]*\\}|[;:()]")) {
					var stripped = part.strip();
					if (stripped.split("\\s+").length >= 4) {
						sentences.add(stripped);
					}
				}
			}
		}
		return sentences;
	}

	static Properties bundle(String name) throws IOException {
		var properties = new Properties();
		try (var in = LanguageGuardTests.class.getResourceAsStream("/" + name + ".properties")) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
