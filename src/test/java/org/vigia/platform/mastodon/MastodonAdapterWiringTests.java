package org.vigia.platform.mastodon;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformChecker;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

class MastodonAdapterWiringTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, PlatformHttpClient.class, MastodonAdapter.class, PlatformChecker.class)
		.withBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@EnableConfigurationProperties({ PlatformProperties.class, HttpProperties.class })
	static class Properties {

	}

	@Test
	void letsThePlatformCheckerCheckMastodonAccountsWithTheApplicationsBeans() {
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(PlatformChecker.class).supports(Platform.MASTODON)).isTrue();
			assertThat(context.getBean(MastodonAdapter.class).platform()).isEqualTo(Platform.MASTODON);
		});
	}

}
