package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.platform.English;
import org.vigia.platform.Message;
import org.vigia.registry.AccountInput;
import org.vigia.registry.ImportError;
import org.vigia.registry.ImportRejectedException;
import org.vigia.registry.ImportReport;
import org.vigia.registry.OrganizationDraft;
import org.vigia.registry.Registry;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryCsv;
import org.vigia.registry.RegistryNotFoundException;
import org.vigia.registry.RegistryValidationException;
import org.vigia.registry.UnitDraft;
import org.vigia.registry.Violation;
import org.vigia.web.Exceptions;
import org.vigia.web.WebSamples;
import org.vigia.web.WebSliceTest;

/**
 * The registry page on its own: organizations with their units, the CSV import (dry run first, size limit, refusals
 * line by line) and the forms that add an organization, a unit or an account, each redirecting with its message.
 */
@WebSliceTest(RegistryPage.class)
class RegistryPageSliceTests {

	static final byte[] CSV = """
			organization,unit,platform,handle,url,display_name,contact_email,purpose,language,max_silence_days,notes
			Villaverde,Prensa,bluesky,villaverde.example,,,,,,,
			""".getBytes(StandardCharsets.UTF_8);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Registry registry;

	@MockitoBean
	RegistryCsv csv;

	@BeforeEach
	void limit() {
		when(csv.maxImportBytes()).thenReturn(32L * 1024 * 1024);
	}

	@Test
	void thePageListsOrganizationsWithTheirUnitsAndTheImportLimit() throws Exception {
		var villaverde = WebSamples.organization(1, "Villaverde");
		when(registry.organizations(any())).thenReturn(new PageImpl<>(List.of(villaverde), PageRequest.of(0, 20), 1));
		when(registry.units(any(), any())).thenReturn(new PageImpl<>(List.of(WebSamples.unit(3, 1, WebSamples.HOSTILE)),
				PageRequest.of(0, 200), 201));

		mvc.perform(get("/registry").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name("registry"))
			.andExpect(model().attribute("section", "registry"))
			.andExpect(model().attribute("maxImportSize", "32 MB"))
			.andExpect(model().attribute("organizationChoices", Map.of(1L, "Villaverde")))
			.andExpect(model().attribute("accountForm", FormState.empty()))
			.andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;")))
			.andExpect(content().string(not(containsString(WebSamples.HOSTILE))))
			.andExpect(content().string(not(containsString("action=\"/registry/import\""))));
		verify(registry).organizations(PageRequest.of(0, 20, Sort.by("name")));
		verify(registry).organizations(PageRequest.of(0, 500, Sort.by("name")));
		verify(registry).units(1L, PageRequest.of(0, 200, Sort.by("name")));
	}

	@Test
	void editorsAreOfferedTheImportAndTheFormsThatNeedAnOrganizationOnceThereIsOne() throws Exception {
		when(registry.organizations(any())).thenReturn(new PageImpl<>(List.of()));

		mvc.perform(get("/registry").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("action=\"/registry/import\"")))
			.andExpect(content().string(containsString("action=\"/registry/organizations\"")))
			.andExpect(content().string(not(containsString("action=\"/registry/accounts\""))))
			.andExpect(content().string(not(containsString("action=\"/registry/units\""))));

		when(registry.organizations(any())).thenReturn(new PageImpl<>(List.of(WebSamples.organization(1, "Villaverde"))));
		when(registry.units(any(), any())).thenReturn(new PageImpl<>(List.of()));
		mvc.perform(get("/registry").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("action=\"/registry/accounts\"")))
			.andExpect(content().string(containsString("action=\"/registry/units\"")));
	}

	@Test
	void anUploadIsADryRunUnlessImportIsAskedFor() throws Exception {
		when(csv.importCsv(CSV, true)).thenReturn(new ImportReport(true, 1, 0, 0, 1, 1, List.of()));
		when(csv.importCsv(CSV, false)).thenReturn(new ImportReport(false, 1, 0, 0, 1, 1, List.of()));

		mvc.perform(multipart("/registry/import").file(file(CSV)).with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/registry#import"))
			.andExpect(flash().attribute("result",
					new RegistryPage.ImportResult(true, "registry.csv", 1, 0, 0, 1, 1, new ArrayList<>())));
		verify(csv).importCsv(CSV, true);

		mvc.perform(multipart("/registry/import").file(file(CSV))
			.param("dryRun", "false")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry#import"))
			.andExpect(flash().attribute("result",
					new RegistryPage.ImportResult(false, "registry.csv", 1, 0, 0, 1, 1, new ArrayList<>())));
		verify(csv).importCsv(CSV, false);
	}

	@Test
	void aRejectedFileComesBackWithItsErrorsLineByLine() throws Exception {
		var report = new ImportReport(false, 0, 0, 0, 0, 0,
				List.of(new ImportError(2, "platform", Message.of("input.platform.unknown", "myspace", "bluesky, x"))));
		when(csv.importCsv(CSV, false)).thenThrow(Exceptions.of(ImportRejectedException.class, report));

		var flashed = mvc.perform(multipart("/registry/import").file(file(CSV))
			.param("dryRun", "false")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry#import"))
			.andReturn()
			.getFlashMap()
			.get("result");
		var result = (RegistryPage.ImportResult) flashed;
		assertThat(result.rejected()).isTrue();
		assertThat(result.errors()).containsExactly(
				new RegistryPage.ImportErrorRow(2, "platform",
						Message.of("input.platform.unknown", "myspace", "bluesky, x").encode()));
	}

	@Test
	void theImportReportIsShownInTheReadersLanguage() throws Exception {
		when(registry.organizations(any())).thenReturn(new PageImpl<>(List.of()));
		var youtube = org.vigia.platform.Platform.YOUTUBE;
		Message refusal;
		try {
			youtube.parse("https://www.youtube.com/watch?v=1");
			throw new AssertionError("a video link is not a channel");
		}
		catch (org.vigia.platform.InvalidHandleException ex) {
			refusal = ex.sentence();
		}
		var result = RegistryPage.ImportResult.of("registro.csv", new ImportReport(true, 0, 0, 0, 0, 0,
				List.of(new ImportError(2, "platform", Message.of("input.platform.unknown", "myspace", "bluesky, x")),
						new ImportError(3, "url", refusal))));

		var page = mvc.perform(get("/registry").with(user("ana").roles("EDITOR"))
			.header("Accept-Language", "es")
			.flashAttr("result", result))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("«myspace» no es una plataforma conocida")))
			.andExpect(content().string(containsString("no es un canal de YouTube: es un enlace a un vídeo")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		var table = org.jsoup.Jsoup.parse(page).select("table").text();
		org.vigia.alerts.LanguageGuardTests.assertNoEnglishAndNoKey(table, "the import report in Spanish");
	}

	@Test
	void noFileOrOneOverTheLimitIsRefusedUnread() throws Exception {
		mvc.perform(multipart("/registry/import").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/registry#import"))
			.andExpect(flash().attribute("importProblem", "registry.import.noFile"));
		when(csv.maxImportBytes()).thenReturn(16L);
		mvc.perform(multipart("/registry/import").file(file(CSV)).with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/registry#import"))
			.andExpect(flash().attribute("importProblem", "registry.import.tooLargeUpload"));
		verify(csv, never()).importCsv(any(), anyBoolean());
	}

	@Test
	void importingNeedsAnEditorAndACsrfToken() throws Exception {
		mvc.perform(multipart("/registry/import").file(file(CSV)).with(user("victor").roles("VIEWER")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(multipart("/registry/import").file(file(CSV)).with(user("ana").roles("EDITOR")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/registry/organizations").param("name", "Villaverde").with(user("ana").roles("EDITOR")))
			.andExpect(status().isForbidden());
		verify(csv, never()).importCsv(any(), anyBoolean());
		verifyNoInteractions(registry);
	}

	@Test
	void aUnitIsAddedWithItsAddressesHoweverTheyAreSeparated() throws Exception {
		when(registry.createUnit(any())).thenReturn(WebSamples.unit(3, 1, "Prensa"));

		mvc.perform(post("/registry/units").param("organizationId", "1")
			.param("name", "Prensa")
			.param("contactEmails", "prensa@villaverde.example; jefa@villaverde.example\nweb@villaverde.example")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry#add-unit"))
			.andExpect(flash().attribute("unitAdded", "Prensa"));
		verify(registry).createUnit(new UnitDraft(1L, null, "Prensa",
				List.of("prensa@villaverde.example", "jefa@villaverde.example", "web@villaverde.example"), null));
	}

	@Test
	void aUnitWithoutOrganizationOrForAnUnknownOneIsRefusedWithAMessage() throws Exception {
		mvc.perform(post("/registry/units").param("name", "Prensa").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/registry#add-unit"))
			.andExpect(flash().attribute("unitError", "organization: is required"));
		when(registry.createUnit(any())).thenThrow(Exceptions.of(RegistryNotFoundException.class, "organization", 42L));
		mvc.perform(post("/registry/units").param("organizationId", "42")
			.param("name", "Prensa")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(flash().attribute("unitError", "There is no organization with id 42"));
	}

	@Test
	void anAccountGivenByItsUrlIsRegisteredAndShown() throws Exception {
		when(registry.register(any(), any(), any())).thenReturn(WebSamples.entry(7));

		mvc.perform(post("/registry/accounts").param("organizationId", "1")
			.param("unit", "")
			.param("platform", "bluesky")
			.param("handle", " https://bsky.app/profile/villaverde.example ")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/accounts/7"))
			.andExpect(flash().attribute("accountAdded", true));
		verify(registry).register(new AccountInput(null, null, "bluesky", null,
				"https://bsky.app/profile/villaverde.example", null, null, null, null, null, null), 1L, null);
	}

	@Test
	void aRefusedAccountComesBackToItsFormWithEachMessageByItsField() throws Exception {
		when(registry.register(any(), any(), any())).thenThrow(new RegistryValidationException(List.of(
				Violation.of("url", "handle.refused", "https://example.org/villaverde", "a Bluesky handle", "not bsky.app",
						"name.bsky.social"),
				Violation.of("unitId", "violation.unit.unknown", "Deportes", "Villaverde"),
				Violation.of("language", "input.language", "castellano"))));

		var flashed = mvc.perform(post("/registry/accounts").param("organizationId", "1")
			.param("unit", "Deportes")
			.param("platform", "bluesky")
			.param("handle", "https://example.org/villaverde")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry#add-account"))
			.andReturn()
			.getFlashMap()
			.get("accountForm");
		var form = (FormState) flashed;
		assertThat(form.value("handle")).isEqualTo("https://example.org/villaverde");
		assertThat(form.errors("handle")).extracting(English::text)
			.containsExactly("'https://example.org/villaverde' is not a Bluesky handle: not bsky.app; expected name.bsky.social");
		assertThat(form.errors("unit")).extracting(English::text)
			.containsExactly("'Deportes' is not a unit of 'Villaverde'; create it first (POST /api/units)");
		assertThat(form.general()).extracting(English::text).containsExactly(
				"language: 'castellano' is not a language tag (expected an IETF BCP 47 tag such as es, en, eu or es-MX)");
		assertThat(form.errors("unit")).extracting((e) -> English.text(e, java.util.Locale.forLanguageTag("es")))
			.containsExactly("«Deportes» no es una unidad de «Villaverde»; créela primero (POST /api/units)");
	}

	@Test
	void anOrganizationIdThatIsNotOneOfTheListIsRefusedBeforeTheRegistryIsAsked() throws Exception {
		var flashed = mvc.perform(post("/registry/accounts").param("organizationId", "Villaverde")
			.param("platform", "bluesky")
			.param("handle", "villaverde.example")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry#add-account"))
			.andReturn()
			.getFlashMap()
			.get("accountForm");
		assertThat(((FormState) flashed).errors("organizationId")).extracting(English::text)
			.containsExactly("is not an organization of the list");
		verifyNoInteractions(registry);
	}

	@Test
	void anOrganizationIsCreatedWithItsAliasesAndDomainsOnePerLine() throws Exception {
		when(registry.createOrganization(any())).thenReturn(WebSamples.organization(4, "Villaverde"));

		mvc.perform(post("/registry/organizations").param("name", "Villaverde")
			.param("aliases", "Ayuntamiento de Villaverde\r\nAyto. Villaverde")
			.param("officialDomains", "villaverde.example, villaverde.es")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry/organizations/4"))
			.andExpect(flash().attribute("organizationSaved", "Villaverde"));
		verify(registry).createOrganization(new OrganizationDraft("Villaverde",
				List.of("Ayuntamiento de Villaverde", "Ayto. Villaverde"), List.of("villaverde.example", "villaverde.es")));
	}

	@Test
	void aNameAlreadyTakenComesBackAsAMessageOnTheName() throws Exception {
		when(registry.createOrganization(any())).thenThrow(Exceptions.of(RegistryConflictException.class,
				"An organization named 'Villaverde' already exists (organization 1)", "organization", 1L,
				"problem.exists.organization", new Object[] { "Villaverde", "1" }));

		var flashed = mvc.perform(post("/registry/organizations").param("name", "Villaverde")
			.with(user("ana").roles("EDITOR"))
			.with(csrf()))
			.andExpect(redirectedUrl("/registry#add-organization"))
			.andReturn()
			.getFlashMap()
			.get("organizationForm");
		assertThat(((FormState) flashed).errors("name")).extracting(English::text)
			.containsExactly("An organization named 'Villaverde' already exists (organization 1)");
	}

	private static MockMultipartFile file(byte[] content) {
		return new MockMultipartFile("file", "registry.csv", "text/csv", content);
	}

}
