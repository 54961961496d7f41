package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.health.HealthSweep;

/**
 * The overview of a network of many organizations: those with the most open HIGH findings first, a bounded table, and
 * all of them a page at a time or by name when asked.
 */
@IntegrationTest
class OverviewTablePagesTests {

	static final int ORGANIZATIONS = 25;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HealthSweep sweep;

	@BeforeEach
	void network() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
		for (int i = 1; i <= ORGANIZATIONS; i++) {
			long organization = jdbc.sql("""
					insert into organization (name, created_at, updated_at) values (:name, now(), now()) returning id
					""").param("name", "Municipio %02d".formatted(i)).query(Long.class).single();
			// Municipio 07 has two abandoned accounts, Municipio 19 one; every other account posted two days ago.
			int abandoned = (i == 7) ? 2 : (i == 19) ? 1 : 0;
			for (int a = 0; a < 2; a++) {
				long account = jdbc.sql("""
						insert into account (organization_id, platform, handle, url, created_at, updated_at)
						values (:org, 'TELEGRAM', :handle, 'https://t.me/' || :handle, now(), now()) returning id
						""").param("org", organization).param("handle", "canal_%d_%d".formatted(i, a))
					.query(Long.class).single();
				var lastPost = Instant.now().minus(Duration.ofDays(a < abandoned ? 200 : 2));
				jdbc.sql("""
						insert into account_state (account_id, handle, last_activity_at, last_checked_at, last_success_at,
						                           last_outcome, last_http_status, outcome_streak, next_due_at, updated_at)
						select id, handle, :activity::timestamptz, now(), now(), 'OK', 200, 1, now(), now()
						from account where id = :id
						""").param("id", account).param("activity", lastPost.toString()).update();
			}
		}
		sweep.sweep();
	}

	Document page(String path) throws Exception {
		return Jsoup.parse(mvc.perform(get(path).with(httpBasic("viewer", "viewer")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	@Test
	void theOverviewListsTheOrganizationsWithTheMostOpenHighFindingsFirstAndNoMoreThanTwenty() throws Exception {
		var page = page("/");
		var rows = page.select("table:has(caption:contains(needing attention)) tbody tr");
		assertThat(rows).hasSize(OverviewPage.TOP);
		assertThat(rows.get(0).select("th").text()).isEqualTo("Municipio 07");
		assertThat(rows.get(0).select("td").get(7).text()).as("open HIGH findings").isEqualTo("2");
		assertThat(rows.get(1).select("th").text()).isEqualTo("Municipio 19");
		// then by name
		assertThat(rows.get(2).select("th").text()).isEqualTo("Municipio 01");
		assertThat(page.text()).contains("The 20 organizations with the most open HIGH findings, of 25.");
		assertThat(page.select("a[href=/?all=true]").text()).isEqualTo("See all 25 organizations");
		// the summary still counts every organization's accounts
		assertThat(page.select(".card .n").first().text()).isEqualTo(String.valueOf(ORGANIZATIONS * 2));
	}

	@Test
	void allOrganizationsAreListedByNameAndFoundByName() throws Exception {
		var all = page("/?all=true");
		var rows = all.select("table tbody tr");
		assertThat(rows).hasSize(ORGANIZATIONS);
		assertThat(rows.get(0).select("th").text()).isEqualTo("Municipio 01");
		assertThat(all.select("caption").text()).isEqualTo("All organizations, page 1 of 1");
		assertThat(all.select("label[for=organization-search]").text()).isEqualTo("Organization name");

		var found = page("/?all=true&q=" + "cipio 1");
		assertThat(found.select("table tbody tr th").eachText()).containsExactly("Municipio 10", "Municipio 11",
				"Municipio 12", "Municipio 13", "Municipio 14", "Municipio 15", "Municipio 16", "Municipio 17",
				"Municipio 18", "Municipio 19");
		assertThat(found.select("input[name=q]").attr("value")).isEqualTo("cipio 1");
		assertThat(page("/?all=true&q=nada").text()).contains("No organization matches that name.");
	}

	@Test
	void aPageBeyondTheLastShowsTheLast() throws Exception {
		assertThat(page("/?all=true&page=7").select("table tbody tr")).hasSize(ORGANIZATIONS);
	}

}
