package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vigia.IntegrationTest;

/**
 * An error that no controller turns into a problem detail (a servlet filter that fails, a status sent with
 * {@code sendError}) is answered by Spring Boot's error JSON, as a real servlet container forwards it: in the caller's
 * language, and a server error without the exception's own words.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UnhandledErrorTests {

	private static final String INSIDES = "connection pool org.vigia.Secret exhausted at 10.0.0.7";

	@TestConfiguration
	static class FailingFilter {

		/** Fails in front of everything on one path, as a broken filter would; sends 503 on another. */
		@Bean
		FilterRegistrationBean<OncePerRequestFilter> failing() {
			var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					if (request.getRequestURI().equals("/api/test-failure")) {
						throw new IllegalStateException(INSIDES);
					}
					if (request.getRequestURI().equals("/api/test-unavailable")) {
						response.sendError(503, INSIDES);
						return;
					}
					chain.doFilter(request, response);
				}
			});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> get(String path, String language) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "application/json")
			.header("Accept-Language", language)
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	@Test
	void aFilterThatFailsIsAnsweredInTheCallersLanguageWithoutItsInsides() throws Exception {
		var english = get("/api/test-failure", "en");
		assertThat(english.statusCode()).isEqualTo(500);
		assertThat(english.body()).doesNotContain(INSIDES).doesNotContain("IllegalStateException");
		assertThat(JsonPath.<String>read(english.body(), "$.error")).isEqualTo("Internal error");
		assertThat(JsonPath.<String>read(english.body(), "$.code")).isEqualTo("problem.status.500");
		assertThat(JsonPath.<Integer>read(english.body(), "$.status")).isEqualTo(500);
		assertThat(JsonPath.<String>read(english.body(), "$.path")).isEqualTo("/api/test-failure");

		var spanish = get("/api/test-failure", "es-ES,es;q=0.9");
		assertThat(spanish.statusCode()).isEqualTo(500);
		assertThat(spanish.body()).doesNotContain(INSIDES).doesNotContain("Internal error")
			.doesNotContain("Internal Server Error");
		assertThat(JsonPath.<String>read(spanish.body(), "$.detail")).isNotBlank()
			.isNotEqualTo(JsonPath.read(english.body(), "$.detail"));
	}

	@Test
	void aStatusSentByAFilterIsNamedInTheCallersLanguage() throws Exception {
		var basque = get("/api/test-unavailable", "eu");
		assertThat(basque.statusCode()).isEqualTo(503);
		assertThat(basque.body()).doesNotContain(INSIDES).doesNotContain("Service Unavailable")
			.doesNotContain("Unavailable");
		assertThat(JsonPath.<String>read(basque.body(), "$.code")).isEqualTo("problem.status.503");
	}

}
