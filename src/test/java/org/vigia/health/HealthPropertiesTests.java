package org.vigia.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.vigia.platform.Platform;

class HealthPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(HealthProperties.class)
	static class Config {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@Test
	void defaultsAreThoseTheReadmeNames() {
		runner.run(context -> {
			var properties = context.getBean(HealthProperties.class);
			assertThat(properties.dormantAfter()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.abandonedAfter()).isEqualTo(Duration.ofDays(90));
			assertThat(properties.unreachableAfter()).isEqualTo(4);
			assertThat(properties.goneConfirmations(Platform.YOUTUBE)).isEqualTo(2);
			assertThat(properties.goneConfirmations(Platform.MASTODON)).isEqualTo(1);
			assertThat(properties.oneWay().maxReplyShare()).isEqualTo(0.05);
			assertThat(properties.oneWay().posts()).isEqualTo(20);
			assertThat(properties.sameUnitPlatforms()).contains(Platform.MASTODON).doesNotContain(Platform.FEED);
			assertThat(properties.guidelines().avatar()).isTrue();
			assertThat(properties.sweepInterval()).isEqualTo(Duration.ofMinutes(10));
		});
	}

	@Test
	void platformThresholdsOverrideTheDefaultsOneByOne() {
		runner.withPropertyValues("vigia.health.platforms.youtube.abandoned-after=P180D").run(context -> {
			var properties = context.getBean(HealthProperties.class);
			assertThat(properties.abandonedAfter(Platform.YOUTUBE)).isEqualTo(Duration.ofDays(180));
			assertThat(properties.dormantAfter(Platform.YOUTUBE)).isEqualTo(Duration.ofDays(30));
			assertThat(properties.abandonedAfter(Platform.BLUESKY)).isEqualTo(Duration.ofDays(90));
		});
	}

	@Test
	void environmentVariablesNamedAsTheReadmeSaysBind() {
		var environment = java.util.Map.<String, Object>of("VIGIA_HEALTH_DORMANT_AFTER", "P20D",
				"VIGIA_HEALTH_ABANDONED_AFTER", "P60D", "VIGIA_HEALTH_PLATFORMS_YOUTUBE_ABANDONED_AFTER", "P180D",
				"VIGIA_HEALTH_UNREACHABLE_AFTER", "6", "VIGIA_HEALTH_CONFIRM_GONE", "youtube,feed");
		runner.withInitializer(context -> context.getEnvironment().getPropertySources()
			.addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
						"test-" + org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
			.run(context -> {
				assertThat(context).hasNotFailed();
				var properties = context.getBean(HealthProperties.class);
				assertThat(properties.dormantAfter()).isEqualTo(Duration.ofDays(20));
				assertThat(properties.abandonedAfter()).isEqualTo(Duration.ofDays(60));
				assertThat(properties.abandonedAfter(Platform.YOUTUBE)).isEqualTo(Duration.ofDays(180));
				assertThat(properties.unreachableAfter()).isEqualTo(6);
				assertThat(properties.goneConfirmations(Platform.FEED)).isEqualTo(2);
			});
	}

	@Test
	void theExampleConfigurationBinds() throws Exception {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("example",
				new FileSystemResource("config/application.yml"));
		runner.withInitializer(context -> sources.forEach(context.getEnvironment().getPropertySources()::addLast))
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(HealthProperties.class).abandonedAfter()).isEqualTo(Duration.ofDays(90));
			});
	}

	@Test
	void aBadValueStopsStartUpNamingTheProperty() {
		expectFailure("vigia.health.abandoned-after=P10D", "vigia.health.abandoned-after must be at least PT720H");
		expectFailure("vigia.health.platforms.myspace.dormant-after=P10D",
				"vigia.health.platforms.myspace names an unknown platform 'myspace'");
		expectFailure("vigia.health.platforms.youtube.dormant-after=P120D",
				"vigia.health.platforms.youtube.abandoned-after must be at least PT2880H");
		expectFailure("vigia.health.confirm-gone=youtube,friendster", "vigia.health.confirm-gone names an unknown platform");
		expectFailure("vigia.health.unreachable-after=0", "unreachableAfter");
		expectFailure("vigia.health.guidelines.handle-pattern=([",
				"vigia.health.guidelines.handle-pattern is not a regular expression");
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
