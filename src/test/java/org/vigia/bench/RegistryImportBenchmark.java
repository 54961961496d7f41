package org.vigia.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vigia.IntegrationTest;

/**
 * Times registry imports over real HTTP against real PostgreSQL and prints the figures; not part of the test run
 * (surefire picks up *Tests only). Run it with
 * {@code ./mvnw test -Dtest=RegistryImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryImportBenchmark {

	private static final String HEADER = "organization,unit,platform,handle,url,display_name,contact_email,purpose,language,max_silence_days,notes\n";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void importsOfTenAndFiftyThousandAccounts() throws Exception {
		System.out.printf("%n%-8s %-10s %10s %12s %10s%n", "lines", "pass", "ms", "lines/s", "bytes");
		for (int lines : new int[] { 10_000, 50_000 }) {
			jdbc.sql("truncate account, unit, organization restart identity cascade").update();
			post(csv(lines, ""), "warm-up", lines, false);
			jdbc.sql("truncate account, unit, organization restart identity cascade").update();
			post(csv(lines, ""), "create", lines, true);
			post(csv(lines, ""), "no-op", lines, true);
			post(csv(lines, "updated"), "update", lines, true);
			post(csv(lines, "dry"), "dry-run", lines, true);
		}
	}

	private static String csv(int lines, String note) {
		var csv = new StringBuilder(HEADER);
		for (int i = 0; i < lines; i++) {
			csv.append("Municipio ").append(i % 200).append(",Área ").append(i % 9).append(",")
				.append(switch (i % 4) {
					case 0 -> "mastodon,@cuenta" + i + "@social.example.es,";
					case 1 -> "bluesky,,https://bsky.app/profile/cuenta" + i + ".example.es";
					case 2 -> "telegram,@cuenta_" + i + ",";
					default -> "feed,,https://municipio" + i + ".example.es/feed/?utm_source=x";
				})
				.append(",Cuenta ").append(i).append(",prensa@municipio").append(i % 200)
				.append(".example.es,Información municipal,es,").append(i % 3 == 0 ? "60" : "").append(',')
				.append(note).append('\n');
		}
		return csv.toString();
	}

	private void post(String csv, String pass, int lines, boolean print) throws Exception {
		var dryRun = pass.equals("dry-run");
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/registry/import?dryRun=" + dryRun))
			.header("Content-Type", "text/csv")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(csv))
			.build();
		long started = System.nanoTime();
		var response = http.send(request, HttpResponse.BodyHandlers.ofString());
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		if (print) {
			System.out.printf("%-8d %-10s %10d %12d %10d   %s%n", lines, pass, millis, lines * 1000L / Math.max(1, millis),
					csv.length(), response.body());
		}
	}

}
