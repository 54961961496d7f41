package org.vigia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The REST API as the tests' editor and viewer (see {@link IntegrationTest}) call it, and the wait for a run's end. */
public final class ApiCalls {

	private ApiCalls() {
	}

	/** Sends the request as the editor and answers the body; anything but a 2xx fails, showing the body. */
	public static String editor(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic("editor", "editor")))
			.andExpect(result -> assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
				.isBetween(200, 299))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	/** Sends the request as the viewer and answers the body; anything but a 200 fails, showing the body. */
	public static String viewer(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic("viewer", "viewer")))
			.andExpect(result -> assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
				.isEqualTo(200))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	/** Reads a poll or discovery run ({@code path}) until it is no longer RUNNING, for up to two minutes. */
	public static Map<String, Object> awaitFinished(MockMvc mvc, String path) throws Exception {
		return awaitFinished(mvc, path, Duration.ofMinutes(2));
	}

	/** Reads a poll or discovery run ({@code path}) until it is no longer RUNNING; fails after {@code timeout}. */
	public static Map<String, Object> awaitFinished(MockMvc mvc, String path, Duration timeout) throws Exception {
		var deadline = Instant.now().plus(timeout);
		while (true) {
			Map<String, Object> run = JsonPath.read(viewer(mvc, get(path)), "$");
			if (!"RUNNING".equals(run.get("status"))) {
				return run;
			}
			assertThat(Instant.now()).as("run %s still running", path).isBefore(deadline);
			Thread.sleep(100);
		}
	}

}
