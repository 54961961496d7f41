package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vigia.IntegrationTest;

/**
 * The session cookie and the client's address as a real servlet container sets them (MockMvc has none), directly and
 * behind a TLS-terminating reverse proxy on the same machine, which says what it did in X-Forwarded-* headers.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SessionCookieTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void forgetFailures() {
		jdbc.sql("truncate login_throttle").update();
	}

	String sessionCookie(HttpRequest.Builder request) throws Exception {
		var response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(cookie -> cookie.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
	}

	HttpRequest.Builder loginPage() {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"));
	}

	@Test
	void theSessionCookieIsSameSiteLaxAndHttpOnlyOverPlainHttp() throws Exception {
		var cookie = sessionCookie(loginPage());
		assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");
	}

	@Test
	void behindAnHttpsProxyTheSessionCookieIsSecureToo() throws Exception {
		var cookie = sessionCookie(loginPage().header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "vigia.example.org"));
		assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly").contains("Secure");
	}

	@Test
	void behindAProxyTheThrottleAndTheLogSeeTheClientsAddress(CapturedOutput output) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/accounts"))
			.header("Authorization", "Basic dmlld2VyOm5vdC10aGUtcGFzc3dvcmQ=")
			.header("X-Forwarded-For", "203.0.113.50")
			.header("X-Forwarded-Proto", "https")
			.build();
		assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
		assertThat(output).contains("Login failed for user 'viewer' from 203.0.113.50");
		assertThat(jdbc.sql("select failures from login_throttle where key = 'address:203.0.113.50'")
			.query(Integer.class)
			.single()).isOne();
	}

}
