package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vigia.IntegrationTest;

/**
 * An upload over the limit, through a real servlet container (MockMvc has none, and it is the container that refuses
 * the body): the page answers with the registry and a message naming the limit, the API with its problem detail.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "vigia.registry.import-max-size=64KB")
class OversizedUploadPagesTests {

	static final String BOUNDARY = "vigia-test-boundary";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void emptyRegistry() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
	}

	static String editor() {
		return "Basic " + Base64.getEncoder().encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8));
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	static byte[] multipart(String csv, String csrfToken) {
		var body = new StringBuilder();
		if (csrfToken != null) {
			body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n")
				.append(csrfToken).append("\r\n");
		}
		body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\ntrue\r\n");
		body.append("--").append(BOUNDARY)
			.append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"registro.csv\"\r\n")
			.append("Content-Type: text/csv\r\n\r\n").append(csv).append("\r\n--").append(BOUNDARY).append("--\r\n");
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	HttpResponse<String> upload(byte[] body, String cookie) throws Exception {
		var request = HttpRequest.newBuilder(uri("/registry/import"))
			.header("Authorization", editor())
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> registryPage(String cookie) throws Exception {
		return http.send(HttpRequest.newBuilder(uri("/registry")).header("Authorization", editor())
			.header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
	}

	static String sessionCookie(HttpResponse<?> response) {
		return response.headers().allValues("Set-Cookie").stream()
			.filter(c -> c.startsWith("JSESSIONID="))
			.map(c -> c.substring(0, c.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
	}

	static String bigCsv() {
		var csv = new StringBuilder("organization,platform,handle\n");
		for (int i = 0; csv.length() < 200 * 1024; i++) {
			csv.append("Villaverde,telegram,canal_").append(i).append('\n');
		}
		return csv.toString();
	}

	@Test
	void anOversizedUploadShowsTheRegistryPageWithTheLimitInsteadOfABare413() throws Exception {
		var response = upload(multipart(bigCsv(), null), null);
		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(response.headers().firstValue("Location")).hasValue("/registry#import");
		var page = registryPage(sessionCookie(response));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<p role=\"alert\" class=\"error\">The file you sent is larger than the limit of 64 KB: nothing was read.");
		assertThat(jdbc.sql("select count(*) from organization").query(Long.class).single()).isZero();
		// the message is shown once
		assertThat(registryPage(sessionCookie(response)).body()).doesNotContain("larger than the limit");
	}

	@Test
	void anUploadWithinTheLimitStillPassesTheCsrfCheckAndIsChecked() throws Exception {
		var first = http.send(HttpRequest.newBuilder(uri("/registry")).header("Authorization", editor()).build(),
				HttpResponse.BodyHandlers.ofString());
		var cookie = sessionCookie(first);
		var matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(first.body());
		assertThat(matcher.find()).isTrue();
		var csv = "organization,platform,handle\nVillaverde,telegram,villaverde_prensa\n";

		var refused = upload(multipart(csv, null), cookie);
		assertThat(refused.statusCode()).as("no CSRF token").isEqualTo(403);

		var response = upload(multipart(csv, matcher.group(1)), cookie);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(registryPage(cookie).body()).contains("Check of registro.csv: the file can be imported.");
	}

	@Test
	void theApiKeepsItsProblemDetailForAnOversizedFile() throws Exception {
		var response = http.send(HttpRequest.newBuilder(uri("/api/registry/import?dryRun=true"))
			.header("Authorization", editor())
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(bigCsv()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("larger than 65536 bytes");
	}

}
