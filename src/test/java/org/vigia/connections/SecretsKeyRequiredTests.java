package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SecretsKeyRequiredTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OAuth2ClientProperties.class)
	static class Clients {

	}

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Clients.class, ConnectionsConfiguration.class);

	@Test
	void refusesToStartWithAConnectionConfiguredAndNoKey() {
		runner.withPropertyValues("spring.security.oauth2.client.registration.meta.client-id=app",
				"spring.security.oauth2.client.registration.meta.client-secret=secret")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("VIGIA_SECRETS_KEY is not set")
				.hasMessageContaining("meta"));
	}

	@Test
	void startsWithAConnectionConfiguredAndAKey() {
		runner.withPropertyValues("spring.security.oauth2.client.registration.meta.client-id=app",
				"vigia.secrets.key=" + VaultTests.KEY_A)
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(Vault.class));
	}

	@Test
	void startsWithoutConnectionsAndWithoutAKey() {
		runner.withPropertyValues("spring.security.oauth2.client.registration.sso.client-id=app")
			.run(context -> assertThat(context).hasNotFailed());
	}

}
