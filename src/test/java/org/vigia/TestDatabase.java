package org.vigia;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The tests' PostgreSQL: the database named by {@code VIGIA_TEST_DATABASE_URL} when it is set (CI and machines
 * without Docker), a Testcontainers PostgreSQL 17 otherwise.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

	@Bean
	@ServiceConnection
	@ConditionalOnExpression("'${VIGIA_TEST_DATABASE_URL:}'.isEmpty()")
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer("postgres:17-alpine");
	}

}
