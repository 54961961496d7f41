package org.vigia.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class MailRendererTests {

	static final String HOSTILE = "<img src=x onerror=alert(1)>\r\nBcc: everyone@example.org";

	final MailRenderer renderer = new MailRenderer(properties("en"));

	static AlertsProperties properties(String locale) {
		return new AlertsProperties("vigia@gobierno.example", List.of(), Locale.forLanguageTag(locale),
				URI.create("https://vigia.gobierno.example"), Duration.ofMinutes(2), Duration.ofSeconds(30), true, 10,
				Duration.ofMinutes(1), Duration.ofMinutes(5), "0 0 8 * * ?", "0 0 8 ? * MON", "Europe/Madrid",
				Duration.ofDays(7));
	}

	static Mail.Line line(String type, String subject, String summary) {
		return new Mail.Line(7, type, "HIGH", subject, summary, "https://vigia.gobierno.example/findings/7");
	}

	@Test
	void platformTextIsEscapedInHtmlAndKeptToOneLineInTheSubject() {
		var rendered = renderer.alert(new Mail("prensa@villaverde.example", Locale.ENGLISH,
				List.of(line("GONE", HOSTILE + " on Mastodon", "The account moved to " + HOSTILE)), List.of()));

		assertThat(rendered.html()).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
		assertThat(rendered.subject()).doesNotContain("\r").doesNotContain("\n")
			.startsWith("[Vigía] Gone: <img src=x onerror=alert(1)> Bcc: everyone@example.org on Mastodon");
		assertThat(rendered.text()).contains("The account moved to <img src=x onerror=alert(1)>");
	}

	/** A display name that tries to add a header, a line of its own and a reversed file name. */
	static final String MULTILINE = "Cultura\r\nBcc: everyone@example.org\u2028X-Mailer: evil\nfactura\u202Efdp.exe";

	static final String FLATTENED = "Cultura Bcc: everyone@example.org X-Mailer: evil factura<U+202E>fdp.exe";

	@Test
	void platformTextWithLineBreaksAndBidiOverridesStaysOnOneVisibleLineInAlertsDigestsAndReports() {
		var alert = renderer.alert(new Mail("prensa@villaverde.example", Locale.ENGLISH,
				List.of(line("MOVED", MULTILINE + " on Mastodon", "Renamed to " + MULTILINE + "; the registry is stale")),
				List.of()));
		var digest = renderer.digest(new Digest("prensa@villaverde.example", Locale.ENGLISH,
				java.time.LocalDate.of(2026, 6, 1), List.of(line("DORMANT", MULTILINE + " on Mastodon", MULTILINE)),
				List.of(line("GONE", MULTILINE, "x")),
				List.of(new Digest.Reminder(line("GONE", "x on Bluesky", MULTILINE), 9))));
		var report = renderer.report(new Report("prensa@villaverde.example", Locale.ENGLISH,
				java.time.LocalDate.of(2026, 6, 1), 1, null, List.of(new Report.Count("GONE", 1, null)),
				List.of(new Report.Offender(MULTILINE + " on Mastodon", MULTILINE, "GONE", 3L))));

		assertThat(alert.subject())
			.isEqualTo("[Vigía] Moved: " + FLATTENED + " on Mastodon, renamed to " + FLATTENED);
		assertThat(alert.text()).contains("Moved (High): " + FLATTENED + " on Mastodon")
			.contains("  Renamed to " + FLATTENED + "; the registry is stale");
		assertThat(digest.text()).contains("Dormant (High): " + FLATTENED + " on Mastodon\n  " + FLATTENED + "\n")
			.contains("Gone: " + FLATTENED + " ")
			.contains("Gone (High): x on Bluesky, open for 9 days\n  " + FLATTENED + "\n");
		assertThat(report.text()).contains("  1. " + FLATTENED + " on Mastodon (\"" + FLATTENED + "\"): Gone");
		for (var rendered : List.of(alert, digest, report)) {
			assertThat(rendered.subject()).doesNotContain("\r", "\n", "\u2028", "\u202E");
			assertThat(rendered.text()).doesNotContain("\r", "\u2028", "\u202E")
				.doesNotContain("\nBcc:").doesNotContain("\nX-Mailer:").doesNotContain("\nfactura");
			assertThat(rendered.html()).doesNotContain("\r", "\u2028", "\u202E")
				.doesNotContain("\nBcc:").contains("factura&lt;U+202E&gt;fdp.exe");
		}
	}

	@Test
	void mailsSpeakTheConfiguredLanguage() {
		var mail = List.of(line("GONE", "cultura@social.example on Mastodon", "Mastodon suspended the account"),
				line("ABANDONED", "deportes.example on Bluesky", "No public post for 142 days; the limit is 90"));
		var spanish = renderer.alert(new Mail("prensa@villaverde.example", Locale.forLanguageTag("es"), mail, List.of()));
		assertThat(spanish.subject()).isEqualTo("[Vigía] 2 alertas: 1 Desaparecida, 1 Abandonada");
		assertThat(spanish.text()).contains("Vigía ha encontrado 2 problemas")
			.contains("Qué hacer: Averigüe si la cuenta se borró")
			.contains("Abrir en Vigía: https://vigia.gobierno.example/findings/7");
		assertThat(spanish.html()).contains("lang=\"es\"").contains("Por qué recibe este correo");

		var english = renderer.alert(new Mail("prensa@villaverde.example", Locale.ENGLISH, mail, List.of()));
		assertThat(english.subject()).isEqualTo("[Vigía] 2 alerts: 1 Gone, 1 Abandoned");
		assertThat(english.text()).contains("Vigía found 2 problems")
			.contains("What to do: Find out whether the account was deleted");
	}

	@Test
	void aFloodOfAlertsListsTheFirstFiftyAndCountsTheRest() {
		var lines = new java.util.ArrayList<Mail.Line>();
		for (int i = 0; i < 120; i++) {
			lines.add(new Mail.Line(i, "ABANDONED", "HIGH", "cuenta" + i + "@social.example on Mastodon",
					"No public post for 200 days; the limit for accounts is 90", "https://vigia.gobierno.example/findings/" + i));
		}
		var rendered = renderer.alert(new Mail("central@gobierno.example", Locale.ENGLISH, lines, List.of()));
		assertThat(rendered.subject()).isEqualTo("[Vigía] 120 alerts: 120 Abandoned");
		assertThat(rendered.text()).contains("Vigía found 120 problems")
			.contains("cuenta49@social.example")
			.doesNotContain("cuenta50@social.example")
			.contains("... and 70 more in Vigía: https://vigia.gobierno.example/findings?status=OPEN");
		assertThat(rendered.html()).contains("... and 70 more in Vigía").doesNotContain("cuenta50@");
	}

	@Test
	void aResolutionNoticeSaysWhatIsFineAgain() {
		var rendered = renderer.alert(new Mail("prensa@villaverde.example", Locale.ENGLISH, List.of(),
				List.of(line("ABANDONED", "cultura@social.example on Mastodon", "No public post for 142 days"))));
		assertThat(rendered.subject()).isEqualTo("[Vigía] Resolved: cultura@social.example on Mastodon is active again");
		assertThat(rendered.text()).contains("These findings you were told about are resolved:")
			.contains("Abandoned: cultura@social.example on Mastodon is active again");
		var spanish = renderer.alert(new Mail("prensa@villaverde.example", Locale.forLanguageTag("es"), List.of(),
				List.of(line("GONE", "cultura@social.example on Mastodon", "x"),
						line("ABANDONED", "deportes.example on Bluesky", "y"))));
		assertThat(spanish.subject()).isEqualTo("[Vigía] 2 hallazgos resueltos");
	}

	@Test
	void aMailWithOneAlertTellsItsStoryInTheSubject() {
		var rendered = renderer.alert(new Mail("prensa@villaverde.example", Locale.ENGLISH,
				List.of(line("ABANDONED", "deportes@social.example.es on Mastodon",
						"No public post for 142 days; the limit for this account is 90")),
				List.of()));
		assertThat(rendered.subject())
			.isEqualTo("[Vigía] Abandoned: deportes@social.example.es on Mastodon, no public post for 142 days");
		assertThat(rendered.text()).startsWith("Vigía found a problem with official accounts you are responsible for.")
			.contains("Abandoned (High): deportes@social.example.es on Mastodon")
			.contains("Why you get this mail");
	}

	@Test
	void digestsAndReportsEscapePlatformTextAndKeepTheirSubjectsToOneLine() {
		var digest = renderer.digest(new Digest("prensa@villaverde.example", Locale.ENGLISH,
				java.time.LocalDate.of(2026, 6, 1), List.of(line("DORMANT", HOSTILE + " on Mastodon", "Silent")),
				List.of(), List.of(new Digest.Reminder(line("GONE", "x on Bluesky", HOSTILE), 9))));
		assertThat(digest.subject()).isEqualTo("[Vigía] Daily digest: 1 new, 0 resolved, 1 reminder");
		assertThat(digest.html()).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;")
			.contains("open for 9 days");
		assertThat(digest.text()).contains("Gone (High): x on Bluesky, open for 9 days");

		var report = renderer.report(new Report("prensa@villaverde.example", Locale.forLanguageTag("es"),
				java.time.LocalDate.of(2026, 6, 1), 3, 1,
				List.of(new Report.Count("GONE", 1, 1), new Report.Count("ACTIVE", 2, 0)),
				List.of(new Report.Offender(HOSTILE + " on Mastodon", HOSTILE, "GONE", null))));
		assertThat(report.subject()).isEqualTo("[Vigía] Informe semanal: 3 cuentas, 1 requieren atención");
		assertThat(report.html()).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;")
			.contains("no se ha visto ninguna publicación");
		assertThat(report.text()).contains("  Desaparecidas: 1 (+1)").contains("  Activas: 2 (±0)")
			.contains("  Total: 3 (+1)");
	}

	@Test
	void aScheduledDiscoveryRunWithErrorsNamesTheOrganizationsItCouldNotExamineInEitherLanguage() {
		var run = new org.vigia.discovery.DiscoveryRun(41, org.vigia.discovery.DiscoveryRun.Status.COMPLETED_WITH_ERRORS,
				org.vigia.discovery.DiscoveryRun.Trigger.SCHEDULED, 26, 26, 2, 312, 5200, 3, 190, 12, 1, 3,
				"organization 7: IllegalStateException: boom", java.time.Instant.parse("2026-12-04T03:30:00Z"),
				java.time.Instant.parse("2026-12-04T04:10:00Z"));
		var unexamined = List.of(new org.vigia.discovery.DiscoveryRunFinished.Unexamined(7, HOSTILE, "IllegalStateException: boom"));
		var link = "https://vigia.gobierno.example/runs/discovery/41";

		var english = renderer.discoveryRun(new RunMail(Locale.ENGLISH, run, unexamined, link));
		assertThat(english.subject())
			.isEqualTo("[Vigía] The scheduled look-alike discovery run #41 completed with 3 errors");
		assertThat(english.text()).startsWith("The scheduled look-alike discovery run #41 completed with errors")
			.contains("Organizations in the run: 26").contains("Examined: 25").contains("Could not be examined: 1")
			.contains("Accounts found but not judged: 2").contains("IllegalStateException: boom")
			.contains("Open in Vigía: " + link);
		assertThat(english.html()).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;")
			.contains("href=\"" + link + "\"");

		var failed = new org.vigia.discovery.DiscoveryRun(42, org.vigia.discovery.DiscoveryRun.Status.FAILED,
				org.vigia.discovery.DiscoveryRun.Trigger.SCHEDULED, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, "boom",
				java.time.Instant.parse("2026-12-05T03:30:00Z"), java.time.Instant.parse("2026-12-05T03:31:00Z"));
		var spanish = renderer.discoveryRun(new RunMail(Locale.forLanguageTag("es"), failed,
				List.of(new org.vigia.discovery.DiscoveryRunFinished.Unexamined(7, "Ayuntamiento de Villaverde", "boom")),
				link));
		assertThat(spanish.subject()).isEqualTo(
				"[Vigía] La búsqueda programada de suplantaciones #42 ha fallado: no se pudo examinar ninguna organización");
		assertThat(spanish.text()).contains("No se pudieron examinar: 1").contains("- Ayuntamiento de Villaverde: boom")
			.contains("Qué hacer: Busque en el registro del servicio");
		assertThat(spanish.html()).contains("lang=\"es\"");
	}

}
