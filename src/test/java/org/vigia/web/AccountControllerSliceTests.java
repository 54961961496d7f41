package org.vigia.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.overview.AccountHealth;
import org.vigia.overview.HealthState;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.Platform;
import org.vigia.polling.AccountActivity;
import org.vigia.polling.AccountCheck;
import org.vigia.registry.AccountEntry;
import org.vigia.registry.AccountFilter;
import org.vigia.registry.AccountInput;
import org.vigia.registry.AccountStatus;
import org.vigia.registry.Registry;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryNotFoundException;
import org.vigia.registry.RegistryValidationException;
import org.vigia.registry.Violation;

/** The accounts API on its own: filters, each account with its health, and the registry's refusals as problems. */
@WebSliceTest(AccountController.class)
class AccountControllerSliceTests {

	static final AccountHealth.Health DORMANT = new AccountHealth.Health(HealthState.DORMANT, WebSamples.AT.minusSeconds(45 * 86400),
			WebSamples.AT, "OK", 45L, WebSamples.AT, 0, List.of("DORMANT"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Registry registry;

	@MockitoBean
	AccountActivity activity;

	@MockitoBean
	AccountHealth health;

	@Test
	void bindsTheListsFiltersAndSortsByIdByDefault() throws Exception {
		when(registry.accounts(any(), any())).thenReturn(new PageImpl<>(List.of(WebSamples.entry(7))));
		when(health.of(Set.of(7L))).thenReturn(Map.of(7L, DORMANT));

		mvc.perform(get("/api/accounts?organizationId=1&unitId=3&platform=Mastodon&status=ARCHIVED&q=cultura")
			.with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value(7))
			.andExpect(jsonPath("$.content[0].platform").value("mastodon"))
			.andExpect(jsonPath("$.content[0].organization").value("Villaverde"))
			.andExpect(jsonPath("$.content[0].health.state").value("DORMANT"))
			.andExpect(jsonPath("$.content[0].health.silentDays").value(45));
		verify(registry).accounts(new AccountFilter(1L, 3L, Platform.MASTODON, AccountStatus.ARCHIVED, "cultura"),
				PageRequest.of(0, 50, Sort.by("id")));
	}

	@Test
	void anAccountPollingNeverSawIsOfUnknownHealth() throws Exception {
		when(registry.account(7)).thenReturn(WebSamples.entry(7));
		when(health.of(List.of(7L))).thenReturn(Map.of());

		mvc.perform(get("/api/accounts/7").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.handle").value("cultura@social.villaverde.example"))
			.andExpect(jsonPath("$.unit").value("Prensa"))
			.andExpect(jsonPath("$.maxSilenceDays").value(60))
			.andExpect(jsonPath("$.health.state").value("UNKNOWN"));
	}

	@Test
	void anUnknownStatusOrPlatformIsABadRequestThatNamesIt() throws Exception {
		mvc.perform(get("/api/accounts?status=DELETED").with(user("victor").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail")
				.value("'DELETED' is not a valid value for status: it must be one of ACTIVE, ARCHIVED"));
		mvc.perform(get("/api/accounts?status=DELETED").header("Accept-Language", "es")
			.with(user("victor").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Parámetro no válido"))
			.andExpect(jsonPath("$.detail")
				.value("'DELETED' no es un valor válido para status: debe ser uno de estos: ACTIVE, ARCHIVED"));
		mvc.perform(get("/api/accounts/abc").header("Accept-Language", "eu").with(user("victor").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Parametro baliogabea"))
			.andExpect(jsonPath("$.detail").value("'abc' ez da id parametroaren balio baliozkoa: zenbaki oso bat izan behar du"));
		mvc.perform(get("/api/accounts?platform=myspace").with(user("victor").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("'myspace' is not a valid value for platform; use one of mastodon, bluesky")));
		verifyNoInteractions(registry);
	}

	@Test
	void anUnknownAccountIsNotFoundAndItsActivityIsNotRead() throws Exception {
		when(registry.account(99)).thenThrow(Exceptions.of(RegistryNotFoundException.class, "account", 99L));

		mvc.perform(get("/api/accounts/99").with(user("victor").roles("VIEWER")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("There is no account with id 99"));
		mvc.perform(get("/api/accounts/99/activity").with(user("victor").roles("VIEWER")))
			.andExpect(status().isNotFound());
		verify(activity, never()).history(anyLong(), any());
	}

	@Test
	void theActivityIsTheCheckHistoryFiftyAtATime() throws Exception {
		when(registry.account(7)).thenReturn(WebSamples.entry(7));
		when(activity.history(7, PageRequest.of(0, 50))).thenReturn(new PageImpl<>(List.of(new AccountCheck(31,
				WebSamples.AT, CheckOutcome.NOT_FOUND, 404, 120, 1, "Record not found", null, null, false, null, null,
				null, 3L, null))));

		mvc.perform(get("/api/accounts/7/activity").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].outcome").value("NOT_FOUND"))
			.andExpect(jsonPath("$.content[0].httpStatus").value(404))
			.andExpect(jsonPath("$.content[0].error").value("Record not found"));
	}

	@Test
	void aCheckErrorTheAdapterWroteAsAMessageIsInTheReadersLanguage() throws Exception {
		when(registry.account(7)).thenReturn(WebSamples.entry(7));
		var error = org.vigia.platform.Message.of("check.said", org.vigia.platform.Message.of("check.api.unexpected", "503",
				org.vigia.platform.Message.of("check.what.profile")), "Service Unavailable").encode();
		when(activity.history(7, PageRequest.of(0, 50))).thenReturn(new PageImpl<>(List.of(new AccountCheck(31,
				WebSamples.AT, CheckOutcome.ERROR, 503, 120, 1, error, null, null, false, null, null, null, 3L, null))));

		mvc.perform(get("/api/accounts/7/activity").with(user("victor").roles("VIEWER")))
			.andExpect(jsonPath("$.content[0].error")
				.value("Unexpected answer HTTP 503 to the profile; it said: Service Unavailable"));
		mvc.perform(get("/api/accounts/7/activity").header("Accept-Language", "es").with(user("victor").roles("VIEWER")))
			.andExpect(jsonPath("$.content[0].error")
				.value("Respuesta inesperada HTTP 503 al pedir el perfil; dijo: Service Unavailable"));
		mvc.perform(get("/api/accounts/7/activity").header("Accept-Language", "eu").with(user("victor").roles("VIEWER")))
			.andExpect(jsonPath("$.content[0].error")
				.value("Ustekabeko HTTP 503 erantzuna honi: profila; hau esan du: Service Unavailable"));
	}

	@Test
	void registeringAnswersCreatedWithTheAccountsAddress() throws Exception {
		var input = new AccountInput(null, "Prensa", "mastodon", "cultura@social.villaverde.example", null, null,
				"cultura@villaverde.example", null, null, "60", null);
		when(registry.register(input, 1L, null)).thenReturn(WebSamples.entry(7));

		mvc.perform(post("/api/accounts").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"organizationId": 1, "unit": "Prensa", "platform": "mastodon",
					 "handle": "cultura@social.villaverde.example", "contactEmail": "cultura@villaverde.example",
					 "maxSilenceDays": 60}
					"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/accounts/7"))
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.status").value("ACTIVE"));
		verify(registry).register(input, 1L, null);
	}

	@Test
	void whatTheRegistryRefusesIsABadRequestWithEveryError() throws Exception {
		when(registry.register(any(), any(), any())).thenThrow(new RegistryValidationException(
				List.of(Violation.of("handle", "input.required"), Violation.of("contactEmail", "input.email", "nobody"))));

		mvc.perform(post("/api/accounts").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"organizationId\": 1, \"platform\": \"mastodon\", \"contactEmail\": \"nobody\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid input"))
			.andExpect(jsonPath("$.errors[0].field").value("handle"))
			.andExpect(jsonPath("$.errors[0].message").value("is required"))
			.andExpect(jsonPath("$.errors[1].field").value("contactEmail"));
		// The same refusal in Spanish: the fields and codes stay, the sentences follow Accept-Language.
		mvc.perform(post("/api/accounts").with(user("ana").roles("EDITOR")).header("Accept-Language", "es")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"organizationId\": 1, \"platform\": \"mastodon\", \"contactEmail\": \"nobody\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("input.required"))
			.andExpect(jsonPath("$.errors[1].code").value("input.email"))
			.andExpect(jsonPath("$.errors[1].message").value(Matchers.startsWith("«nobody»")))
			.andExpect(jsonPath("$.detail").value(Matchers.startsWith("handle: ")));
	}

	@Test
	void anAccountAlreadyRegisteredIsAConflictNamingTheOne() throws Exception {
		when(registry.register(any(), any(), any())).thenThrow(Exceptions.of(RegistryConflictException.class,
				"cultura@social.villaverde.example is already registered (account 7)", "account", 7L,
				"problem.exists.account", new Object[] { "Mastodon", "cultura@social.villaverde.example", "7", "Villaverde" }));

		mvc.perform(post("/api/accounts").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"organizationId\": 1, \"platform\": \"mastodon\", \"handle\": \"cultura@social.villaverde.example\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.existingType").value("account"))
			.andExpect(jsonPath("$.existingId").value(7));
	}

	@Test
	void updatingPassesTheStatusAndIdsAlong() throws Exception {
		var input = new AccountInput(null, null, "mastodon", "cultura@social.villaverde.example", null, null, null, null,
				null, null, null);
		when(registry.update(7, input, 1L, 3L, AccountStatus.ACTIVE)).thenReturn(WebSamples.entry(7));

		mvc.perform(put("/api/accounts/7").with(user("ana").roles("EDITOR"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"organizationId": 1, "unitId": 3, "platform": "mastodon",
					 "handle": "cultura@social.villaverde.example", "status": "ACTIVE"}
					"""))
			.andExpect(status().isOk());
		verify(registry).update(7, input, 1L, 3L, AccountStatus.ACTIVE);
	}

	@Test
	void deletingArchives() throws Exception {
		when(registry.archive(7)).thenReturn(new AccountEntry(WebSamples.account(7, AccountStatus.ARCHIVED, null),
				"Villaverde", null));

		mvc.perform(delete("/api/accounts/7").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ARCHIVED"))
			.andExpect(jsonPath("$.archivedAt").value("2026-11-20T09:30:00Z"));
		verify(registry).archive(7);
	}

	@Test
	void aViewerChangesNothing() throws Exception {
		mvc.perform(post("/api/accounts").with(user("victor").roles("VIEWER"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isForbidden());
		mvc.perform(put("/api/accounts/7").with(user("victor").roles("VIEWER"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isForbidden());
		mvc.perform(delete("/api/accounts/7").with(user("victor").roles("VIEWER"))).andExpect(status().isForbidden());
		verifyNoInteractions(registry);
	}

}
