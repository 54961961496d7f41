package org.vigia.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class AlertsPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AlertsProperties.class)
	static class Config {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@Test
	void recipientsComeAsACommaSeparatedVariable() {
		runner.withPropertyValues("vigia.alerts.recipients=Prensa@Gobierno.example, central@gobierno.example,,")
			.run(context -> assertThat(context.getBean(AlertsProperties.class).recipients())
				.isEqualTo(List.of("prensa@gobierno.example", "central@gobierno.example")));
	}

	@Test
	void theExampleConfigurationBinds() throws Exception {
		var sources = new org.springframework.boot.env.YamlPropertySourceLoader().load("example",
				new org.springframework.core.io.FileSystemResource("config/application.yml"));
		runner.withInitializer(context -> sources.forEach(context.getEnvironment().getPropertySources()::addLast))
			.run(context -> {
				assertThat(context).hasNotFailed();
				var properties = context.getBean(AlertsProperties.class);
				assertThat(properties.recipients()).isEmpty();
				assertThat(properties.from()).isEqualTo("vigia@localhost");
				assertThat(properties.locale().getLanguage()).isEqualTo("en");
			});
	}

	@Test
	void mailsCanBeWrittenInCatalanGalicianAndBasque() {
		for (var language : List.of("ca", "gl", "eu")) {
			runner.withPropertyValues("vigia.alerts.locale=" + language)
				.run(context -> assertThat(context.getBean(AlertsProperties.class).locale().getLanguage())
					.isEqualTo(language));
		}
	}

	@Test
	void aBadValueStopsStartUpNamingTheProperty() {
		expectFailure("vigia.alerts.recipients=prensa@gobierno.example,not an address",
				"vigia.alerts.recipients holds an invalid e-mail address: not an address");
		expectFailure("vigia.alerts.from=Vigía <vigia@gobierno.example>", "vigia.alerts.from is not an e-mail address");
		expectFailure("vigia.alerts.locale=fr", "vigia.alerts.locale must be en, es, ca, gl or eu, was fr");
		expectFailure("vigia.alerts.base-url=ftp://vigia", "vigia.alerts.base-url must be an http(s) URL");
		expectFailure("vigia.alerts.digest-cron=every day at 8", "vigia.alerts.digest-cron is not a Quartz cron expression");
		expectFailure("vigia.alerts.report-cron=0 0 8 * * MON", "vigia.alerts.report-cron is not a Quartz cron expression");
		expectFailure("vigia.alerts.time-zone=Europe/Villaverde", "vigia.alerts.time-zone is not a time zone");
		expectFailure("vigia.alerts.remind-after=PT5M", "vigia.alerts.remind-after must be at least 1h");
	}

	@Test
	void digestsComeAtEightInMadridAndReportsOnMondays() {
		runner.run(context -> {
			var properties = context.getBean(AlertsProperties.class);
			assertThat(properties.digestCron()).isEqualTo("0 0 8 * * ?");
			assertThat(properties.reportCron()).isEqualTo("0 0 8 ? * MON");
			assertThat(properties.zone()).isEqualTo(java.time.ZoneId.of("Europe/Madrid"));
			assertThat(properties.remindAfter()).isEqualTo(java.time.Duration.ofDays(7));
		});
	}

	private void expectFailure(String property, String message) {
		runner.withPropertyValues(property).run(context -> {
			assertThat(context).hasFailed();
			var messages = new StringBuilder();
			for (var cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).contains(message);
		});
	}

}
