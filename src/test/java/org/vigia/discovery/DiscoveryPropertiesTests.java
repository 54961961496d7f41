package org.vigia.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class DiscoveryPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DiscoveryProperties.class)
	static class Config {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void theProbingBudgetCountsRequestsAndLookupsWaitForTheNextWindowSixMinutesAtMost() {
		runner.run(context -> {
			var properties = context.getBean(DiscoveryProperties.class);
			assertThat(properties.probeRequests()).isEqualTo(400);
			assertThat(properties.rateLimitWait()).isEqualTo(Duration.ofMinutes(6));
		});
		runner.withPropertyValues("vigia.discovery.probe-requests=25", "vigia.discovery.rate-limit-wait=PT30S")
			.run(context -> {
				assertThat(context.getBean(DiscoveryProperties.class).probeRequests()).isEqualTo(25);
				assertThat(context.getBean(DiscoveryProperties.class).rateLimitWait()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void theOldBudgetInHandlesIsIgnoredWithAWarningNamingItsReplacement(CapturedOutput output) {
		runner.withPropertyValues("vigia.discovery.probes-per-organization=60").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DiscoveryProperties.class).probeRequests()).isEqualTo(400);
		});
		assertThat(output).contains("vigia.discovery.probes-per-organization (60) counted handles and is ignored")
			.contains("vigia.discovery.probe-requests");
	}

	@Test
	void aWaitLongerThanAnHourIsRefused() {
		runner.withPropertyValues("vigia.discovery.rate-limit-wait=PT2H").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("vigia.discovery.rate-limit-wait must be 0 to 1h");
		});
	}

}
