package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.vigia.IntegrationTest;

/** Password guessing against the API's Basic and the dashboard's form, with the default limits. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottlingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	@AfterEach
	void forgetFailures() {
		jdbc.sql("truncate login_throttle").update();
	}

	static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void theSixthWrongPasswordOnTheApiIsRefusedWith429AndSoIsTheRightSeventh() throws Exception {
		for (int i = 1; i <= 5; i++) {
			mvc.perform(get("/api/accounts").with(httpBasic("editor", "guess-" + i)).with(from("198.51.100.10")))
				.andExpect(status().isUnauthorized());
		}
		mvc.perform(get("/api/accounts").with(httpBasic("editor", "guess-6")).with(from("198.51.100.10")))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "60"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(429))
			.andExpect(jsonPath("$.detail").value(containsString("try again in 60 seconds")));
		mvc.perform(get("/api/accounts").with(httpBasic("editor", "editor")).with(from("198.51.100.10")))
			.andExpect(status().isTooManyRequests());
		// The user name is throttled, wherever the guesses come from.
		mvc.perform(get("/api/accounts").with(httpBasic("editor", "editor")).with(from("203.0.113.20")))
			.andExpect(status().isTooManyRequests());
		mvc.perform(get("/api/accounts").with(httpBasic("viewer", "viewer")).with(from("198.51.100.10")))
			.andExpect(status().isOk());
	}

	@Test
	void theFormSaysHowLongToWaitAfterTooManyWrongPasswords() throws Exception {
		var session = new MockHttpSession();
		for (int i = 1; i <= 5; i++) {
			mvc.perform(post("/login").session(session)
				.with(csrf())
				.with(from("198.51.100.11"))
				.param("username", "viewer")
				.param("password", "guess-" + i))
				.andExpect(redirectedUrl("/login?error"));
		}
		mvc.perform(post("/login").session(session)
			.with(csrf())
			.with(from("198.51.100.11"))
			.param("username", "viewer")
			.param("password", "viewer"))
			.andExpect(redirectedUrl("/login?throttled"));
		mvc.perform(get("/login?throttled&lang=en").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"Too many failed logins for this user name or from your address. Try again in 1 minute.")));
		mvc.perform(get("/login?throttled&lang=es").session(session))
			.andExpect(content().string(containsString("Vuelva a intentarlo dentro de 1 minuto.")));
	}

	@Test
	void theFormAndBasicShareOneCount() throws Exception {
		for (int i = 1; i <= 3; i++) {
			mvc.perform(get("/api/accounts").with(httpBasic("viewer", "guess-" + i)).with(from("198.51.100.12")))
				.andExpect(status().isUnauthorized());
		}
		for (int i = 4; i <= 5; i++) {
			mvc.perform(post("/login").with(csrf())
				.with(from("198.51.100.13"))
				.param("username", "viewer")
				.param("password", "guess-" + i)).andExpect(redirectedUrl("/login?error"));
		}
		mvc.perform(get("/api/accounts").with(httpBasic("viewer", "viewer")).with(from("198.51.100.14")))
			.andExpect(status().isTooManyRequests());
	}

	@Test
	void everyLoginAndFailureIsLoggedWithUserAndAddressButNeverThePassword(CapturedOutput output) throws Exception {
		mvc.perform(get("/api/accounts").with(httpBasic("viewer", "Not-The-Password-42")).with(from("198.51.100.15")))
			.andExpect(status().isUnauthorized());
		mvc.perform(post("/login").with(csrf())
			.with(from("198.51.100.16"))
			.param("username", "viewer")
			.param("password", "viewer"))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/api/accounts").with(httpBasic("evil\nforged line", "x")).with(from("198.51.100.17")))
			.andExpect(status().isUnauthorized());
		assertThat(output).contains("Login failed for user 'viewer' from 198.51.100.15")
			.contains("Login of user 'viewer' from 198.51.100.16")
			.contains("Login failed for user 'evil\\u000aforged line' from 198.51.100.17")
			.doesNotContain("Not-The-Password-42");
	}

}
