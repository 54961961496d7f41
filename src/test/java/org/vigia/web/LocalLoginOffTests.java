package org.vigia.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;

/** With local passwords switched off, only single sign-on (and tokens) let anyone in. */
@IntegrationTest
@TestPropertySource(properties = "vigia.security.local-login=false")
class LocalLoginOffTests {

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.registration.sso.client-id", () -> OpenIdProvider.CLIENT_ID);
		registry.add("spring.security.oauth2.client.registration.sso.client-secret", () -> OpenIdProvider.CLIENT_SECRET);
		registry.add("spring.security.oauth2.client.registration.sso.client-name", () -> "Test provider");
		registry.add("spring.security.oauth2.client.registration.sso.scope", () -> "openid");
		registry.add("spring.security.oauth2.client.provider.sso.issuer-uri", OpenIdProvider::issuer);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	@AfterEach
	void forgetFailures() {
		jdbc.sql("truncate login_throttle").update();
	}

	@Test
	void theLoginPageOffersOnlySingleSignOnAndPasswordsAreRefusedOnTheFormAndWithBasic() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sign in with Test provider")))
			.andExpect(content().string(not(containsString("name=\"password\""))));
		mvc.perform(get("/api/organizations").with(httpBasic("admin", "admin"))).andExpect(status().isUnauthorized());
		mvc.perform(post("/login").with(csrf()).param("username", "editor").param("password", "editor"))
			.andExpect(redirectedUrl("/login?error"));
	}

}
