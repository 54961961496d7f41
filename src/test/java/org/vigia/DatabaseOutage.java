package org.vigia;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A database outage on demand, for the tests of what survives one. The application's DataSource is wrapped: while the
 * outage lasts, no connection can be had (as when the server refuses them), and a connection already handed out fails
 * its next statement or commit (as when the server went away under it). Everything in the application goes through
 * it: JDBC, transactions, Quartz's job store, the health indicators. Import it and call {@link #begin} and {@link #end}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DatabaseOutage {

	@Bean
	static Switch databaseOutage() {
		return new Switch();
	}

	/** Turns the outage on and off; a bean post-processor that wraps every DataSource in the context. */
	public static final class Switch implements BeanPostProcessor {

		private static final Set<String> FAILING = Set.of("createStatement", "prepareStatement", "prepareCall",
				"commit", "nativeSQL", "setSavepoint");

		private volatile boolean down;

		public void begin() {
			down = true;
		}

		public void end() {
			down = false;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
				return new DelegatingDataSource(dataSource) {
					@Override
					public Connection getConnection() throws SQLException {
						refuse();
						return failing(super.getConnection());
					}

					@Override
					public Connection getConnection(String username, String password) throws SQLException {
						refuse();
						return failing(super.getConnection(username, password));
					}
				};
			}
			return bean;
		}

		private void refuse() throws SQLException {
			if (down) {
				throw new SQLTransientConnectionException("Connection refused: the database is down (a test's outage)",
						"08001");
			}
		}

		private Connection failing(Connection connection) {
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						if (down && FAILING.contains(method.getName())) {
							throw new SQLNonTransientConnectionException(
									"An I/O error occurred while sending to the backend (a test's outage)", "08006");
						}
						try {
							return method.invoke(connection, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

}
