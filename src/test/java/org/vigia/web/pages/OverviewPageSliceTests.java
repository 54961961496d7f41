package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.vigia.overview.Overview;
import org.vigia.web.WebSamples;
import org.vigia.web.WebSliceTest;

/**
 * The overview on its own: which organizations the table puts first, the one chosen with its unit × network matrix,
 * the search over all of them, and the language switch the page configuration adds.
 */
@WebSliceTest(OverviewPage.class)
class OverviewPageSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Overview overview;

	@Test
	void withSeveralOrganizationsTheTablePutsTheMostOpenHighFindingsFirst() throws Exception {
		when(overview.summary()).thenReturn(report(
				organization(1, "Almería", Map.of("DORMANT", 5L)),
				organization(2, "Burgos", Map.of("GONE", 1L, "DORMANT", 1L)),
				organization(3, WebSamples.HOSTILE, Map.of("IMPERSONATION", 2L))));

		var result = mvc.perform(get("/").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name("overview"))
			.andExpect(model().attribute("section", "overview"))
			.andExpect(model().attribute("organization", (Object) null))
			.andExpect(model().attribute("matrix", (Object) null))
			.andExpect(content().string(not(containsString(WebSamples.HOSTILE))))
			.andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;")))
			.andReturn();
		assertThat(table(result).rows()).extracting(Overview.Group::id).containsExactly(3L, 2L, 1L);
		assertThat(table(result).all()).isFalse();
		assertThat(modelOf(result).get("highs")).isEqualTo(Map.of(1L, 0L, 2L, 1L, 3L, 2L));
		verify(overview, never()).coverage(anyLong());
		verify(overview, never()).organization(anyLong());
	}

	@Test
	void theOrganizationChosenShowsItsUnitsByNetwork() throws Exception {
		when(overview.summary()).thenReturn(report(organization(1, "Almería", Map.of()), organization(2, "Burgos", Map.of())));
		when(overview.organization(2)).thenReturn(organization(2, "Burgos", Map.of()));
		when(overview.coverage(2)).thenReturn(List.of(new Overview.Coverage(2, 21L, "mastodon", 1, 1, false),
				new Overview.Coverage(2, 21L, "bluesky", 2, 1, false), new Overview.Coverage(2, null, "telegram", 1, 0, false)));

		var result = mvc.perform(get("/?organizationId=2").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/accounts?organizationId=2&amp;unitId=21\"")))
			.andReturn();
		var matrix = (OverviewPage.Matrix) modelOf(result).get("matrix");
		assertThat(matrix.platforms()).containsExactly("bluesky", "mastodon", "telegram");
		assertThat(matrix.rows()).extracting(OverviewPage.MatrixRow::unit).containsExactly("Prensa", "(no unit)");
		assertThat(matrix.rows().get(0).cells()).containsExactly(new OverviewPage.Cell(2, 1, false),
				new OverviewPage.Cell(1, 1, false), new OverviewPage.Cell(0, 0, false));
		assertThat(matrix.rows().get(1).cells()).containsExactly(new OverviewPage.Cell(0, 0, false),
				new OverviewPage.Cell(0, 0, false), new OverviewPage.Cell(1, 0, false));
		verify(overview).coverage(2);
	}

	@Test
	void aSingleOrganizationIsChosenWithoutAsking() throws Exception {
		when(overview.summary()).thenReturn(report(organization(1, "Almería", Map.of())));
		when(overview.organization(1)).thenReturn(organization(1, "Almería", Map.of()));

		mvc.perform(get("/").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("organization", organization(1, "Almería", Map.of())));
		verify(overview).coverage(1);
	}

	@Test
	void searchingListsAllMatchingOrganizationsAPageAtATime() throws Exception {
		when(overview.summary()).thenReturn(report(organization(1, "Villaverde", Map.of()),
				organization(2, "Burgos", Map.of()), organization(3, "Villanueva", Map.of())));

		var result = mvc.perform(get("/?page=7").param("q", " VILLA ").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn();
		var table = table(result);
		assertThat(table.all()).isTrue();
		assertThat(table.query()).isEqualTo("VILLA");
		assertThat(table.page()).isZero();
		assertThat(table.rows()).extracting(Overview.Group::name).containsExactly("Villaverde", "Villanueva");
	}

	@Test
	void theLanguageSwitchesAndIsRemembered() throws Exception {
		when(overview.summary()).thenReturn(report());

		var spanish = mvc.perform(get("/?lang=es").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(cookie().value("vigia-lang", "es"))
			.andReturn();
		assertThat(Jsoup.parse(spanish.getResponse().getContentAsString()).select("html").attr("lang")).isEqualTo("es");
		var french = mvc.perform(get("/").header("Accept-Language", "fr-FR,fr").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(Jsoup.parse(french.getResponse().getContentAsString()).select("html").attr("lang")).isEqualTo("en");
	}

	@Test
	void anonymousPeopleAreSentToTheLoginForm() throws Exception {
		mvc.perform(get("/").accept("text/html")).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		verifyNoInteractions(overview);
	}

	private static Overview.Report report(Overview.Group... organizations) {
		var total = new Overview.Group(null, "all", 4L * organizations.length, Map.of("ACTIVE", 4L), Map.of(), Map.of(),
				0.75, 12.0, List.of());
		return new Overview.Report(WebSamples.AT, total, List.of(organizations));
	}

	private static Overview.Group organization(long id, String name, Map<String, Long> openFindings) {
		var units = List.of(
				new Overview.Group(id * 10 + 1, "Prensa", 3, Map.of("ACTIVE", 3L), Map.of(), Map.of(), 1.0, 5.0, List.of()),
				new Overview.Group(null, "(no unit)", 1, Map.of("ACTIVE", 1L), Map.of(), Map.of(), 0.0, null, List.of()));
		return new Overview.Group(id, name, 4, Map.of("ACTIVE", 3L, "DORMANT", 1L), Map.of("mastodon", 4L), openFindings,
				0.75, 12.0, units);
	}

	private static Map<String, @Nullable Object> modelOf(MvcResult result) {
		return result.getModelAndView().getModel();
	}

	private static OverviewPage.OrganizationTable table(MvcResult result) {
		return (OverviewPage.OrganizationTable) modelOf(result).get("table");
	}

}
