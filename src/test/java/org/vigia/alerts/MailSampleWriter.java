package org.vigia.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.vigia.platform.Message;

/**
 * Writes sample mails (alerts in every language, a weekly report) to target/mail-samples, for the screenshots in docs/
 * (docs/mail-screenshot.sh) and the examples in docs/alerts.md; not part of the
 * default test run.
 */
class MailSampleWriter {

	@Test
	void writeSamples() throws Exception {
		var renderer = new MailRenderer(MailRendererTests.properties("en"));
		var mail = new Mail("prensa@villaverde.example", Locale.ENGLISH, List.of(
				new Mail.Line(318, "GONE", "HIGH",
						Message.of("subject.account", "deportes.villaverde.example", "Bluesky").encode(),
						Message.of("summary.gone", Message.of("summary.gone.NOT_FOUND", "Bluesky"),
								Message.of("summary.gone.http", "400"), Message.of("summary.gone.streak", 3)).encode(),
						"https://vigia.gobierno.example/findings/318"),
				new Mail.Line(321, "ABANDONED", "HIGH",
						Message.of("subject.account", "cultura@social.villaverde.example", "Mastodon").encode(),
						Message.of("summary.abandoned", Message.of("summary.silent.post", 142),
								Message.of("summary.limit.ACCOUNT"), 90).encode(),
						"https://vigia.gobierno.example/findings/321")),
				List.of(new Mail.Line(290, "ABANDONED", "HIGH",
						Message.of("subject.account", "juventud@social.villaverde.example", "Mastodon").encode(), "",
						"https://vigia.gobierno.example/findings/290")));
		var directory = Path.of("target", "mail-samples");
		Files.createDirectories(directory);
		for (var locale : LanguageGuardTests.LANGUAGES) {
			var rendered = renderer.alert(new Mail(mail.recipient(), Locale.forLanguageTag(locale), mail.alerts(),
					mail.resolved()));
			Files.writeString(directory.resolve("alert-" + locale + ".html"), rendered.html(), StandardCharsets.UTF_8);
			Files.writeString(directory.resolve("alert-" + locale + ".txt"),
					"Subject: " + rendered.subject() + "\n\n" + rendered.text(), StandardCharsets.UTF_8);
			assertThat(directory.resolve("alert-" + locale + ".html")).exists();
		}
		var report = renderer.report(new Report("prensa@villaverde.example", Locale.ENGLISH,
				java.time.LocalDate.of(2026, 6, 1), 5, 0,
				List.of(new Report.Count("GONE", 1, 0), new Report.Count("MOVED", 0, 0),
						new Report.Count("ABANDONED", 0, -1), new Report.Count("DORMANT", 1, 0),
						new Report.Count("ACTIVE", 3, 1), new Report.Count("UNKNOWN", 0, 0)),
				List.of(new Report.Offender("deportes.villaverde.example on Bluesky", "Deportes Villaverde", "GONE", 12L),
						new Report.Offender("villaverde_cultura on Telegram", "Cultura", "DORMANT", 41L))));
		Files.writeString(directory.resolve("report-en.txt"), "Subject: " + report.subject() + "\n\n" + report.text(),
				StandardCharsets.UTF_8);
	}

}
