package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.vigia.IntegrationTest;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;
import org.vigia.platform.PlatformChecker;
import org.vigia.platform.Profile;
import org.vigia.polling.PollRun;
import org.vigia.polling.PollRuns;

/** The registry and poll-run pages, through the whole stack; no network: every check answers OK. */
@IntegrationTest
class RegistryAndRunsPagesTests {

	static final String HOSTILE = "<img src=x onerror=alert(1)>";

	static final String ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";

	static final String GOOD = """
			organization,unit,platform,handle,contact_email
			Villaverde,Prensa,telegram,villaverde_prensa,prensa@villaverde.example
			Villaverde,Cultura,telegram,villaverde_cultura,
			""";

	@MockitoBean
	PlatformChecker checker;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PollRuns runs;

	@BeforeEach
	void emptyRegistry() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
		var profile = new Profile("Villaverde", "Canal oficial", null, 1200L, null, 340L, List.of(), false, null);
		given(checker.check(any())).willReturn(new CheckResult(CheckOutcome.OK, 200, Duration.ofMillis(40), 1, null,
				Instant.now().minus(Duration.ofDays(1)), "https://t.me/villaverde/42", false, profile, 20, null, null,
				null, null, null, null));
	}

	ResultActions upload(String csv, boolean dryRun) throws Exception {
		return upload("registro.csv", csv, dryRun);
	}

	ResultActions upload(String fileName, String csv, boolean dryRun) throws Exception {
		return mvc.perform(multipart("/registry/import")
			.file(new MockMultipartFile("file", fileName, "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.param("dryRun", String.valueOf(dryRun))
			.with(user("editor").roles("EDITOR"))
			.with(csrf()));
	}

	/** The registry page as the editor sees it after a POST that redirected with flash attributes. */
	ResultActions afterRedirect(ResultActions posted) throws Exception {
		var result = posted.andReturn();
		return mvc.perform(get("/registry").flashAttrs(result.getFlashMap()).with(httpBasic("editor", "editor")));
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	@Test
	void aFileWithAnErrorIsReportedByLineAndColumnAndWritesNothing() throws Exception {
		var bad = """
				organization,platform,handle
				Villaverde,telegram,villaverde_prensa
				Villaverde,myspace,villaverde_cultura
				""";
		var posted = upload(bad, false).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/registry#import"));
		afterRedirect(posted).andExpect(status().isOk())
			.andExpect(content().string(containsString("The file registro.csv has 1 error(s): nothing was imported")))
			.andExpect(content().string(containsString("<div role=\"alert\" class=\"report rejected\">")))
			.andExpect(content().string(containsString("<th scope=\"col\">Line</th>")))
			// the header is line 1, so the bad account is on line 3
			.andExpect(content().string(containsString("<td>3</td>\n          <td>platform</td>")));
		assertThat(count("account")).isZero();
		assertThat(count("organization")).isZero();
	}

	@Test
	void aDryRunShowsTheCountsAndWritesNothing() throws Exception {
		var posted = upload(GOOD, true).andExpect(status().is3xxRedirection());
		afterRedirect(posted).andExpect(content().string(containsString("Check of registro.csv: the file can be imported.")))
			.andExpect(content().string(containsString("<dt>Accounts created</dt><dd>2</dd>")))
			.andExpect(content().string(containsString("<dt>Organizations created</dt><dd>1</dd>")))
			.andExpect(content().string(containsString("<dt>Units created</dt><dd>2</dd>")))
			.andExpect(content().string(containsString("Nothing was written.")))
			.andExpect(content().string(containsString("0 organizations")));
		assertThat(count("account")).isZero();
		assertThat(count("organization")).isZero();
		assertThat(count("unit")).isZero();
	}

	@Test
	void theImportWritesAndTheRegistryListsOrganizationsUnitsAndContacts() throws Exception {
		var posted = upload(GOOD, false);
		afterRedirect(posted).andExpect(content().string(containsString("Imported registro.csv.")))
			.andExpect(content().string(containsString("<dt>Accounts created</dt><dd>2</dd>")))
			.andExpect(content().string(not(containsString("Nothing was written."))))
			.andExpect(content().string(containsString("1 organizations")))
			.andExpect(content().string(containsString(">Villaverde</a></h3>")))
			.andExpect(content().string(containsString(">Prensa</a></th>")))
			// the file's contact_email is the account's; a unit's contacts are set on the unit
			.andExpect(content().string(containsString("<span class=\"muted\">None</span>")))
			.andExpect(content().string(containsString("href=\"/api/registry/export\"")));
		assertThat(count("account")).isEqualTo(2);
		assertThat(count("unit")).isEqualTo(2);

		// the same file again changes nothing
		afterRedirect(upload(GOOD, false)).andExpect(content().string(containsString("<dt>Accounts unchanged</dt><dd>2</dd>")));
		assertThat(count("account")).isEqualTo(2);
	}

	@Test
	void anEditorAddsAUnitWithItsContacts() throws Exception {
		upload(GOOD, false);
		long organization = jdbc.sql("select id from organization").query(Long.class).single();
		var posted = mvc.perform(post("/registry/units").param("organizationId", String.valueOf(organization))
			.param("name", "Turismo")
			.param("contactEmails", "turismo@villaverde.example, info@villaverde.example")
			.with(user("editor").roles("EDITOR"))
			.with(csrf())).andExpect(redirectedUrl("/registry#add-unit")).andExpect(flash().attribute("unitAdded", "Turismo"));
		afterRedirect(posted).andExpect(content().string(containsString("<p role=\"status\">Unit Turismo added.</p>")))
			.andExpect(content().string(containsString(">Turismo</a></th>")))
			.andExpect(content().string(containsString("<span>turismo@villaverde.example, </span><span>info@villaverde.example</span>")));

		var again = mvc.perform(post("/registry/units").param("organizationId", String.valueOf(organization))
			.param("name", "turismo")
			.with(user("editor").roles("EDITOR"))
			.with(csrf())).andExpect(flash().attributeExists("unitError"));
		afterRedirect(again).andExpect(content().string(containsString("<p role=\"alert\" class=\"error\">A unit named")));
		assertThat(count("unit")).isEqualTo(3);
	}

	@Test
	void aViewerCanNeitherImportNorAddNorStartARun() throws Exception {
		upload(GOOD, false);
		mvc.perform(multipart("/registry/import")
			.file(new MockMultipartFile("file", "registro.csv", "text/csv", "organization,platform,handle\nOtra,telegram,otra\n".getBytes(StandardCharsets.UTF_8)))
			.param("dryRun", "false")
			.with(httpBasic("viewer", "viewer"))
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/registry/units").param("organizationId", "1").param("name", "Turismo")
			.with(httpBasic("viewer", "viewer")).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/runs").with(httpBasic("viewer", "viewer")).with(csrf())).andExpect(status().isForbidden());
		// and an editor's form without its CSRF token is refused too
		mvc.perform(post("/runs").with(user("editor").roles("EDITOR"))).andExpect(status().isForbidden());
		assertThat(count("organization")).isEqualTo(1);
		assertThat(count("unit")).isEqualTo(2);
		assertThat(count("poll_run")).isZero();

		mvc.perform(get("/registry").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Only editors can check and import files.")))
			.andExpect(content().string(not(containsString("action=\"/registry/import\""))))
			.andExpect(content().string(not(containsString("action=\"/registry/units\""))));
		mvc.perform(get("/runs").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("No run yet.")))
			.andExpect(content().string(not(containsString("Check every account now"))));
	}

	@Test
	void anEditorStartsARunAndWatchesItUntilItCompletes() throws Exception {
		upload(GOOD, false);
		mvc.perform(get("/runs").with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("action=\"/runs\"")))
			.andExpect(content().string(containsString("Check every account now")));
		var posted = mvc.perform(post("/runs").with(user("editor").roles("EDITOR")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/runs/*"))
			.andReturn();
		long id = jdbc.sql("select id from poll_run").query(Long.class).single();
		assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/runs/" + id);
		mvc.perform(get("/runs/" + id).flashAttrs(posted.getFlashMap()).with(httpBasic("editor", "editor")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<p role=\"status\">The run has started.</p>")))
			.andExpect(content().string(containsString("<label for=\"run-progress\">")))
			.andExpect(content().string(containsString("<progress id=\"run-progress\" max=\"2\"")));

		var run = runs.get(id);
		for (int i = 0; i < 300 && run.status() == PollRun.Status.RUNNING; i++) {
			Thread.sleep(100);
			run = runs.get(id);
		}
		assertThat(run.status()).isEqualTo(PollRun.Status.COMPLETED);
		mvc.perform(get("/runs/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("Completed")))
			.andExpect(content().string(containsString("<label for=\"run-progress\">2 of 2 accounts checked</label>")))
			.andExpect(content().string(containsString("<progress id=\"run-progress\" max=\"2\" value=\"2\">")))
			.andExpect(content().string(not(containsString("http-equiv=\"refresh\""))))
			.andExpect(content().string(not(containsString("refreshes itself"))));
		mvc.perform(get("/runs").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("1 runs")))
			.andExpect(content().string(containsString("<a href=\"/runs/" + id + "\">#" + id + "</a>")))
			.andExpect(content().string(containsString("<span class=\"badge run-COMPLETED\">Completed</span>")));
	}

	@Test
	void aRunningRunsPageRefreshesItselfEveryThreeSeconds() throws Exception {
		long id = jdbc.sql("""
				insert into poll_run (status, trigger, total, started_at) values ('RUNNING', 'MANUAL', 5, now())
				returning id
				""").query(Long.class).single();
		mvc.perform(get("/runs/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("<meta http-equiv=\"refresh\" content=\"3\">")))
			.andExpect(content().string(containsString("<span class=\"badge run-RUNNING\">Running</span>")))
			.andExpect(content().string(containsString("<label for=\"run-progress\">0 of 5 accounts checked</label>")))
			.andExpect(content().string(containsString("<progress id=\"run-progress\" max=\"5\" value=\"0\">")))
			.andExpect(content().string(containsString("This page refreshes itself every 3 seconds")));
		mvc.perform(get("/runs").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(not(containsString("http-equiv=\"refresh\""))));
	}

	@Test
	void hostileNamesAndFileNamesRenderEscaped() throws Exception {
		var csv = "organization,unit,platform,handle,contact_email\n\"" + HOSTILE + "\",\"" + HOSTILE
				+ "\",telegram,hostil,prensa@villaverde.example\n";
		afterRedirect(upload(HOSTILE + ".csv", csv, false))
			.andExpect(content().string(containsString("Imported " + ESCAPED + ".csv.")))
			.andExpect(content().string(containsString(">" + ESCAPED + "</a></h3>")))
			.andExpect(content().string(containsString(">" + ESCAPED + "</a></th>")))
			.andExpect(content().string(containsString(">" + ESCAPED + "</option>")))
			.andExpect(content().string(not(containsString(HOSTILE))));
		long organization = jdbc.sql("select id from organization").query(Long.class).single();
		var posted = mvc.perform(post("/registry/units").param("organizationId", String.valueOf(organization))
			.param("name", HOSTILE + " 2")
			.with(user("editor").roles("EDITOR"))
			.with(csrf()));
		afterRedirect(posted).andExpect(content().string(containsString("Unit " + ESCAPED + " 2 added.")))
			.andExpect(content().string(not(containsString(HOSTILE))));
	}

	@Test
	void bothPagesSpeakSpanish() throws Exception {
		upload(GOOD, false);
		mvc.perform(get("/registry?lang=es").with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("<html lang=\"es\">")))
			.andExpect(content().string(containsString("<h1>Registro</h1>")))
			.andExpect(content().string(containsString("Importar una hoja de cálculo")))
			.andExpect(content().string(containsString("<span>Archivo del registro (CSV)</span>")))
			.andExpect(content().string(containsString(">Comprobar</button>")))
			.andExpect(content().string(containsString("Organizaciones y unidades")))
			.andExpect(content().string(containsString("Descargar el registro (CSV)")));
		var posted = upload(GOOD, true);
		mvc.perform(get("/registry?lang=es").flashAttrs(posted.andReturn().getFlashMap())
			.with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("<dt>Cuentas sin cambios</dt><dd>2</dd>")))
			.andExpect(content().string(containsString("No se ha escrito nada.")));
		mvc.perform(get("/runs?lang=es").with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("<h1>Ejecuciones de comprobación</h1>")))
			.andExpect(content().string(containsString("Comprobar todas las cuentas ahora")))
			.andExpect(content().string(containsString("Aún no hay ninguna ejecución.")));
	}

}
