package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

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

	static SecurityProperties properties(String adminPassword, SecurityProperties.User... users) {
		return new SecurityProperties(adminPassword, List.of(users), DataSize.ofMegabytes(1), false);
	}

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
		var users = new SecurityConfiguration().users(properties(null), encoder);
		var admin = users.loadUserByUsername("admin");
		assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
		assertThat(encoder.matches("", admin.getPassword())).isFalse();
		assertThat(new SecurityConfiguration().users(properties(null), encoder)
			.loadUserByUsername("admin")
			.getPassword()).isNotEqualTo(admin.getPassword());
	}

	@Test
	void configuredPasswordsAreStoredEncoded() {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		InMemoryUserDetailsManager users = new SecurityConfiguration().users(properties("correct horse battery"),
				encoder);
		var admin = users.loadUserByUsername("admin");
		assertThat(admin.getPassword()).startsWith("{bcrypt}").doesNotContain("correct horse battery");
		assertThat(encoder.matches("correct horse battery", admin.getPassword())).isTrue();
	}

	@Test
	void anAdminPasswordShorterThanTwelveCharactersStopsStartUpNamingTheProperty() {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecurityConfiguration().users(properties("s3cret-pass"), encoder))
			.withMessageContaining("vigia.security.admin-password")
			.withMessageContaining("shorter than 12 characters")
			.withMessageNotContaining("s3cret-pass");
		assertThat(new SecurityConfiguration().users(properties("s3cret-passw"), encoder).userExists("admin")).isTrue();
	}

	@Test
	void aShortOrNoopUserPasswordStopsStartUpNamingTheUser() {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		var strong = new SecurityProperties.User("prensa", "a long enough password", SecurityProperties.Role.EDITOR);
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecurityConfiguration().users(properties("a long admin password", strong,
					new SecurityProperties.User("direccion", "change-me", SecurityProperties.Role.VIEWER)), encoder))
			.withMessageContaining("vigia.security.users[1].password")
			.withMessageContaining("shorter than 12 characters");
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecurityConfiguration().users(properties("a long admin password",
					new SecurityProperties.User("prensa", "{noop}a long enough password", SecurityProperties.Role.EDITOR)),
					encoder))
			.withMessageContaining("vigia.security.users[0].password")
			.withMessageContaining("{noop}");
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecurityConfiguration().users(properties("{noop}a long admin password"), encoder))
			.withMessageContaining("vigia.security.admin-password");
	}

	@Test
	void anEncodedPasswordIsTakenAsItIs() {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		var hash = encoder.encode("a long enough password");
		var users = new SecurityConfiguration().users(properties(hash,
				new SecurityProperties.User("prensa", hash, SecurityProperties.Role.EDITOR)), encoder);
		assertThat(users.loadUserByUsername("prensa").getPassword()).isEqualTo(hash);
	}

	@Test
	void onlyTestsMayAllowShortPasswords() {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		var relaxed = new SecurityProperties("admin", List.of(), DataSize.ofMegabytes(1), true);
		assertThat(new SecurityConfiguration().users(relaxed, encoder).userExists("admin")).isTrue();
		runner.run(context -> assertThat(context.getBean(SecurityProperties.class).allowTestPasswords()).isFalse());
	}

}
