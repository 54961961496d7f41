package org.vigia.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;

@IntegrationTest
class SecurityTests {

	@Autowired
	MockMvc mvc;

	@Test
	void anonymousApiCallsGet401WithABasicChallengeAndAProblem() throws Exception {
		mvc.perform(get("/api/accounts"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Basic")))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401));
		mvc.perform(post("/api/registry/import").contentType("text/csv").content("organization,platform,handle\n"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void wrongPasswordsAreRefused() throws Exception {
		mvc.perform(get("/api/accounts").with(httpBasic("admin", "not-the-password")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void viewersReadButCannotWrite() throws Exception {
		mvc.perform(get("/api/organizations").with(httpBasic("viewer", "viewer"))).andExpect(status().isOk());
		mvc.perform(get("/api/registry/export").with(httpBasic("viewer", "viewer"))).andExpect(status().isOk());
		mvc.perform(post("/api/organizations").with(httpBasic("viewer", "viewer"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Viewer Town\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		// An account that does not exist is not found, whoever asks to change it: a refusal would say it exists.
		mvc.perform(delete("/api/accounts/" + Long.MAX_VALUE).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/registry/import").with(httpBasic("viewer", "viewer"))
			.contentType("text/csv")
			.content("organization,platform,handle\n"))
			.andExpect(status().isForbidden());
	}

	@Test
	void healthIsPublicAndTheRestOfActuatorIsForAdminsOnly() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/metrics").with(httpBasic("editor", "editor"))).andExpect(status().isForbidden());
		mvc.perform(get("/actuator/metrics").with(httpBasic("admin", "admin"))).andExpect(status().isOk());
	}

	@Test
	void theApiDescriptionIsOpenToViewers() throws Exception {
		mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
		mvc.perform(get("/v3/api-docs").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/registry/import']").exists());
	}

	@Test
	void swaggerUiServesItsPageAndFilesWithTheResourceChainOff() throws Exception {
		// spring.web.resources.chain.enabled is false (see application.yml): Swagger UI resolves its webjar itself.
		mvc.perform(get("/swagger-ui/index.html").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("swagger-ui")));
		mvc.perform(get("/swagger-ui/swagger-ui-bundle.js").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk());
		mvc.perform(get("/css/vigia.css")).andExpect(status().isOk());
	}

	@Test
	void sessionAuthenticatedWritesNeedACsrfToken() throws Exception {
		mvc.perform(post("/api/organizations").with(user("editor").roles("EDITOR"))
			.with(request -> {
				request.setRequestedSessionId("victims-session");
				return request;
			})
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Forged\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/organizations").with(user("editor").roles("EDITOR"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Csrf Town " + System.nanoTime() + "\"}"))
			.andExpect(status().isCreated());
	}

	@Test
	void theLoginPageIsAFormWithUsernamePasswordAndCsrf() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"username\"")))
			.andExpect(content().string(containsString("name=\"password\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

}
