package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
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

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.overview.AccountHealth;
import org.vigia.overview.HealthState;
import org.vigia.health.FindingFilter;
import org.vigia.health.Findings;
import org.vigia.platform.Profile;
import org.vigia.polling.AccountActivity;
import org.vigia.registry.AccountEntry;
import org.vigia.registry.AccountInput;
import org.vigia.registry.AccountStatus;
import org.vigia.registry.Registry;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryNotFoundException;
import org.vigia.registry.RegistryValidationException;
import org.vigia.registry.Violation;
import org.vigia.web.Exceptions;
import org.vigia.web.WebSamples;
import org.vigia.web.WebSliceTest;

/**
 * One account's page on its own: what it reads from each module and for which weeks, the avatar it dares to load,
 * and the editor's forms (edit, archive, restore) with their redirects and messages.
 */
@WebSliceTest(AccountPage.class)
class AccountPageSliceTests {

	static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	static final AccountInput EDITED = new AccountInput(null, null, "mastodon", "cultura@social.villaverde.example",
			"https://social.villaverde.example/@cultura", "Cultura", "agenda@villaverde.example", "Agenda", "es", "30",
			"");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Registry registry;

	@MockitoBean
	AccountActivity activity;

	@MockitoBean
	AccountHealth health;

	@MockitoBean
	Findings findings;

	@MockitoBean
	Clock clock;

	@MockitoBean
	org.vigia.recertification.Answers answers;

	@BeforeEach
	void account() {
		when(clock.instant()).thenReturn(NOW);
		when(registry.account(7)).thenReturn(WebSamples.entry(7));
		when(registry.units(any(), any())).thenReturn(new PageImpl<>(List.of(WebSamples.unit(3, 1, "Prensa"))));
		when(activity.weeks(7, AccountPage.WEEKS, NOW)).thenReturn(List.of(
				new AccountActivity.Week(LocalDate.parse("2026-11-16"), 4),
				new AccountActivity.Week(LocalDate.parse("2026-11-23"), 1)));
		when(activity.history(anyLong(), any())).thenReturn(new PageImpl<>(List.of()));
		when(findings.list(any(), any())).thenReturn(new PageImpl<>(List.of(WebSamples.dormant(5))));
		when(health.of(List.of(7L))).thenReturn(Map.of(7L, new AccountHealth.Health(HealthState.DORMANT,
				NOW.minusSeconds(45 * 86400), NOW, "OK", 45L, NOW, 0, List.of("DORMANT"))));
	}

	@Test
	void thePageGathersTheAccountFromEveryModule() throws Exception {
		when(activity.profile(7)).thenReturn(Optional.of(profile("https://files.social.villaverde.example/avatar.png")));

		mvc.perform(get("/accounts/7").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name("account"))
			.andExpect(model().attribute("section", "accounts"))
			.andExpect(model().attribute("avatar", "https://files.social.villaverde.example/avatar.png"))
			.andExpect(model().attribute("maxPosts", 4))
			.andExpect(model().attribute("postsSeen", 5))
			.andExpect(content().string(containsString("45 days ago")))
			.andExpect(content().string(containsString("href=\"/findings/5\"")))
			.andExpect(content().string(containsString("src=\"https://files.social.villaverde.example/avatar.png\"")));
		verify(activity).weeks(7, 26, NOW);
		verify(activity).history(7, PageRequest.of(0, 20));
		verify(findings).list(new FindingFilter(Set.of(), Set.of(), Set.of(), null, null, null, 7L), PageRequest.of(0, 50));
		verify(registry).units(1L, PageRequest.of(0, 500));
	}

	@Test
	void anAvatarThatIsNotHttpsIsNotLoadedAndTheBioIsText() throws Exception {
		when(activity.profile(7)).thenReturn(Optional.of(profile("http://files.social.villaverde.example/avatar.png")));

		var html = mvc.perform(get("/accounts/7").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("avatar", (Object) null))
			.andExpect(content().string(not(containsString(WebSamples.HOSTILE))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		var page = Jsoup.parse(html);
		assertThat(page.select("img")).isEmpty();
		assertThat(page.select(".profile p").first().text()).isEqualTo(WebSamples.HOSTILE);
	}

	@Test
	void onlyEditorsSeeTheRegistryForm() throws Exception {
		mvc.perform(get("/accounts/7").with(user("victor").roles("VIEWER")))
			.andExpect(content().string(not(containsString("action=\"/accounts/7\""))));
		mvc.perform(get("/accounts/7").with(user("ana").roles("EDITOR")))
			.andExpect(content().string(containsString("action=\"/accounts/7\"")))
			.andExpect(content().string(containsString("href=\"/accounts/7/archive\"")));
	}

	@Test
	void anUnknownAccountIsNotFound() throws Exception {
		when(registry.account(99)).thenThrow(Exceptions.of(RegistryNotFoundException.class, "account", 99L));

		mvc.perform(get("/accounts/99").with(user("victor").roles("VIEWER"))).andExpect(status().isNotFound());
		mvc.perform(get("/accounts/99/archive").with(user("victor").roles("VIEWER"))).andExpect(status().isNotFound());
	}

	@Test
	void savingTheEntryKeepsTheAddressAndOrganizationAndRedirectsWithAConfirmation() throws Exception {
		mvc.perform(post("/accounts/7").param("unitId", "3")
			.param("displayName", "Cultura")
			.param("contactEmail", "agenda@villaverde.example")
			.param("purpose", "Agenda")
			.param("language", "es")
			.param("maxSilenceDays", "30")
			.param("notes", "")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/accounts/7"))
			.andExpect(flash().attribute("saved", true));
		verify(registry).update(7, EDITED, 1L, 3L, null);
	}

	@Test
	void whatTheRegistryRefusesComesBackFieldByField() throws Exception {
		when(registry.update(any(Long.class), any(), any(), any(), any())).thenThrow(new RegistryValidationException(
				List.of(Violation.of("contactEmail", "input.email", "nobody"), Violation.of("maxSilenceDays",
						"input.maxSilenceDays", "soon", 3650))));

		mvc.perform(post("/accounts/7").param("contactEmail", "nobody").param("maxSilenceDays", "soon")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/accounts/7"))
			.andExpect(flash().attribute("errors", org.hamcrest.Matchers.<Object>hasToString(org.hamcrest.Matchers.allOf(
					org.hamcrest.Matchers.containsString("input.email"),
					org.hamcrest.Matchers.containsString("input.maxSilenceDays")))))
			.andExpect(flash().attributeCount(1));
	}

	@Test
	void archivingIsConfirmedOnItsOwnPageAndDoneByItsButton() throws Exception {
		mvc.perform(get("/accounts/7/archive").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(view().name("archive"))
			.andExpect(content().string(containsString("action=\"/accounts/7/archive\"")));
		verify(registry, never()).archive(anyLong());

		mvc.perform(post("/accounts/7/archive").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/accounts/7"))
			.andExpect(flash().attribute("archived", true));
		verify(registry).archive(7);
	}

	@Test
	void restoringWatchesTheAccountAgainWithTheEntryItHad() throws Exception {
		when(registry.account(8)).thenReturn(new AccountEntry(WebSamples.account(8, AccountStatus.ARCHIVED, "Deportes"),
				"Villaverde", "Prensa"));

		mvc.perform(post("/accounts/8/restore").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/accounts/8"))
			.andExpect(flash().attribute("restored", true));
		verify(registry).update(8, new AccountInput(null, null, "mastodon", "cultura@social.villaverde.example",
				"https://social.villaverde.example/@cultura", "Deportes", "cultura@villaverde.example", "Agenda cultural",
				"es", "60", "Run by the press office"), 1L, 3L, AccountStatus.ACTIVE);
	}

	@Test
	void aRestoreTheRegistryRefusesSaysWhy() throws Exception {
		when(registry.update(any(Long.class), any(), any(), any(), any())).thenThrow(Exceptions.of(
				RegistryConflictException.class, "cultura@social.villaverde.example is registered again (account 9)",
				"account", 9L, "problem.exists.account",
				new Object[] { "Mastodon", "cultura@social.villaverde.example", "9", "Villaverde" }));

		mvc.perform(post("/accounts/7/restore").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/accounts/7"))
			.andExpect(flash().attribute("errors", List.of(org.vigia.platform.Message.of("problem.exists.account",
					"Mastodon", "cultura@social.villaverde.example", "9", "Villaverde").encode())));
	}

	@Test
	void changesNeedAnEditorAndACsrfToken() throws Exception {
		mvc.perform(post("/accounts/7").param("displayName", "x").with(user("victor").roles("VIEWER")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/accounts/7/archive").with(user("ana").roles("EDITOR"))).andExpect(status().isForbidden());
		mvc.perform(post("/accounts/7/restore").with(user("victor").roles("VIEWER")).with(csrf()))
			.andExpect(status().isForbidden());
		verify(registry, never()).update(anyLong(), any(), any(), any(), any());
		verify(registry, never()).archive(anyLong());
		verifyNoInteractions(findings);
	}

	private static Profile profile(String avatarUrl) {
		return new Profile("Cultura Villaverde", WebSamples.HOSTILE, avatarUrl, 5200L, 310L, 1800L, List.of(), false,
				Instant.parse("2019-03-01T10:00:00Z"));
	}

}
