package org.vigia.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class RegistryPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RegistryProperties.class)
	static class Config {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@Test
	void defaultsAllowTenThousandLineFilesWithRoomToSpare() {
		runner.run(context -> {
			var properties = context.getBean(RegistryProperties.class);
			assertThat(properties.importMaxLines()).isEqualTo(100_000);
			assertThat(properties.importMaxBytes()).isEqualTo(32L * 1024 * 1024);
		});
	}

	@Test
	void aBadValueStopsStartUpNamingTheProperty() {
		runner.withPropertyValues("vigia.registry.import-max-lines=0").run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("vigia.registry").contains("importMaxLines");
		});
		runner.withPropertyValues("vigia.registry.import-max-size=lots").run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("vigia.registry.import-max-size");
		});
	}

	private static String messages(Throwable failure) {
		var messages = new StringBuilder();
		for (var cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
