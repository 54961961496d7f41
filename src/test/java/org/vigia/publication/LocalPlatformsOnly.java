package org.vigia.publication;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.AccountSearch;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformDirectory;

/**
 * Makes sure a test never reaches a real platform: every account the platforms are asked about, and every image
 * fetched, must be on this machine (Bluesky is asked at {@code vigia.platforms.bluesky.api-url}, which the tests point
 * at their MockWebServer); anything else fails the test instead of leaving the machine.
 */
@TestConfiguration(proxyBeanMethods = false)
class LocalPlatformsOnly {

	private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost", "[::1]");

	@Bean
	static BeanPostProcessor localPlatformsOnly(Environment environment) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof PlatformDirectory directory)
						? new Guarded(directory, environment.getProperty("vigia.platforms.bluesky.api-url", "")) : bean;
			}
		};
	}

	static void requireLocal(String url) {
		var host = URI.create(url).getHost();
		if (host == null || !LOCAL.contains(host)) {
			throw new AssertionError("A test asked a real host: " + url);
		}
	}

	private record Guarded(PlatformDirectory directory, String appView) implements PlatformDirectory {

		@Override
		public Set<Platform> searchable() {
			return directory.searchable();
		}

		@Override
		public AccountSearch search(Platform platform, String query, @Nullable URI server, int limit) {
			if (platform == Platform.MASTODON && server != null) {
				requireLocal(server.toString());
			}
			else if (platform == Platform.BLUESKY) {
				requireLocal(appView);
			}
			return directory.search(platform, query, server, limit);
		}

		@Override
		public AccountSearch search(Platform platform, String query, @Nullable URI server, int limit,
				Duration patience) {
			if (platform == Platform.MASTODON && server != null) {
				requireLocal(server.toString());
			}
			else if (platform == Platform.BLUESKY) {
				requireLocal(appView);
			}
			return directory.search(platform, query, server, limit, patience);
		}

		@Override
		public HandleProbe probe(AccountAddress address) {
			guard(address);
			return directory.probe(address);
		}

		@Override
		public int probeBatch(Platform platform) {
			return directory.probeBatch(platform);
		}

		@Override
		public Map<AccountAddress, HandleProbe> probe(List<AccountAddress> addresses, Duration patience) {
			addresses.forEach(this::guard);
			return directory.probe(addresses, patience);
		}

		@Override
		public byte @Nullable [] image(String url, int maxBytes) {
			requireLocal(url);
			return directory.image(url, maxBytes);
		}

		private void guard(AccountAddress address) {
			// Bluesky goes to the AppView the test configured; Mastodon to the server in the account's address.
			if (address.platform() == Platform.MASTODON) {
				requireLocal(address.url());
			}
			else if (address.platform() == Platform.BLUESKY) {
				requireLocal(appView);
			}
		}

	}

}
