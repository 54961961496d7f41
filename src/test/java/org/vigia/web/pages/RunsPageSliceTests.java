package org.vigia.web.pages;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.discovery.DiscoveryRun;
import org.vigia.discovery.DiscoveryRuns;
import org.vigia.polling.PollRun;
import org.vigia.polling.PollRunNotFoundException;
import org.vigia.polling.PollRuns;
import org.vigia.web.Exceptions;
import org.vigia.web.WebSamples;
import org.vigia.web.WebSliceTest;

/** The runs pages on their own: the lists, starting runs from the dashboard, and a run's self-refreshing progress. */
@WebSliceTest(RunsPage.class)
class RunsPageSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	PollRuns runs;

	@MockitoBean
	DiscoveryRuns discoveryRuns;

	@Test
	void theListShowsPollRunsAPageAtATimeAndTheLatestDiscoveryRuns() throws Exception {
		when(runs.list(any())).thenReturn(new PageImpl<>(List.of(WebSamples.pollRun(3, PollRun.Status.COMPLETED)),
				PageRequest.of(1, 20), 23));
		when(discoveryRuns.list(any())).thenReturn(new PageImpl<>(List.of(WebSamples.discoveryRun(2, DiscoveryRun.Status.RUNNING))));

		mvc.perform(get("/runs?page=1").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name("runs"))
			.andExpect(model().attribute("section", "runs"))
			.andExpect(model().attribute("previousUrl", containsString("page=0")))
			.andExpect(content().string(containsString("href=\"/runs/3\"")))
			.andExpect(content().string(containsString("href=\"/runs/discovery/2\"")))
			.andExpect(content().string(not(containsString("action=\"/runs\""))));
		verify(runs).list(PageRequest.of(1, 20));
		verify(discoveryRuns).list(PageRequest.of(0, 10));
	}

	@Test
	void editorsAreOfferedTheButtonsThatStartRuns() throws Exception {
		when(runs.list(any())).thenReturn(new PageImpl<>(List.of()));
		when(discoveryRuns.list(any())).thenReturn(new PageImpl<>(List.of()));

		mvc.perform(get("/runs").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("action=\"/runs\"")))
			.andExpect(content().string(containsString("action=\"/runs/discovery\"")));
	}

	@Test
	void startingAPollRunShowsItsProgress() throws Exception {
		when(runs.start(null)).thenReturn(WebSamples.pollRun(3, PollRun.Status.RUNNING));

		mvc.perform(post("/runs").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/runs/3"))
			.andExpect(flash().attribute("started", true));
		verify(runs).start(null);
	}

	@Test
	void startingADiscoveryRunShowsItsProgress() throws Exception {
		when(discoveryRuns.start(null)).thenReturn(WebSamples.discoveryRun(2, DiscoveryRun.Status.RUNNING));

		mvc.perform(post("/runs/discovery").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/runs/discovery/2"))
			.andExpect(flash().attribute("started", true));
		verify(discoveryRuns).start(null);
	}

	@Test
	void startingARunNeedsAnEditorAndACsrfToken() throws Exception {
		mvc.perform(post("/runs").with(user("victor").roles("VIEWER")).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/runs").with(user("ana").roles("EDITOR"))).andExpect(status().isForbidden());
		mvc.perform(post("/runs/discovery").with(user("ana").roles("EDITOR"))).andExpect(status().isForbidden());
		mvc.perform(get("/runs").accept("text/html")).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(runs, discoveryRuns);
	}

	@Test
	void aRunningRunRefreshesItselfAndAFinishedOneDoesNot() throws Exception {
		when(runs.get(3)).thenReturn(WebSamples.pollRun(3, PollRun.Status.RUNNING));
		when(runs.get(4)).thenReturn(WebSamples.pollRun(4, PollRun.Status.COMPLETED));

		mvc.perform(get("/runs/3").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name("run"))
			.andExpect(model().attribute("refreshSeconds", 3))
			.andExpect(content().string(containsString("<meta http-equiv=\"refresh\" content=\"3\">")));
		mvc.perform(get("/runs/4").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(model().attributeDoesNotExist("refreshSeconds"))
			.andExpect(content().string(not(containsString("http-equiv=\"refresh\""))));
	}

	@Test
	void aFailedRunSaysWhyInTheReadersLanguage() throws Exception {
		when(runs.get(5)).thenReturn(WebSamples.failedPollRun(5));

		mvc.perform(get("/runs/5").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"Its workers stopped several times in a row without checking an account, so the run was given up.")))
			.andExpect(content().string(containsString("relation &quot;account_check&quot; is locked")));
		mvc.perform(get("/runs/5?lang=es").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Por qué falló")))
			.andExpect(content().string(containsString(
					"Sus procesos se detuvieron varias veces seguidas sin comprobar ninguna cuenta")));
	}

	@Test
	void aRunningDiscoveryRunRefreshesItselfToo() throws Exception {
		when(discoveryRuns.get(2)).thenReturn(WebSamples.discoveryRun(2, DiscoveryRun.Status.RUNNING));
		when(discoveryRuns.get(5)).thenReturn(WebSamples.discoveryRun(5, DiscoveryRun.Status.COMPLETED));

		mvc.perform(get("/runs/discovery/2").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name("discovery-run"))
			.andExpect(model().attribute("refreshSeconds", 3));
		mvc.perform(get("/runs/discovery/5").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(model().attributeDoesNotExist("refreshSeconds"));
	}

	@Test
	void aDiscoveryRunThatCompletedWithErrorsSaysSoWithItsErrorsInEnglishAndSpanish() throws Exception {
		var sample = WebSamples.discoveryRun(6, DiscoveryRun.Status.COMPLETED);
		var troubled = new DiscoveryRun(6, DiscoveryRun.Status.COMPLETED_WITH_ERRORS, DiscoveryRun.Trigger.SCHEDULED,
				sample.total(), sample.checked(), 1, sample.searches(), sample.probes(), 0, sample.candidates(),
				sample.impersonations(), sample.unregistered(), 2,
				"organization 3: IllegalStateException: the database went away", sample.startedAt(),
				sample.finishedAt());
		when(discoveryRuns.get(6)).thenReturn(troubled);
		when(runs.list(any())).thenReturn(new PageImpl<>(List.of()));
		when(discoveryRuns.list(any())).thenReturn(new PageImpl<>(List.of(troubled)));

		mvc.perform(get("/runs/discovery/6").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("run-COMPLETED_WITH_ERRORS")))
			.andExpect(content().string(containsString("Completed with errors")))
			.andExpect(content().string(containsString("<dt>Errors</dt><dd>2</dd>")))
			.andExpect(content().string(containsString("in the service log with the account, the organization")))
			.andExpect(content().string(containsString("the database went away")));
		mvc.perform(get("/runs/discovery/6?lang=es").with(user("victor").roles("VIEWER")))
			.andExpect(content().string(containsString("Terminada con errores")))
			.andExpect(content().string(containsString("<dt>Errores</dt><dd>2</dd>")));
		mvc.perform(get("/runs").with(user("victor").roles("VIEWER")))
			.andExpect(content().string(containsString("Completed with errors")))
			.andExpect(content().string(containsString("<th scope=\"col\">Errors</th>")));
	}

	@Test
	void anUnknownRunIsNotFoundAndARunIdMustBeANumber() throws Exception {
		when(runs.get(99)).thenThrow(Exceptions.of(PollRunNotFoundException.class, 99L));

		mvc.perform(get("/runs/99").with(user("victor").roles("VIEWER"))).andExpect(status().isNotFound());
		mvc.perform(get("/runs/latest").with(user("victor").roles("VIEWER"))).andExpect(status().isNotFound());
		verify(runs).get(99);
	}

}
