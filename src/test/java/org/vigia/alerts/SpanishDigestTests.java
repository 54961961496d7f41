package org.vigia.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigia.alerts.AlertFixtures.html;
import static org.vigia.alerts.AlertFixtures.inboxes;
import static org.vigia.alerts.AlertFixtures.text;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.vigia.IntegrationTest;
import org.vigia.MutableClock;
import org.vigia.health.HealthSweep;

/** The digest and the report in Spanish ({@code vigia.alerts.locale=es}), resolutions included. */
@IntegrationTest
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"vigia.alerts.recipients=central@gobierno.example", "vigia.alerts.from=vigia@gobierno.example",
		"vigia.alerts.base-url=https://vigia.gobierno.example", "vigia.alerts.locale=es",
		"vigia.alerts.digest-cron=0 0 8 1 1 ? 2099", "vigia.alerts.report-cron=0 0 8 1 1 ? 2099" })
class SpanishDigestTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	static final Instant T0 = Instant.parse("2026-06-01T06:00:00Z");

	static final MutableClock CLOCK = new MutableClock(T0);

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@Autowired
	DigestComposer digests;

	@Autowired
	ReportComposer reports;

	@Autowired
	AlertSender sender;

	@Autowired
	HealthSweep sweep;

	@Autowired
	JdbcClient jdbc;

	AlertFixtures registry;

	long prensa;

	@BeforeEach
	void registry() {
		CLOCK.set(T0);
		registry = new AlertFixtures(jdbc, CLOCK);
		registry.reset();
		prensa = registry.unit("Prensa", "{prensa@villaverde.example}");
	}

	@Test
	void theDigestAndTheReportSpeakSpanish() throws Exception {
		long cultura = registry.account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		long telegram = registry.account("TELEGRAM", "villaverde_cultura", prensa, null);
		registry.checked(cultura, "OK", T0.minus(Duration.ofDays(40)), 0);
		registry.checked(telegram, "ERROR", T0.minus(Duration.ofDays(2)), 4);
		sweep.sweep();
		assertThat(digests.compose()).isEqualTo(1);
		CLOCK.advance(Duration.ofDays(1));
		registry.checked(cultura, "OK", CLOCK.instant().minus(Duration.ofHours(2)), 0);
		sweep.sweep();
		assertThat(digests.compose()).isEqualTo(1);
		sender.send();

		var mails = inboxes(smtp.getReceivedMessages()).get("prensa@villaverde.example");
		assertThat(mails.getFirst().getSubject()).isEqualTo("[Vigía] Resumen diario: 2 nuevos, 0 resueltos");
		assertThat(text(mails.getFirst())).startsWith("Resumen diario de Vigía del 1 de junio de 2026")
			.containsSubsequence("Hallazgos nuevos (2):", "Inaccesible (Media): villaverde_cultura en Telegram",
					"Qué hacer: Vigía no puede comprobar la cuenta",
					"Inactiva (Baja): cultura@social.villaverde.example en Mastodon",
					"Abrir en Vigía: https://vigia.gobierno.example/findings/");
		assertThat(html(mails.getFirst())).contains("lang=\"es\"").contains("Por qué recibe este correo");
		assertThat(mails.getLast().getSubject()).isEqualTo("[Vigía] Resumen diario: 0 nuevos, 1 resueltos");
		assertThat(text(mails.getLast())).contains("Hoy no hay novedades.")
			.contains("Resueltos desde el último resumen (1):")
			.contains("Inactiva: cultura@social.villaverde.example en Mastodon vuelve a estar activa");

		assertThat(reports.compose()).isEqualTo(2);
		sender.send();
		var report = inboxes(smtp.getReceivedMessages()).get("prensa@villaverde.example").getLast();
		assertThat(report.getSubject()).isEqualTo("[Vigía] Informe semanal: 2 cuentas, 0 requieren atención");
		assertThat(text(report)).startsWith("Informe semanal de Vigía de la semana del 1 de junio de 2026")
			.containsSubsequence("Cuentas por estado:", "  Activas: 1", "  Sin comprobar aún: 1", "  Total: 2",
					"Ninguna cuenta está en silencio ni ha desaparecido.");
	}

}
