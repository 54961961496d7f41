package org.vigia.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.vigia.platform.bluesky.BlueskyLookalikes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.mastodon.MastodonLookalikes;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformDirectoryWiringTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, PlatformHttpClient.class, BlueskyLookalikes.class,
				MastodonLookalikes.class, DefaultPlatformDirectory.class)
		.withBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@EnableConfigurationProperties({ PlatformProperties.class, HttpProperties.class })
	static class Properties {

	}

	@Test
	void givesDiscoveryOneDirectoryThatSearchesBlueskyAndMastodon() {
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(PlatformDirectory.class).searchable())
				.containsExactlyInAnyOrder(Platform.BLUESKY, Platform.MASTODON);
		});
	}

	@Test
	void refusesTwoSourcesForOneNetworkAtStartUp() {
		runner.withBean("another", MastodonLookalikes.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Two look-alike sources for MASTODON");
		});
	}

}
