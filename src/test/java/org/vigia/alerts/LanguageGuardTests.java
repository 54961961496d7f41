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

/** The guards of issue 16: every bundle has every key, and a mail in Spanish carries no English sentence. */
public class LanguageGuardTests {

	static final List<String> LANGUAGES = List.of("en", "es");

	@ParameterizedTest
	@ValueSource(strings = { "messages", "mail/messages" })
	void everyBundleHasEveryKeyAnotherHas(String basename) throws IOException {
		var keys = new TreeSet<String>();
		for (var language : LANGUAGES) {
			keys.addAll(bundle(basename + "_" + language).stringPropertyNames());
		}
		keys.addAll(bundle(basename).stringPropertyNames());
		for (var language : LANGUAGES) {
			assertThat(bundle(basename + "_" + language).stringPropertyNames())
				.as("%s_%s lacks keys", basename, language)
				.containsAll(keys);
		}
	}

	@Test
	void aSpanishAlertMailContainsNoEnglishSentenceAndNoUnresolvedKey() throws IOException {
		var renderer = new MailRenderer(MailRendererTests.properties("es"));
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

		var mail = renderer.alert(new Mail("prensa@villaverde.example", Locale.forLanguageTag("es"),
				List.of(gone, abandoned, lookalike), List.of(resolved)));

		assertThat(englishSentences()).as("the English sentences looked for").hasSizeGreaterThan(100);
		for (var text : List.of(mail.subject(), mail.text(), Jsoup.parse(mail.html()).text())) {
			assertThat(text).doesNotContain("??").doesNotContain("{\"code\"");
			for (var sentence : englishSentences()) {
				assertThat(text).as("English sentence in a Spanish mail").doesNotContainIgnoringCase(sentence);
			}
		}
		assertThat(mail.text()).contains("Bluesky indica que la cuenta no existe (HTTP 400), en 3 comprobaciones seguidas")
			.contains("Sin publicaciones públicas desde hace 1.200 días; el límite de esta cuenta es de 90 días")
			.contains("Desaparecida (Alta)");
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
