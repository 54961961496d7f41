package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.overview.AccountDirectory;
import org.vigia.platform.Platform;
import org.vigia.registry.Registry;
import org.vigia.web.WebSamples;
import org.vigia.web.WebSliceTest;

/** The accounts list on its own: its filters as bound, what it falls back to, and hostile names shown as text. */
@WebSliceTest(AccountsPage.class)
class AccountsPageSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AccountDirectory directory;

	@MockitoBean
	Registry registry;

	@Test
	void bindsEveryFilterAndSortAndPagesFiftyAtATime() throws Exception {
		when(directory.list(any(), any())).thenReturn(new PageImpl<>(List.of(row(7, "Cultura Villaverde",
				"https://social.villaverde.example/@cultura")), PageRequest.of(1, 50), 51));
		when(registry.organizations(any())).thenReturn(new PageImpl<>(List.of(WebSamples.organization(1, "Villaverde"))));

		mvc.perform(get("/accounts?organizationId=1&unitId=3&platform=Bluesky&state=dormant&sort=handle&page=1")
			.param("q", " cultura ")
			.with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name("accounts"))
			.andExpect(model().attribute("section", "accounts"))
			.andExpect(model().attribute("organizations", Map.of(1L, "Villaverde")))
			.andExpect(model().attribute("query", new AccountDirectory.Query(1L, 3L, Platform.BLUESKY, "DORMANT",
					"cultura", "handle")))
			.andExpect(model().attribute("previousUrl", containsString("page=0")))
			.andExpect(model().attribute("previousUrl", containsString("sort=handle")))
			.andExpect(content().string(containsString("href=\"/accounts/7\"")));
		verify(directory).list(new AccountDirectory.Query(1L, 3L, Platform.BLUESKY, "DORMANT", "cultura", "handle"),
				PageRequest.of(1, 50));
		verify(registry).organizations(PageRequest.of(0, 500, Sort.by("name")));
	}

	@Test
	void unknownFilterValuesFilterNothingAndTheSortFallsBackToSilence() throws Exception {
		when(directory.list(any(), any())).thenReturn(new PageImpl<>(List.of()));
		when(registry.organizations(any())).thenReturn(new PageImpl<>(List.of()));

		mvc.perform(get("/accounts?platform=myspace&state=sleeping&sort=random&page=-1").param("q", "  ")
			.with(user("victor").roles("VIEWER"))).andExpect(status().isOk());
		verify(directory).list(new AccountDirectory.Query(null, null, null, null, null, "silence"), PageRequest.of(0, 50));
	}

	@Test
	void aFilterIdThatIsNotANumberIsABadRequestThatNamesIt() throws Exception {
		mvc.perform(get("/accounts?organizationId=villaverde").with(user("victor").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("&#39;organizationId&#39; must be a number, not &#39;villaverde&#39;")));
		verifyNoInteractions(directory);
	}

	@Test
	void namesAndAddressesFromPlatformsAreShownAsTextAndNeverAsScriptLinks() throws Exception {
		when(directory.list(any(), any())).thenReturn(new PageImpl<>(List.of(row(7, WebSamples.HOSTILE,
				"javascript:alert(1)"))));
		when(registry.organizations(any())).thenReturn(new PageImpl<>(List.of()));

		var html = mvc.perform(get("/accounts").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(WebSamples.HOSTILE))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		var page = Jsoup.parse(html);
		assertThat(page.select("img[src=x]")).isEmpty();
		assertThat(page.select("a[href^=javascript]")).isEmpty();
		assertThat(page.select("tbody span.muted").eachText()).contains(WebSamples.HOSTILE);
	}

	@Test
	void anonymousPeopleAreSentToTheLoginForm() throws Exception {
		mvc.perform(get("/accounts").accept("text/html")).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(directory, registry);
	}

	private static AccountDirectory.Row row(long id, String displayName, String url) {
		return new AccountDirectory.Row(id, 1L, "Villaverde", 3L, "Prensa", "mastodon", "cultura@social.villaverde.example",
				url, displayName, "DORMANT", WebSamples.AT, 45L, WebSamples.AT, "OK", List.of("DORMANT"));
	}

}
