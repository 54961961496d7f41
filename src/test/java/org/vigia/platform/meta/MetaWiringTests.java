package org.vigia.platform.meta;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformChecker;
import org.vigia.platform.facebook.FacebookAdapter;
import org.vigia.platform.facebook.FacebookAuthorization;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.instagram.InstagramAdapter;
import org.vigia.platform.threads.ThreadsAdapter;
import org.vigia.platform.threads.ThreadsApi;
import org.vigia.platform.threads.ThreadsAuthorization;
import org.vigia.platform.threads.ThreadsProperties;

import static org.assertj.core.api.Assertions.assertThat;

class MetaWiringTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, PlatformHttpClient.class, MetaConfiguration.class,
				FacebookAdapter.class, InstagramAdapter.class, FacebookAuthorization.class, ThreadsApi.class,
				ThreadsAdapter.class, ThreadsAuthorization.class, PlatformChecker.class)
		.withBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@EnableConfigurationProperties({ HttpProperties.class, MetaProperties.class, ThreadsProperties.class })
	static class Properties {

	}

	@Test
	void theAdaptersAndAuthorizationsStartWithoutConnectionsAndReachNothing() {
		runner.withPropertyValues("vigia.platforms.meta.app-id=123", "vigia.platforms.meta.app-secret=s3cret")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				var checker = context.getBean(PlatformChecker.class);
				for (var platform : new Platform[] { Platform.FACEBOOK, Platform.INSTAGRAM, Platform.THREADS }) {
					assertThat(checker.supports(platform)).isTrue();
					var result = checker.check(CheckRequest.of(platform.parse("aytovillaverde")));
					assertThat(result.outcome()).isEqualTo(CheckOutcome.UNSUPPORTED);
					assertThat(result.requests()).isZero();
				}
				assertThat(context.getBeansOfType(NetworkAuthorization.class).values())
					.extracting(NetworkAuthorization::registrationId)
					.containsExactlyInAnyOrder("facebook", "threads");
				var meta = context.getBean(MetaProperties.class);
				assertThat(meta.versionedGraphUrl()).isEqualTo("https://graph.facebook.com/" + Graph.VERSION);
				assertThat(meta.toString()).doesNotContain("s3cret");
				assertThat(context.getBean(ThreadsProperties.class).base()).isEqualTo("https://graph.threads.net");
			});
	}

}
