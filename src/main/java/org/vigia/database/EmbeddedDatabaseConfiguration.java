package org.vigia.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Without {@code spring.datasource.url}, Vigía starts its own PostgreSQL in {@code vigia.data-dir} and connects to
 * it, so that a machine with nothing but a JDK runs it. An auto-configuration, so that it steps aside for any other
 * connection details (the tests' database).
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseUrl.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(DataProperties.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedDatabase embeddedDatabase(DataProperties properties) {
		var database = EmbeddedDatabase.persistent(properties.dataDir());
		log.warn("""

				    No database configured (SPRING_DATASOURCE_URL): Vigía runs an embedded PostgreSQL 17 with its data in
				    {} (VIGIA_DATA_DIR), on localhost:{}, database {}, user {}, password in postgres.password there.
				    It expects a single Vigía node: several nodes share their work (Quartz clustering) only through one
				    PostgreSQL server. For production, set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and
				    SPRING_DATASOURCE_PASSWORD to a PostgreSQL 15+ server of your own.
				""", database.dataDir(), database.port(), EmbeddedDatabase.DATABASE, database.username());
		return database;
	}

	@Bean
	JdbcConnectionDetails embeddedDatabaseConnectionDetails(EmbeddedDatabase database) {
		return new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return database.jdbcUrl();
			}

			@Override
			public String getUsername() {
				return database.username();
			}

			@Override
			public String getPassword() {
				return database.password();
			}

		};
	}

	/** Matches when {@code spring.datasource.url} is unset or blank ({@code SPRING_DATASOURCE_URL=} counts as unset). */
	static class NoDatabaseUrl extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"))
					? ConditionOutcome.noMatch("spring.datasource.url is set")
					: ConditionOutcome.match("spring.datasource.url is not set");
		}

	}

}
