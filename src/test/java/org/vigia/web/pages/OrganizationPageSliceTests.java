package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.platform.English;
import org.vigia.registry.OrganizationDraft;
import org.vigia.registry.Registry;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryNotFoundException;
import org.vigia.registry.RegistryValidationException;
import org.vigia.registry.UnitDraft;
import org.vigia.registry.Violation;
import org.vigia.web.Exceptions;
import org.vigia.web.WebSamples;
import org.vigia.web.WebSliceTest;

/** An organization's and a unit's pages on their own: their forms filled from the registry, saved, or sent back. */
@WebSliceTest(OrganizationPage.class)
class OrganizationPageSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Registry registry;

	@BeforeEach
	void registry() {
		when(registry.organization(1)).thenReturn(WebSamples.organization(1, "Villaverde"));
		when(registry.unit(3)).thenReturn(WebSamples.unit(3, 1, "Prensa"));
		when(registry.organization(99)).thenThrow(Exceptions.of(RegistryNotFoundException.class, "organization", 99L));
	}

	@Test
	void theOrganizationsFormIsFilledFromTheRegistry() throws Exception {
		when(registry.units(any(), any())).thenReturn(new PageImpl<>(List.of(WebSamples.unit(3, 1, "Prensa"))));

		var result = mvc.perform(get("/registry/organizations/1").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(view().name("organization"))
			.andExpect(model().attribute("section", "registry"))
			.andExpect(model().attribute("moreUnits", false))
			.andExpect(content().string(containsString("action=\"/registry/organizations/1\"")))
			.andReturn();
		var form = (FormState) result.getModelAndView().getModel().get("organizationForm");
		assertThat(form.value("name")).isEqualTo("Villaverde");
		assertThat(form.value("aliases")).isEqualTo("Ayto. de Villaverde");
		assertThat(form.value("officialDomains")).isEqualTo("villaverde.example");
		assertThat(form.hasErrors()).isFalse();
		verify(registry).units(1L, PageRequest.of(0, 200, Sort.by("name")));
	}

	@Test
	void anUnknownOrganizationIsNotFoundAndIsNotWritten() throws Exception {
		mvc.perform(get("/registry/organizations/99").with(user("victor").roles("VIEWER")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/registry/organizations/99").param("name", "Villaverde")
			.with(user("ana").roles("EDITOR"))
			.with(csrf())).andExpect(status().isNotFound());
		verify(registry, never()).updateOrganization(anyLong(), any());
	}

	@Test
	void savingAnOrganizationRedirectsBackWithAConfirmation() throws Exception {
		when(registry.updateOrganization(any(Long.class), any())).thenReturn(WebSamples.organization(1, "Villaverde"));

		mvc.perform(post("/registry/organizations/1").param("name", "Villaverde")
			.param("aliases", "Ayto. de Villaverde\nConcello de Villaverde")
			.param("officialDomains", "villaverde.example")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry/organizations/1"))
			.andExpect(flash().attribute("organizationSaved", "Villaverde"));
		verify(registry).updateOrganization(1, new OrganizationDraft("Villaverde",
				List.of("Ayto. de Villaverde", "Concello de Villaverde"), List.of("villaverde.example"), false));
	}

	@Test
	void aRefusedOrganizationComesBackWithWhatWasTypedAndWhy() throws Exception {
		when(registry.updateOrganization(any(Long.class), any()))
			.thenThrow(new RegistryValidationException("officialDomains", "input.domain", "villaverde"));

		var flashed = mvc.perform(post("/registry/organizations/1").param("name", "Villaverde")
			.param("officialDomains", "villaverde")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry/organizations/1"))
			.andReturn()
			.getFlashMap()
			.get("organizationForm");
		var form = (FormState) flashed;
		assertThat(form.value("officialDomains")).isEqualTo("villaverde");
		assertThat(form.errors("officialDomains")).extracting(English::text)
			.containsExactly("'villaverde' is not a web domain (expected a name such as madrid.es)");
	}

	@Test
	void theUnitsFormIsFilledFromTheRegistryAndSavesItsAddresses() throws Exception {
		mvc.perform(get("/registry/units/3").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(view().name("unit"))
			.andExpect(model().attribute("organization", WebSamples.organization(1, "Villaverde")))
			.andExpect(content().string(containsString("prensa@villaverde.example")));

		when(registry.updateUnit(any(Long.class), any())).thenReturn(WebSamples.unit(3, 1, "Prensa y Comunicación"));
		mvc.perform(post("/registry/units/3").param("name", "Prensa y Comunicación")
			.param("contactEmails", "prensa@villaverde.example web@villaverde.example")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry/units/3"))
			.andExpect(flash().attribute("unitSaved", "Prensa y Comunicación"));
		verify(registry).updateUnit(3, new UnitDraft(1L, null, "Prensa y Comunicación",
				List.of("prensa@villaverde.example", "web@villaverde.example"), false));
	}

	@Test
	void anEditorMarksAUnitAsRunningManyAccountsByDesignAndEveryoneSeesTheMark() throws Exception {
		mvc.perform(get("/registry/units/3").with(user("ana").roles("EDITOR")))
			.andExpect(content().string(containsString("<input type=\"checkbox\" id=\"unit-many-accounts\" name=\"managesManyAccounts\" value=\"true\"")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("unit-many-accounts-help\" checked"))));
		when(registry.updateUnit(any(Long.class), any())).thenReturn(WebSamples.unit(3, 1, "Prensa"));
		mvc.perform(post("/registry/units/3").param("name", "Prensa")
			.param("contactEmails", "prensa@villaverde.example")
			.param("managesManyAccounts", "true")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry/units/3"));
		verify(registry).updateUnit(3, new UnitDraft(1L, null, "Prensa", List.of("prensa@villaverde.example"), true));

		var marked = new org.vigia.registry.Unit(3L, 1L, "Prensa", List.of("prensa@villaverde.example"), true,
				WebSamples.AT, WebSamples.AT);
		when(registry.unit(3)).thenReturn(marked);
		mvc.perform(get("/registry/units/3").with(user("ana").roles("EDITOR")))
			.andExpect(content().string(containsString("value=\"true\" aria-describedby=\"unit-many-accounts-help\" checked")));
		mvc.perform(get("/registry/units/3").header("Accept-Language", "es").with(user("victor").roles("VIEWER")))
			.andExpect(content().string(containsString("Gestiona muchas cuentas por diseño")))
			.andExpect(content().string(containsString("Sí: varias cuentas en una misma red no son un hallazgo")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("unit-many-accounts"))));
	}

	@Test
	void aUnitNameAlreadyTakenComesBackOnTheName() throws Exception {
		when(registry.updateUnit(any(Long.class), any())).thenThrow(Exceptions.of(RegistryConflictException.class,
				"Villaverde already has a unit named 'Cultura' (unit 4)", "unit", 4L, "problem.exists.unit",
				new Object[] { "Cultura", "Villaverde", "4" }));

		var flashed = mvc.perform(post("/registry/units/3").param("name", "Cultura")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry/units/3"))
			.andReturn()
			.getFlashMap()
			.get("unitForm");
		assertThat(((FormState) flashed).errors("name")).extracting(English::text)
			.containsExactly("A unit named 'Cultura' already exists in 'Villaverde' (unit 4)");
	}

	@Test
	void changesNeedAnEditorAndACsrfToken() throws Exception {
		mvc.perform(post("/registry/organizations/1").param("name", "X").with(user("victor").roles("VIEWER")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/registry/units/3").param("name", "X").with(user("ana").roles("EDITOR")))
			.andExpect(status().isForbidden());
		verify(registry, never()).updateOrganization(anyLong(), any());
		verify(registry, never()).updateUnit(anyLong(), any());
	}

}
