package org.vigia;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Vigía started as {@code java -jar} starts it on a machine with nothing but a JDK and no configuration at all: it
 * runs and migrates a PostgreSQL of its own in the data directory, says so, prints where to log in with the generated
 * password, and finds its data there again after a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstRunTests {

	static final Pattern PASSWORD = Pattern.compile("Generated password of the 'admin' user: (\\S+)");

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void withNothingConfiguredVigiaRunsOnAnEmbeddedPostgresqlSaysWhereToLogInAndKeepsItsDataAcrossARestart(
			@TempDir Path data, CapturedOutput output) throws Exception {
		int migrations = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql").length;
		int databasePort;
		try (var vigia = start(data)) {
			databasePort = Integer.parseInt(Files.readString(data.resolve("postgres.port")).strip());
			assertThat(((HikariDataSource) vigia.getBean(DataSource.class)).getJdbcUrl())
				.isEqualTo("jdbc:postgresql://localhost:" + databasePort + "/vigia");
			assertThat(Files.readString(data.resolve("postgres/PG_VERSION")).strip()).isEqualTo("17");
			var jdbc = vigia.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select count(*) from flyway_schema_history where success and version is not null")
				.query(Integer.class)
				.single()).isEqualTo(migrations);
			assertThat(jdbc.sql("show server_version").query(String.class).single()).startsWith("17.");
			assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");

			assertThat(output.getOut()).contains("No database configured (SPRING_DATASOURCE_URL)",
					data.toAbsolutePath() + " (VIGIA_DATA_DIR), on localhost:" + databasePort,
					"It expects a single Vigía node", "set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and");
			int port = ((WebServerApplicationContext) vigia).getWebServer().getPort();
			assertThat(output.getOut()).contains("Vigía is ready: open http://localhost:" + port
					+ "/ and log in as admin.");
			var generated = PASSWORD.matcher(output.getOut()).results().toList();
			assertThat(generated).as("the password is printed once").hasSize(1);
			var password = generated.getFirst().group(1);
			var overview = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(overview.statusCode()).isEqualTo(200);
			assertThat(overview.body()).contains("Start with your accounts", "/registry/sample.csv");

			jdbc.sql("insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now())")
				.update();
		}
		assertThat(data.resolve("postgres/postmaster.pid")).as("the server stopped with Vigía").doesNotExist();

		try (var vigia = start(data)) {
			var jdbc = vigia.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select name from organization").query(String.class).list()).containsExactly("Villaverde");
			assertThat(jdbc.sql("select count(*) from flyway_schema_history").query(Integer.class).single())
				.as("nothing migrated twice").isEqualTo(migrations);
			assertThat(((HikariDataSource) vigia.getBean(DataSource.class)).getJdbcUrl())
				.as("the port it had").endsWith(":" + databasePort + "/vigia");
		}
	}

	/**
	 * The application as {@code java -jar} starts it, on a free port, with no schedule (nothing to poll in a test).
	 * The blank URL stands for an unset one also where SPRING_DATASOURCE_URL is in the environment.
	 */
	static ConfigurableApplicationContext start(Path data) {
		return new SpringApplicationBuilder(VigiaApplication.class).run("--spring.datasource.url=",
				"--vigia.data-dir=" + data, "--server.port=0", "--vigia.polling.schedule-enabled=false",
				"--vigia.health.sweep-enabled=false", "--vigia.alerts.delivery-enabled=false",
				"--vigia.discovery.schedule-enabled=false", "--vigia.security.admin-password=",
				"--spring.quartz.scheduler-name=vigia-first-run-" + UUID.randomUUID());
	}

}
