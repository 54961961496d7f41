package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.polling.PollRun;
import org.vigia.polling.PollRunNotFoundException;
import org.vigia.polling.PollRuns;
import org.vigia.polling.UnknownAccountsException;

/** The poll-run API on its own: starting a run, for everything or some accounts, and reading its progress. */
@WebSliceTest(PollRunController.class)
class PollRunControllerSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	PollRuns runs;

	@Test
	void startingWithoutABodyChecksEveryActiveAccountAndAnswersWhereToFollowIt() throws Exception {
		when(runs.start(null)).thenReturn(WebSamples.pollRun(3, PollRun.Status.RUNNING));

		mvc.perform(post("/api/poll-runs").with(user("ana").roles("EDITOR")))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/poll-runs/3"))
			.andExpect(jsonPath("$.id").value(3))
			.andExpect(jsonPath("$.status").value("RUNNING"))
			.andExpect(jsonPath("$.total").value(30))
			.andExpect(jsonPath("$.finishedAt").doesNotExist());
		verify(runs).start(null);
	}

	@Test
	void startingWithAccountIdsChecksThoseAccounts() throws Exception {
		when(runs.start(List.of(7L, 8L))).thenReturn(WebSamples.pollRun(4, PollRun.Status.RUNNING));

		mvc.perform(post("/api/poll-runs").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"accountIds\": [7, 8]}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/poll-runs/4"));
		verify(runs).start(List.of(7L, 8L));
	}

	@Test
	void unknownAccountsAreABadRequestListingThem() throws Exception {
		when(runs.start(List.of(7L, 404L)))
			.thenThrow(Exceptions.of(UnknownAccountsException.class, List.of(404L)));

		mvc.perform(post("/api/poll-runs").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"accountIds\": [7, 404]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Unknown accounts"))
			.andExpect(jsonPath("$.accountIds[0]").value(404));
	}

	@Test
	void aBodyThatIsNotAListOfIdsIsABadRequestAndStartsNothing() throws Exception {
		mvc.perform(post("/api/poll-runs").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"accountIds\": [\"seven\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(post("/api/poll-runs").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"accountIds\": [7,"))
			.andExpect(status().isBadRequest());
		verifyNoInteractions(runs);
	}

	@Test
	void onlyEditorsStartRunsAndOnlyUsersReadThem() throws Exception {
		mvc.perform(post("/api/poll-runs").with(user("victor").roles("VIEWER")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(post("/api/poll-runs")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/poll-runs/3")).andExpect(status().isUnauthorized());
		verifyNoInteractions(runs);
	}

	@Test
	void aRunReportsItsProgress() throws Exception {
		when(runs.get(3)).thenReturn(WebSamples.pollRun(3, PollRun.Status.COMPLETED));

		mvc.perform(get("/api/poll-runs/3").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COMPLETED"))
			.andExpect(jsonPath("$.trigger").value("MANUAL"))
			.andExpect(jsonPath("$.checked").value(30))
			.andExpect(jsonPath("$.failed").value(1))
			.andExpect(jsonPath("$.startedAt").value("2026-11-20T09:30:00Z"))
			.andExpect(jsonPath("$.finishedAt").value("2026-11-20T09:31:35Z"));
	}

	@Test
	void aFailedRunSaysWhyAndARunningOneHasNoReason() throws Exception {
		when(runs.get(3)).thenReturn(WebSamples.pollRun(3, PollRun.Status.RUNNING));
		when(runs.get(5)).thenReturn(WebSamples.failedPollRun(5));

		mvc.perform(get("/api/poll-runs/3").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reason").doesNotExist());
		mvc.perform(get("/api/poll-runs/5").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("FAILED"))
			.andExpect(jsonPath("$.reason").value("WORKERS_STOPPED"))
			.andExpect(jsonPath("$.error").value(containsString("is locked")));
	}

	@Test
	void anUnknownRunIsNotFoundAndANonNumericIdABadRequest() throws Exception {
		when(runs.get(99)).thenThrow(Exceptions.of(PollRunNotFoundException.class, 99L));

		mvc.perform(get("/api/poll-runs/99").with(user("victor").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("There is no poll run with id 99"))
			.andExpect(jsonPath("$.code").value("problem.noPollRun"));
		// The title and the detail follow Accept-Language; the status and the code stay the same for scripts.
		for (var language : java.util.List.of("es", "ca", "gl", "eu")) {
			var body = mvc.perform(get("/api/poll-runs/99").header("Accept-Language", language)
				.with(user("victor").roles("VIEWER")))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.code").value("problem.noPollRun"))
				.andExpect(jsonPath("$.detail").value(containsString("99")))
				.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
			org.vigia.alerts.LanguageGuardTests.assertNoEnglishAndNoKey(body, "a problem detail in " + language);
			assertThat(body).doesNotContain("Not found");
		}
		mvc.perform(get("/api/poll-runs/99").header("Accept-Language", "es").with(user("victor").roles("VIEWER")))
			.andExpect(jsonPath("$.title").value("No encontrado"))
			.andExpect(jsonPath("$.detail").value("No hay ninguna ejecución de comprobación con el id 99"));
		mvc.perform(get("/api/poll-runs/latest").with(user("victor").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("'latest'")))
			.andExpect(jsonPath("$.detail").value(containsString(" id")));
	}

	@Test
	void theListPagesTwentyRunsByDefault() throws Exception {
		when(runs.list(any())).thenReturn(new PageImpl<>(List.of(WebSamples.pollRun(3, PollRun.Status.RUNNING)),
				PageRequest.of(1, 20), 21));

		mvc.perform(get("/api/poll-runs?page=1").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value(3))
			.andExpect(jsonPath("$.page.number").value(1))
			.andExpect(jsonPath("$.page.totalPages").value(2));
		verify(runs).list(PageRequest.of(1, 20));
	}

}
