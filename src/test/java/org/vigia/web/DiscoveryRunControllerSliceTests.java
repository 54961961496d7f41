package org.vigia.web;

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
import org.vigia.discovery.DiscoveryRun;
import org.vigia.discovery.DiscoveryRunNotFoundException;
import org.vigia.discovery.DiscoveryRuns;
import org.vigia.discovery.UnknownOrganizationsException;

/** The discovery-run API on its own: starting look-alike discovery and reading a run's tally. */
@WebSliceTest(DiscoveryRunController.class)
class DiscoveryRunControllerSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	DiscoveryRuns runs;

	@Test
	void startingWithoutABodyExaminesEveryOrganization() throws Exception {
		when(runs.start(null)).thenReturn(WebSamples.discoveryRun(2, DiscoveryRun.Status.RUNNING));

		mvc.perform(post("/api/discovery-runs").with(user("ana").roles("EDITOR")))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/discovery-runs/2"))
			.andExpect(jsonPath("$.id").value(2))
			.andExpect(jsonPath("$.status").value("RUNNING"));
		verify(runs).start(null);
	}

	@Test
	void startingWithOrganizationIdsExaminesThose() throws Exception {
		when(runs.start(List.of(1L, 2L))).thenReturn(WebSamples.discoveryRun(5, DiscoveryRun.Status.RUNNING));

		mvc.perform(post("/api/discovery-runs").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"organizationIds\": [1, 2]}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/api/discovery-runs/5"));
		verify(runs).start(List.of(1L, 2L));
	}

	@Test
	void unknownOrganizationsAreABadRequestListingThem() throws Exception {
		when(runs.start(List.of(1L, 77L))).thenThrow(Exceptions.of(UnknownOrganizationsException.class, List.of(77L)));

		mvc.perform(post("/api/discovery-runs").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"organizationIds\": [1, 77]}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Unknown organizations"))
			.andExpect(jsonPath("$.organizationIds[0]").value(77));
	}

	@Test
	void onlyEditorsStartDiscovery() throws Exception {
		mvc.perform(post("/api/discovery-runs").with(user("victor").roles("VIEWER")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(post("/api/discovery-runs")).andExpect(status().isUnauthorized());
		verifyNoInteractions(runs);
	}

	@Test
	void aRunReportsWhatItSearchedAndFound() throws Exception {
		when(runs.get(2)).thenReturn(WebSamples.discoveryRun(2, DiscoveryRun.Status.COMPLETED));

		mvc.perform(get("/api/discovery-runs/2").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COMPLETED"))
			.andExpect(jsonPath("$.searches").value(24))
			.andExpect(jsonPath("$.probes").value(60))
			.andExpect(jsonPath("$.candidates").value(17))
			.andExpect(jsonPath("$.impersonations").value(1))
			.andExpect(jsonPath("$.error").doesNotExist());
	}

	@Test
	void anUnknownRunIsNotFound() throws Exception {
		when(runs.get(99)).thenThrow(Exceptions.of(DiscoveryRunNotFoundException.class, 99L));

		mvc.perform(get("/api/discovery-runs/99").with(user("victor").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("There is no discovery run with id 99"));
	}

	@Test
	void theListPagesTwentyRunsByDefaultAndTakesAPageSize() throws Exception {
		when(runs.list(any())).thenReturn(new PageImpl<>(List.of(WebSamples.discoveryRun(2, DiscoveryRun.Status.FAILED))));

		mvc.perform(get("/api/discovery-runs").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].status").value("FAILED"));
		mvc.perform(get("/api/discovery-runs?size=5").with(user("victor").roles("VIEWER"))).andExpect(status().isOk());
		verify(runs).list(PageRequest.of(0, 20));
		verify(runs).list(PageRequest.of(0, 5));
	}

}
