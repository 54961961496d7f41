package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.util.unit.DataSize;

class SecurityPropertiesTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecurityProperties.class)
	static class Config {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@Test
	void anUnknownRoleStopsStartUpNamingTheProperty() {
		runner.withPropertyValues("vigia.security.users[0].name=prensa", "vigia.security.users[0].password=x",
				"vigia.security.users[0].role=SUPERUSER")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("vigia.security.users[0].role");
			});
	}

	@Test
	void aUserWithoutPasswordStopsStartUp() {
		runner.withPropertyValues("vigia.security.users[0].name=prensa", "vigia.security.users[0].role=VIEWER")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("vigia.security")
					.hasStackTraceContaining("password");
			});
	}

	@Test
	void withoutAnAdminPasswordARandomOneIsMadeAndWorks() {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		var users = new SecurityConfiguration().users(new SecurityProperties(null, null, DataSize.ofMegabytes(1)), encoder);
		var admin = users.loadUserByUsername("admin");
		assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
		assertThat(encoder.matches("", admin.getPassword())).isFalse();
		assertThat(new SecurityConfiguration().users(new SecurityProperties(null, null, DataSize.ofMegabytes(1)), encoder)
			.loadUserByUsername("admin")
			.getPassword()).isNotEqualTo(admin.getPassword());
	}

	@Test
	void configuredPasswordsAreStoredEncoded() {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		InMemoryUserDetailsManager users = new SecurityConfiguration().users(new SecurityProperties("s3cret", null, DataSize.ofMegabytes(1)),
				encoder);
		var admin = users.loadUserByUsername("admin");
		assertThat(admin.getPassword()).startsWith("{bcrypt}").doesNotContain("s3cret");
		assertThat(encoder.matches("s3cret", admin.getPassword())).isTrue();
	}

}
