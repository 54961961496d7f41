package org.vigia.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.mockito.Mockito;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.unit.DataSize;
import org.vigia.registry.RegistryCsv;

/**
 * A web slice: the controllers named, behind the real security chain, problem details and page configuration, with
 * Thymeleaf and MockMvc, and no database. The services a controller calls are the test's {@code @MockitoBean}s, so a
 * slice checks what the web layer itself does (mapping, binding, views, access, errors) in a second or two, where an
 * {@link org.vigia.IntegrationTest} starts everything.
 *
 * <p>
 * The in-memory users are admin, editor and viewer, whose passwords are their names, as in the integration tests.
 * Logins are not throttled here (the throttle counts in PostgreSQL; see {@code LoginThrottleTests}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@Import(WebSliceTest.Beans.class)
@TestPropertySource(properties = { "vigia.security.admin-password={noop}admin",
		"vigia.security.users[0].name=editor", "vigia.security.users[0].password={noop}editor",
		"vigia.security.users[0].role=EDITOR", "vigia.security.users[1].name=viewer",
		"vigia.security.users[1].password={noop}viewer", "vigia.security.users[1].role=VIEWER",
		"vigia.security.allow-test-passwords=true" })
public @interface WebSliceTest {

	/** The controllers under test. */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};

	/**
	 * What a slice does not pick up by itself: the security configuration and its problem handlers (plain
	 * {@code @Configuration} and {@code @Component}, and the sentences findings are written in), and the registry CSV the pages' upload limit is read from (the
	 * page configuration is a {@code WebMvcConfigurer}, which every web slice includes).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecurityProperties.class)
	@Import({ SecurityConfiguration.class, ProblemAuthenticationHandlers.class, Sentences.class, Times.class })
	class Beans {

		/** The default limit of {@code vigia.registry.import-max-size}; a test that needs the CSV mocks it itself. */
		static final long MAX_IMPORT_BYTES = DataSize.ofMegabytes(32).toBytes();

		/** Every login may go ahead, and its outcome is noted nowhere. */
		@Bean
		LoginThrottle loginThrottle() {
			return Mockito.mock(LoginThrottle.class, Mockito.RETURNS_MOCKS);
		}

		/** No recertification round: the overview shows no share. */
		@Bean
		org.vigia.recertification.Rounds rounds() {
			return Mockito.mock(org.vigia.recertification.Rounds.class);
		}

		@Bean
		RegistryCsv registryCsv() {
			var csv = Mockito.mock(RegistryCsv.class);
			Mockito.when(csv.maxImportBytes()).thenReturn(MAX_IMPORT_BYTES);
			return csv;
		}

	}

}
