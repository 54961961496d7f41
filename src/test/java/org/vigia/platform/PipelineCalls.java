package org.vigia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.jayway.jsonpath.JsonPath;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the networks' whole-pipeline tests do through the API as an editor would: register one account from a CSV
 * line, and check it in a poll run of its own, waiting for the run to complete.
 */
public final class PipelineCalls {

	private PipelineCalls() {
	}

	/** Imports {@code organization,platform,url} with one line of it. */
	public static void register(MockMvc mvc, String organization, String platform, String url) throws Exception {
		mvc.perform(post("/api/registry/import").with(httpBasic("editor", "editor"))
			.contentType("text/csv")
			.content(("organization,platform,url\n" + organization + "," + platform + "," + url + "\n")
				.getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk());
	}

	/** Starts a poll run of the account, waits up to 30 seconds for it, and answers the run as the API gives it. */
	public static String run(MockMvc mvc, long account) throws Exception {
		var location = mvc.perform(post("/api/poll-runs").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"accountIds\": [" + account + "]}"))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		var deadline = Instant.now().plusSeconds(30);
		String body;
		do {
			Thread.sleep(100);
			body = mvc.perform(get(location).with(httpBasic("viewer", "viewer"))).andReturn().getResponse()
				.getContentAsString();
		}
		while (JsonPath.read(body, "$.status").equals("RUNNING") && Instant.now().isBefore(deadline));
		assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("COMPLETED");
		return body;
	}

}
