package org.vigia;

import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.vigia.database.EmbeddedDatabase;

/**
 * The tests' PostgreSQL, one per test JVM whatever the machine has: the database named by
 * {@code VIGIA_TEST_DATABASE_URL} (with {@code _USERNAME} and {@code _PASSWORD}, both {@code vigia} by default) when
 * it is set, as in CI; else a Testcontainers PostgreSQL 17 when Docker answers; else an embedded PostgreSQL 17 in a
 * temporary directory, so that a machine with only a JDK runs the tests. Every test context gets it as its connection
 * details, which keep Vigía's own embedded database out of the tests.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

	/** Where the tests' database comes from. */
	enum Source {

		URL, CONTAINER, EMBEDDED;

		/** The first that applies: a URL given, then Docker (asked only without a URL), then the embedded server. */
		static Source choose(@Nullable String url, BooleanSupplier dockerAnswers) {
			if (StringUtils.hasText(url)) {
				return URL;
			}
			return dockerAnswers.getAsBoolean() ? CONTAINER : EMBEDDED;
		}

	}

	/** The database's coordinates. */
	record Connection(Source source, String url, String username, String password) implements JdbcConnectionDetails {

		@Override
		public String getJdbcUrl() {
			return url;
		}

		@Override
		public String getUsername() {
			return username;
		}

		@Override
		public String getPassword() {
			return password;
		}

	}

	private static @Nullable Connection shared;

	@Bean
	JdbcConnectionDetails testDatabaseConnectionDetails(Environment environment) {
		return connection(environment);
	}

	/** The JVM's test database, started by the first context that asks for it and stopped when the JVM exits. */
	static synchronized Connection connection(Environment environment) {
		if (shared == null) {
			var url = environment.getProperty("VIGIA_TEST_DATABASE_URL");
			shared = switch (Source.choose(url, () -> DockerClientFactory.instance().isDockerAvailable())) {
				case URL -> new Connection(Source.URL, url,
						environment.getProperty("VIGIA_TEST_DATABASE_USERNAME", "vigia"),
						environment.getProperty("VIGIA_TEST_DATABASE_PASSWORD", "vigia"));
				case CONTAINER -> container();
				case EMBEDDED -> embedded();
			};
			System.out.println("Test database: " + shared.source() + " at " + shared.url() + switch (shared.source()) {
				case URL -> " (VIGIA_TEST_DATABASE_URL)";
				case CONTAINER -> " (Testcontainers; set VIGIA_TEST_DATABASE_URL to use a database of your own)";
				case EMBEDDED -> " (no VIGIA_TEST_DATABASE_URL, and Testcontainers found no Docker, as it said above)";
			});
		}
		return shared;
	}

	@SuppressWarnings("resource") // Testcontainers' reaper removes the container when the JVM exits
	private static Connection container() {
		var container = new PostgreSQLContainer("postgres:17-alpine");
		container.start();
		return new Connection(Source.CONTAINER, container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	@SuppressWarnings("resource") // stopped and deleted by its own shutdown hook
	private static Connection embedded() {
		var database = EmbeddedDatabase.temporary();
		return new Connection(Source.EMBEDDED, database.jdbcUrl(), database.username(), database.password());
	}

}
