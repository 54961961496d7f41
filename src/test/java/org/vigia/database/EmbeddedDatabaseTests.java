package org.vigia.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Vigía on a machine with nothing but a JDK: without a database URL it runs a PostgreSQL of its own, in a data
 * directory that outlives it; with one, it connects there as it always did.
 */
class EmbeddedDatabaseTests {

	final ApplicationContextRunner contexts = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(EmbeddedDatabaseConfiguration.class, DataSourceAutoConfiguration.class));

	@Test
	void aDatabaseUrlGivenIsUsedAsBeforeAndNoEmbeddedPostgresqlStarts(@TempDir Path data) {
		contexts
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example.org:5432/vigia",
					"spring.datasource.username=vigia", "spring.datasource.password=secret", "vigia.data-dir=" + data)
			.run(context -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedDatabase.class);
				var pool = (HikariDataSource) context.getBean(DataSource.class);
				assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5432/vigia");
				assertThat(pool.getUsername()).isEqualTo("vigia");
			});
		assertThat(data).isEmptyDirectory();
	}

	@Test
	void connectionDetailsOfAnotherKindKeepTheEmbeddedPostgresqlAway(@TempDir Path data) {
		contexts.withPropertyValues("vigia.data-dir=" + data)
			.withBean(JdbcConnectionDetails.class, () -> new JdbcConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return "jdbc:postgresql://127.0.0.1:5432/vigia_test";
				}

				@Override
				public String getUsername() {
					return "vigia";
				}

				@Override
				public String getPassword() {
					return "vigia";
				}

			})
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedDatabase.class));
		assertThat(data).isEmptyDirectory();
	}

	@Test
	void theDataDirectoryIsLockedAgainstASecondVigiaAndItsPasswordIsItsOwnersAlone(@TempDir Path data)
			throws Exception {
		try (var first = EmbeddedDatabase.persistent(data)) {
			assertThatThrownBy(() -> EmbeddedDatabase.persistent(data)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining(data.toAbsolutePath().toString())
				.hasMessageContaining("in use by another Vigía");
			assertThat(Files.getPosixFilePermissions(data.resolve("postgres.password")))
				.extracting(Object::toString)
				.containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
			assertThat(first.password()).hasSizeGreaterThanOrEqualTo(32);
		}
	}

	@Test
	void aServerLeftRunningByAKilledVigiaIsTakenOverAndStoppedCleanly(@TempDir Path data) throws Exception {
		var javaCommand = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
		var child = new ProcessBuilder(List.of(javaCommand, "-cp", System.getProperty("java.class.path"),
				KilledVigia.class.getName(), data.toString()))
			.redirectErrorStream(true)
			.start();
		try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null && !line.equals(KilledVigia.READY)) {
				// the child's own log
			}
			assertThat(line).as("the child started its database").isEqualTo(KilledVigia.READY);
			child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		var orphan = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst().strip());
		assertThat(ProcessHandle.of(orphan)).as("the server outlived its JVM").hasValueSatisfying(
				process -> assertThat(process.isAlive()).isTrue());

		try (var database = EmbeddedDatabase.persistent(data)) {
			var jdbc = JdbcClient.create(new DriverManagerDataSource(
					database.jdbcUrl(), database.username(), database.password()));
			assertThat(jdbc.sql("select name from survivor").query(String.class).list()).containsExactly("kept");
		}
		assertThat(data.resolve("postgres/postmaster.pid")).as("the server it took over was stopped").doesNotExist();
	}

	/** A Vigía that starts its database, writes a row, says so, and waits to be killed. */
	static final class KilledVigia {

		static final String READY = "database ready";

		public static void main(String[] args) throws Exception {
			var database = EmbeddedDatabase.persistent(Path.of(args[0]));
			var jdbc = JdbcClient.create(new DriverManagerDataSource(
					database.jdbcUrl(), database.username(), database.password()));
			jdbc.sql("create table survivor (name text)").update();
			jdbc.sql("insert into survivor values ('kept')").update();
			System.out.println(READY);
			System.out.flush();
			Thread.sleep(Long.MAX_VALUE);
		}

	}

}
