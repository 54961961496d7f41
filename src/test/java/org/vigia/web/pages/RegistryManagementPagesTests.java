package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.vigia.IntegrationTest;
import org.vigia.platform.Platform;

/**
 * Managing the registry from the dashboard: accounts added and archived, organizations created and edited, units
 * edited; editors only, each form with its CSRF token, each refusal shown next to its field with the input kept.
 */
@IntegrationTest
class RegistryManagementPagesTests {

	static final String HOSTILE = "<img src=x onerror=alert(1)>";

	static final String ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long organization;

	long unit;

	@BeforeEach
	void registry() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		unit = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, 'Prensa', '{prensa@villaverde.example}', now(), now()) returning id
				""").param("org", organization).query(Long.class).single();
	}

	ResultActions asEditor(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(user("editor").roles("EDITOR")).with(csrf()));
	}

	/** The page a POST redirected to, as the editor's browser shows it next. */
	ResultActions followed(ResultActions posted) throws Exception {
		var result = posted.andExpect(status().is3xxRedirection()).andReturn();
		var url = result.getResponse().getRedirectedUrl();
		assertThat(url).isNotNull();
		return mvc.perform(get(url.replaceFirst("#.*", "")).flashAttrs(result.getFlashMap())
			.with(httpBasic("editor", "editor")));
	}

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	MockHttpServletRequestBuilder addAccount(String handle) {
		return post("/registry/accounts").param("organizationId", String.valueOf(organization))
			.param("unit", "Prensa")
			.param("platform", "telegram")
			.param("handle", handle)
			.param("displayName", "Villaverde informa")
			.param("contactEmail", "prensa@villaverde.example")
			.param("purpose", "Avisos municipales")
			.param("notes", "Abierta en 2019");
	}

	@Test
	void anEditorAddsAnAccountAndLandsOnItsPage() throws Exception {
		var posted = asEditor(addAccount("https://t.me/villaverde_informa"));
		long id = count("select id from account where handle = 'villaverde_informa'");
		posted.andExpect(redirectedUrl("/accounts/" + id));
		followed(posted).andExpect(status().isOk())
			.andExpect(content().string(containsString("<p role=\"status\">Account added.</p>")))
			.andExpect(content().string(containsString("villaverde_informa")));
		var stored = jdbc.sql("select unit_id, display_name, contact_email, purpose, notes, status from account")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6)))
			.single();
		assertThat(stored).containsExactly(unit, "Villaverde informa", "prensa@villaverde.example", "Avisos municipales",
				"Abierta en 2019", "ACTIVE");
	}

	@Test
	void anInvalidHandleShowsTheParsersMessageNextToTheFieldAndKeepsTheForm() throws Exception {
		var handle = "villa verde!";
		var parserMessage = catchThrowable(() -> Platform.TELEGRAM.parse(handle)).getMessage();
		var posted = asEditor(addAccount(handle)).andExpect(redirectedUrl("/registry#add-account"));
		followed(posted).andExpect(status().isOk())
			.andExpect(content().string(containsString("The form has errors; nothing was saved.")))
			.andExpect(content().string(containsString("aria-invalid=\"true\" aria-describedby=\"add-account-handle-error\"")))
			.andExpect(content().string(containsString("<p class=\"field-error\" id=\"add-account-handle-error\"><span>"
					+ org.springframework.web.util.HtmlUtils.htmlEscape(parserMessage) + "</span></p>")))
			// what was typed is still there
			.andExpect(content().string(containsString("value=\"villa verde!\"")))
			.andExpect(content().string(containsString("value=\"Villaverde informa\"")))
			.andExpect(content().string(containsString("Abierta en 2019</textarea>")))
			.andExpect(content().string(containsString("<option value=\"telegram\" selected=\"selected\">Telegram</option>")));
		assertThat(count("select count(*) from account")).isZero();
	}

	@Test
	void anAccountAlreadyRegisteredIsRefusedWithTheExistingOneNamed() throws Exception {
		asEditor(addAccount("villaverde_informa"));
		followed(asEditor(addAccount("@villaverde_informa"))).andExpect(
				content().string(containsString("is already registered as account")));
		assertThat(count("select count(*) from account")).isEqualTo(1);
	}

	@Test
	void aViewerCannotAddAccountsOrOrganizationsNorSeeTheForms() throws Exception {
		mvc.perform(addAccount("villaverde_informa").with(httpBasic("viewer", "viewer")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(addAccount("villaverde_informa").with(user("editor").roles("EDITOR")))
			.andExpect(status().isForbidden());
		assertThat(count("select count(*) from account")).isZero();
		mvc.perform(post("/registry/organizations").param("name", "Otra").with(httpBasic("viewer", "viewer")).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(count("select count(*) from organization")).isEqualTo(1);
		mvc.perform(get("/registry").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(not(containsString("action=\"/registry/accounts\""))))
			.andExpect(content().string(not(containsString("action=\"/registry/organizations\""))));
	}

	@Test
	void anEditorArchivesAnAccountAfterConfirmingAndCanWatchItAgain() throws Exception {
		asEditor(addAccount("villaverde_informa"));
		long id = count("select id from account");
		mvc.perform(get("/accounts/" + id).with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("href=\"/accounts/" + id + "/archive\">Archive this account…</a>")));
		mvc.perform(get("/accounts/" + id + "/archive").with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("<h1>Archive villaverde_informa?</h1>")))
			.andExpect(content().string(containsString("will no longer be checked")))
			.andExpect(content().string(containsString(">Yes, archive villaverde_informa</button>")));
		assertThat(jdbc.sql("select status from account").query(String.class).single()).isEqualTo("ACTIVE");

		var archived = asEditor(post("/accounts/" + id + "/archive")).andExpect(redirectedUrl("/accounts/" + id));
		followed(archived).andExpect(content().string(containsString("Account archived: it is no longer checked.")))
			.andExpect(content().string(containsString("<span class=\"badge ARCHIVED\">Archived</span>")))
			.andExpect(content().string(containsString("This account is archived (since")))
			.andExpect(content().string(containsString(">Watch this account again</button>")));
		assertThat(jdbc.sql("select status from account").query(String.class).single()).isEqualTo("ARCHIVED");

		followed(asEditor(post("/accounts/" + id + "/restore")))
			.andExpect(content().string(containsString("The account is watched again.")));
		assertThat(jdbc.sql("select status from account").query(String.class).single()).isEqualTo("ACTIVE");
	}

	@Test
	void aViewerCannotArchiveAndAnArchiveWithoutItsTokenIsRefused() throws Exception {
		asEditor(addAccount("villaverde_informa"));
		long id = count("select id from account");
		mvc.perform(post("/accounts/" + id + "/archive").with(httpBasic("viewer", "viewer")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/accounts/" + id + "/archive").with(user("editor").roles("EDITOR")))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select status from account").query(String.class).single()).isEqualTo("ACTIVE");
		mvc.perform(get("/accounts/" + id + "/archive").with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(containsString("Only editors can archive accounts.")))
			.andExpect(content().string(not(containsString("action=\"/accounts/" + id + "/archive\""))));
		mvc.perform(get("/accounts/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(content().string(not(containsString("Archive this account"))));
	}

	@Test
	void anEditorCreatesAnOrganizationWithAliasesAndDomainsOnSeparateLinesOrCommas() throws Exception {
		var posted = asEditor(post("/registry/organizations").param("name", "Diputación de Sierra Alta")
			.param("aliases", "Dipu Sierra Alta\nDiputación, DSA")
			.param("officialDomains", "sierraalta.example\r\nwww.sierraalta.example"));
		long id = count("select id from organization where name = 'Diputación de Sierra Alta'");
		posted.andExpect(redirectedUrl("/registry/organizations/" + id));
		followed(posted).andExpect(content().string(containsString("Organization Diputación de Sierra Alta saved.")))
			.andExpect(content().string(containsString("<dd>Dipu Sierra Alta, Diputación, DSA</dd>")))
			.andExpect(content().string(containsString("<dd>sierraalta.example, www.sierraalta.example</dd>")));
	}

	@Test
	void anInvalidOrganizationIsShownFieldByFieldWithTheInputKept() throws Exception {
		var posted = asEditor(post("/registry/organizations").param("name", "  ")
			.param("aliases", "Villa")
			.param("officialDomains", "not a domain")).andExpect(redirectedUrl("/registry#add-organization"));
		followed(posted).andExpect(content().string(containsString("id=\"add-organization-name-error\"><span>is required</span>")))
			.andExpect(content().string(containsString("id=\"add-organization-domains-error\"><span>")))
			.andExpect(content().string(containsString(">not a domain</textarea>")))
			.andExpect(content().string(containsString(">Villa</textarea>")));
		// a name already taken is refused next to the name
		followed(asEditor(post("/registry/organizations").param("name", "villaverde")))
			.andExpect(content().string(containsString("id=\"add-organization-name-error\"><span>An organization named &#39;Villaverde&#39; already exists")));
		assertThat(count("select count(*) from organization")).isEqualTo(1);
	}

	@Test
	void anEditorRenamesAnOrganizationAndAViewerCannot() throws Exception {
		mvc.perform(get("/registry/organizations/" + organization).with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("value=\"Villaverde\"")))
			.andExpect(content().string(containsString("href=\"/registry/units/" + unit + "\">Prensa</a>")));
		var posted = asEditor(post("/registry/organizations/" + organization).param("name", "Ayuntamiento de Villaverde")
			.param("aliases", "Villaverde").param("officialDomains", "villaverde.example"))
			.andExpect(redirectedUrl("/registry/organizations/" + organization));
		followed(posted).andExpect(content().string(containsString("<h1>Ayuntamiento de Villaverde</h1>")));
		assertThat(jdbc.sql("select official_domains[1] from organization").query(String.class).single())
			.isEqualTo("villaverde.example");

		followed(asEditor(post("/registry/organizations/" + organization).param("name", HOSTILE + "x".repeat(300))))
			.andExpect(content().string(containsString("id=\"organization-name-error\"")))
			.andExpect(content().string(not(containsString(HOSTILE))));
		mvc.perform(post("/registry/organizations/" + organization).param("name", "Otra")
			.with(httpBasic("viewer", "viewer")).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/registry/organizations/" + organization).param("name", "Otra")
			.with(user("editor").roles("EDITOR"))).andExpect(status().isForbidden());
		mvc.perform(post("/registry/organizations").param("name", "Otra")
			.with(user("editor").roles("EDITOR"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select name from organization").query(String.class).single())
			.isEqualTo("Ayuntamiento de Villaverde");
		mvc.perform(get("/registry/organizations/" + organization).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<form class=\"stacked\""))));
	}

	@Test
	void anEditorEditsAUnitsNameAndContactsAndAViewerCannot() throws Exception {
		var posted = asEditor(post("/registry/units/" + unit).param("name", "Prensa y comunicación")
			.param("contactEmails", "prensa@villaverde.example\ncomunicacion@villaverde.example"))
			.andExpect(redirectedUrl("/registry/units/" + unit));
		followed(posted).andExpect(content().string(containsString("Unit Prensa y comunicación saved.")))
			.andExpect(content().string(containsString("<dd>prensa@villaverde.example, comunicacion@villaverde.example</dd>")));

		followed(asEditor(post("/registry/units/" + unit).param("name", "Prensa").param("contactEmails", "prensa@, ok@villaverde.example")))
			.andExpect(content().string(containsString("id=\"unit-contacts-error\"><span>")))
			.andExpect(content().string(containsString(">prensa@, ok@villaverde.example</textarea>")))
			.andExpect(content().string(containsString("value=\"Prensa\"")));
		assertThat(jdbc.sql("select name from unit").query(String.class).single()).isEqualTo("Prensa y comunicación");

		mvc.perform(post("/registry/units/" + unit).param("name", "Otra").with(httpBasic("viewer", "viewer")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/registry/units/" + unit).param("name", "Otra").with(user("editor").roles("EDITOR")))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select name from unit").query(String.class).single()).isEqualTo("Prensa y comunicación");
	}

	@Test
	void theFormsSpeakSpanish() throws Exception {
		mvc.perform(get("/registry?lang=es").with(httpBasic("editor", "editor")))
			.andExpect(content().string(containsString("Añadir una cuenta")))
			.andExpect(content().string(containsString("<label for=\"add-account-handle\">Usuario o URL del perfil</label>")))
			.andExpect(content().string(containsString("Añadir una organización")));
	}

}
