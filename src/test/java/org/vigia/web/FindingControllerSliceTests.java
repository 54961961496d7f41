package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.health.FindingActionException;
import org.vigia.health.FindingFilter;
import org.vigia.health.FindingNotFoundException;
import org.vigia.health.FindingStatus;
import org.vigia.health.FindingTransition;
import org.vigia.health.FindingType;
import org.vigia.health.Findings;
import org.vigia.health.Severity;
import org.vigia.health.TransitionKind;
import org.vigia.platform.Platform;

/** The findings API on its own: filters and paging as bound, who may act, and how the service's refusals answer. */
@WebSliceTest(FindingController.class)
class FindingControllerSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Findings findings;

	/** As the service does, an action answers the finding it acted on, which the API writes in the reader's words. */
	@BeforeEach
	void actionsAnswerTheFinding() {
		when(findings.acknowledge(anyLong(), anyString())).thenReturn(WebSamples.dormant(5));
		when(findings.dismiss(anyLong(), anyString(), any(), any())).thenReturn(WebSamples.dormant(5));
		when(findings.reopen(anyLong(), anyString())).thenReturn(WebSamples.dormant(5));
	}

	@Test
	void bindsEveryFilterOfTheListAndPagesFiftyByDefault() throws Exception {
		when(findings.list(any(), any())).thenReturn(new PageImpl<>(List.of(WebSamples.dormant(5)), PageRequest.of(0, 50), 1));

		mvc.perform(get("/api/findings").param("status", "open,Acknowledged")
			.param("type", "IMPERSONATION")
			.param("type", "unregistered")
			.param("severity", "high")
			.param("organization", "1")
			.param("unitId", "3")
			.param("platform", "bluesky")
			.param("accountId", "7")
			.with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value(5))
			.andExpect(jsonPath("$.content[0].type").value("DORMANT"))
			.andExpect(jsonPath("$.content[0].evidence.silentDays").value(42))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.page.size").value(50));

		var filter = ArgumentCaptor.forClass(FindingFilter.class);
		var pageable = ArgumentCaptor.forClass(Pageable.class);
		verify(findings).list(filter.capture(), pageable.capture());
		assertThat(filter.getValue()).isEqualTo(new FindingFilter(Set.of(FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED),
				Set.of(FindingType.IMPERSONATION, FindingType.UNREGISTERED), Set.of(Severity.HIGH), 1L, 3L,
				Platform.BLUESKY, 7L));
		assertThat(pageable.getValue().getPageNumber()).isZero();
		assertThat(pageable.getValue().getPageSize()).isEqualTo(50);
	}

	@Test
	void noFilterListsEverythingAndPageSizeIsCappedAtFiveHundred() throws Exception {
		when(findings.list(any(), any())).thenReturn(new PageImpl<>(List.of()));

		mvc.perform(get("/api/findings?page=2&size=100000").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk());

		var pageable = ArgumentCaptor.forClass(Pageable.class);
		verify(findings).list(eq(new FindingFilter(Set.of(), Set.of(), Set.of(), null, null, null, null)),
				pageable.capture());
		assertThat(pageable.getValue().getPageNumber()).isEqualTo(2);
		assertThat(pageable.getValue().getPageSize()).isEqualTo(500);
	}

	@Test
	void anUnknownStatusIsABadRequestThatNamesTheParameterAndTheValuesAllowed() throws Exception {
		mvc.perform(get("/api/findings?status=open,BOGUS").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.detail").value(containsString("'BOGUS' is not a valid value for status; use one of")))
			.andExpect(jsonPath("$.detail").value(containsString("ACKNOWLEDGED")));
		verifyNoInteractions(findings);
	}

	@Test
	void anUnknownPlatformOrANonNumericIdIsABadRequestThatNamesIt() throws Exception {
		mvc.perform(get("/api/findings?platform=myspace").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("'myspace' is not a valid value for platform; use one of mastodon, bluesky")));
		mvc.perform(get("/api/findings?accountId=seven").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("accountId")));
		verifyNoInteractions(findings);
	}

	@Test
	void oneFindingComesWithItsHistoryBesideItsOwnFields() throws Exception {
		when(findings.get(5)).thenReturn(WebSamples.dormant(5));
		when(findings.history(5)).thenReturn(List.of(new FindingTransition(11, 5, FindingType.DORMANT, Severity.LOW,
				TransitionKind.OPENED, null, FindingStatus.OPEN, WebSamples.AT, FindingTransition.RULES, null, 7L, null, 1L,
				"mastodon", "cultura@social.villaverde.example", "silent for 42 days", Map.of())));

		mvc.perform(get("/api/findings/5").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(5))
			.andExpect(jsonPath("$.severity").value("LOW"))
			.andExpect(jsonPath("$.openedAt").value("2026-11-20T09:30:00Z"))
			.andExpect(jsonPath("$.finding").doesNotExist())
			.andExpect(jsonPath("$.history[0].kind").value("OPENED"))
			.andExpect(jsonPath("$.history[0].actor").value("vigia"));
	}

	@Test
	void anUnknownFindingIsNotFound() throws Exception {
		when(findings.get(99)).thenThrow(new FindingNotFoundException(99));

		mvc.perform(get("/api/findings/99").with(user("viewer").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Not found"))
			.andExpect(jsonPath("$.detail").value("No finding has id 99"));
	}

	@Test
	void withoutCredentialsTheApiAsksForThemWithAProblem() throws Exception {
		mvc.perform(get("/api/findings"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Basic realm=\"Vigia\"")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.instance").value("/api/findings"));
		mvc.perform(get("/api/findings").with(httpBasic("viewer", "wrong"))).andExpect(status().isUnauthorized());
		verifyNoInteractions(findings);
	}

	@Test
	void theConfiguredUsersLogInWithHttpBasic() throws Exception {
		when(findings.list(any(), any())).thenReturn(new PageImpl<>(List.of()));

		mvc.perform(get("/api/findings").with(httpBasic("viewer", "viewer"))).andExpect(status().isOk());
		mvc.perform(post("/api/findings/5/acknowledge").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/findings/5/acknowledge").with(httpBasic("editor", "editor"))).andExpect(status().isOk());
		verify(findings).acknowledge(5, "editor");
	}

	@Test
	void aViewerMayReadButNotAct() throws Exception {
		for (var action : List.of("acknowledge", "dismiss", "reopen")) {
			mvc.perform(post("/api/findings/5/" + action).with(user("viewer").roles("VIEWER")))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value(containsString("changing needs EDITOR")));
		}
		verify(findings, never()).acknowledge(anyLong(), anyString());
		verify(findings, never()).dismiss(anyLong(), anyString(), any(), any());
		verify(findings, never()).reopen(anyLong(), anyString());
	}

	@Test
	void anEditorActsUnderTheirOwnName() throws Exception {
		when(findings.acknowledge(5, "ana")).thenReturn(WebSamples.finding(5, FindingType.DORMANT,
				FindingStatus.ACKNOWLEDGED, Map.of()));

		mvc.perform(post("/api/findings/5/acknowledge").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ACKNOWLEDGED"));
		mvc.perform(post("/api/findings/5/reopen").with(user("ana").roles("EDITOR"))).andExpect(status().isOk());
		verify(findings).reopen(5, "ana");
	}

	@Test
	void aDismissalTakesItsReasonAndUntilFromTheBodyOrNothingWithoutOne() throws Exception {
		mvc.perform(post("/api/findings/5/dismiss").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"reason": "a parody account, labelled as such", "until": "2027-01-01T00:00:00Z"}
					"""))
			.andExpect(status().isOk());
		verify(findings).dismiss(5, "ana", "a parody account, labelled as such", Instant.parse("2027-01-01T00:00:00Z"));

		mvc.perform(post("/api/findings/6/dismiss").with(user("ana").roles("EDITOR"))).andExpect(status().isOk());
		verify(findings).dismiss(eq(6L), eq("ana"), isNull(), isNull());
	}

	@Test
	void aDismissalWithAnUnreadableDateIsABadRequest() throws Exception {
		mvc.perform(post("/api/findings/5/dismiss").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"parody\", \"until\": \"next tuesday\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verify(findings, never()).dismiss(anyLong(), anyString(), any(), any());
	}

	@Test
	void anActionTheFindingsStateForbidsIsAConflictAndABadOneABadRequest() throws Exception {
		when(findings.acknowledge(5, "ana"))
			.thenThrow(Exceptions.of(FindingActionException.class, true, "problem.finding.resolved", new Object[] { "5" }));
		when(findings.dismiss(5, "ana", "x", Instant.parse("2020-01-01T00:00:00Z")))
			.thenThrow(Exceptions.of(FindingActionException.class, false, "problem.dismiss.until",
					new Object[] { "2020-01-01T00:00:00Z" }));

		mvc.perform(post("/api/findings/5/acknowledge").with(user("ana").roles("EDITOR")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Not possible now"))
			.andExpect(jsonPath("$.detail").value("Finding 5 is resolved: its condition cleared, and it reopens by itself "
					+ "if the condition comes back"));
		mvc.perform(post("/api/findings/5/dismiss").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"x\", \"until\": \"2020-01-01T00:00:00Z\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid input"))
			.andExpect(jsonPath("$.detail").value("until must be in the future, was 2020-01-01T00:00:00Z"));
	}

}
