package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.health.HealthSweep;

/** Findings, the overview and guidelines through the API, with the roles each call needs. */
@IntegrationTest
class FindingApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HealthSweep sweep;

	long organization;

	long unit;

	long abandoned;

	long gone;

	long unowned;

	@BeforeEach
	void threeAccountsWithProblems() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition, organization_guideline "
				+ "restart identity cascade").update();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		unit = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, 'Prensa', '{prensa@villaverde.example}', now(), now()) returning id
				""").param("org", organization).query(Long.class).single();
		abandoned = account("MASTODON", "vv_cultura@social.example", unit);
		gone = account("BLUESKY", "deportes.villaverde.example", unit);
		unowned = account("TELEGRAM", "villaverde_empleo", null);
		var now = Instant.now();
		state(abandoned, "OK", now.minus(Duration.ofDays(100)));
		state(gone, "NOT_FOUND", now.minus(Duration.ofDays(3)));
		sweep.sweep();
	}

	long account(String platform, String handle, Long unitId) {
		return jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, created_at, updated_at)
				values (:org, :unit, :platform, :handle, 'https://example.org/' || :handle, now(), now()) returning id
				""")
			.param("org", organization)
			.param("unit", unitId, java.sql.Types.BIGINT)
			.param("platform", platform)
			.param("handle", handle)
			.query(Long.class)
			.single();
	}

	void state(long account, String outcome, Instant lastActivity) {
		jdbc.sql("""
				insert into account_state (account_id, handle, last_activity_at, last_checked_at, last_success_at,
				                           last_outcome, last_http_status, outcome_streak, next_due_at, updated_at)
				select id, handle, :activity::timestamptz, now(), now(), :outcome, 200, 1, now(), now()
				from account where id = :id
				""").param("id", account).param("activity", lastActivity.toString()).param("outcome", outcome).update();
	}

	long findingId(String type) {
		return jdbc.sql("select id from finding where type = :type").param("type", type).query(Long.class).single();
	}

	@Test
	void findingsAreListedWithFilters() throws Exception {
		mvc.perform(get("/api/findings").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(3))
			// the gravest first
			.andExpect(jsonPath("$.content[0].severity").value("HIGH"))
			.andExpect(jsonPath("$.content[2].type").value("UNOWNED"));
		mvc.perform(get("/api/findings?type=GONE").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].accountId").value(gone))
			.andExpect(jsonPath("$.content[0].status").value("OPEN"))
			.andExpect(jsonPath("$.content[0].platform").value("bluesky"))
			.andExpect(jsonPath("$.content[0].subject").value("deportes.villaverde.example on Bluesky"))
			.andExpect(jsonPath("$.content[0].summary").value(containsString("Bluesky says the account does not exist")))
			.andExpect(jsonPath("$.content[0].evidence.outcome").value("NOT_FOUND"))
			.andExpect(jsonPath("$.content[0].openedAt").exists());
		mvc.perform(get("/api/findings?severity=high&status=open,acknowledged").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.page.totalElements").value(2));
		mvc.perform(get("/api/findings?platform=mastodon").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].type").value("ABANDONED"))
			.andExpect(jsonPath("$.content[0].summary").value("No public post for 100 days; the limit for accounts is 90"));
		mvc.perform(get("/api/findings?unitId=" + unit).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.page.totalElements").value(2));
		mvc.perform(get("/api/findings?accountId=" + unowned).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.content[0].type").value("UNOWNED"))
			.andExpect(jsonPath("$.content[0].evidence.reason").value("NO_UNIT"));
		mvc.perform(get("/api/findings?organizationId=" + organization + "&type=GONE,ABANDONED")
			.with(httpBasic("viewer", "viewer"))).andExpect(jsonPath("$.page.totalElements").value(2));
		mvc.perform(get("/api/findings?type=SILENT").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("'SILENT' is not a valid value for type")));
		mvc.perform(get("/api/findings")).andExpect(status().isUnauthorized());
	}

	@Test
	void editorsAcknowledgeDismissAndReopenAndTheHistoryShowsWho() throws Exception {
		long id = findingId("ABANDONED");
		mvc.perform(post("/api/findings/" + id + "/acknowledge").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/findings/" + id + "/acknowledge").with(httpBasic("editor", "editor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ACKNOWLEDGED"));
		mvc.perform(post("/api/findings/" + id + "/dismiss").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("A dismissal needs a reason"));
		var until = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		mvc.perform(post("/api/findings/" + id + "/dismiss").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"Summer break\", \"until\": \"" + until + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DISMISSED"))
			.andExpect(jsonPath("$.dismissReason").value("Summer break"))
			.andExpect(jsonPath("$.dismissedUntil").value(until.toString()));
		mvc.perform(post("/api/findings/" + id + "/reopen").with(httpBasic("admin", "admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("OPEN"));
		mvc.perform(get("/api/findings/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("ABANDONED"))
			.andExpect(jsonPath("$.history.length()").value(4))
			.andExpect(jsonPath("$.history[0].kind").value("REOPENED"))
			.andExpect(jsonPath("$.history[0].actor").value("admin"))
			.andExpect(jsonPath("$.history[1].kind").value("DISMISSED"))
			.andExpect(jsonPath("$.history[1].reason").value("Summer break"))
			.andExpect(jsonPath("$.history[2].kind").value("ACKNOWLEDGED"))
			.andExpect(jsonPath("$.history[3].kind").value("OPENED"))
			.andExpect(jsonPath("$.history[3].actor").value("vigia"));
		mvc.perform(get("/api/findings/424242").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("No finding has id 424242"));
	}

	@Test
	void aResolvedFindingCannotBeActedOn() throws Exception {
		jdbc.sql("update account_state set last_outcome = 'OK', last_activity_at = now() where account_id = :id")
			.param("id", gone)
			.update();
		sweep.sweep();
		long id = findingId("GONE");
		mvc.perform(get("/api/findings/" + id).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.status").value("RESOLVED"))
			.andExpect(jsonPath("$.resolvedAt").exists())
			.andExpect(jsonPath("$.history[0].kind").value("RESOLVED"))
			.andExpect(jsonPath("$.history[0].reason").value("the condition cleared"));
		mvc.perform(post("/api/findings/" + id + "/dismiss").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"x\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("is resolved")));
	}

	@Test
	void theAccountsHealthAgreesWithItsFindings() throws Exception {
		mvc.perform(get("/api/accounts/" + abandoned).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.state").value("ABANDONED"))
			.andExpect(jsonPath("$.health.silentDays").value(100))
			.andExpect(jsonPath("$.health.lastOutcome").value("OK"))
			.andExpect(jsonPath("$.health.findings").value(hasItem("ABANDONED")));
		mvc.perform(get("/api/accounts/" + gone).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.state").value("GONE"));
		mvc.perform(get("/api/accounts?unitId=" + unit).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.content[0].health.state").value("ABANDONED"))
			.andExpect(jsonPath("$.content[1].health.state").value("GONE"));
		mvc.perform(get("/api/accounts/" + unowned).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.health.state").value("UNKNOWN"))
			.andExpect(jsonPath("$.health.findings[0]").value("UNOWNED"));
	}

	@Test
	void theOverviewCountsAccountsAndFindingsPerOrganizationAndUnit() throws Exception {
		mvc.perform(get("/api/overview").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total.accounts").value(3))
			.andExpect(jsonPath("$.total.openFindings.GONE").value(1))
			.andExpect(jsonPath("$.organizations[0].name").value("Villaverde"))
			.andExpect(jsonPath("$.organizations[0].accounts").value(3))
			.andExpect(jsonPath("$.organizations[0].byState.ABANDONED").value(1))
			.andExpect(jsonPath("$.organizations[0].byState.GONE").value(1))
			.andExpect(jsonPath("$.organizations[0].byState.UNKNOWN").value(1))
			.andExpect(jsonPath("$.organizations[0].byPlatform.mastodon").value(1))
			.andExpect(jsonPath("$.organizations[0].openFindings.UNOWNED").value(1))
			.andExpect(jsonPath("$.organizations[0].ownedShare").value(2.0 / 3))
			.andExpect(jsonPath("$.organizations[0].medianSilentDays").value(51.5))
			.andExpect(jsonPath("$.organizations[0].units.length()").value(2))
			.andExpect(jsonPath("$.organizations[0].units[0].name").value("(no unit)"))
			.andExpect(jsonPath("$.organizations[0].units[1].name").value("Prensa"))
			.andExpect(jsonPath("$.organizations[0].units[1].accounts").value(2))
			.andExpect(jsonPath("$.organizations[0].units[1].ownedShare").value(1.0))
			.andExpect(jsonPath("$.organizations[0].units[1].openFindings.ABANDONED").value(1));
	}

	@Test
	void organizationsSetTheirGuidelinesAndTheRulesApplyThem() throws Exception {
		mvc.perform(get("/api/organizations/" + organization + "/guidelines").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.avatar").value(true))
			.andExpect(jsonPath("$.custom").value(false));
		mvc.perform(put("/api/organizations/" + organization + "/guidelines").with(httpBasic("viewer", "viewer"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"handlePattern\": \"^vv_\"}")).andExpect(status().isForbidden());
		mvc.perform(put("/api/organizations/" + organization + "/guidelines").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"handlePattern\": \"([\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("handlePattern is not a regular expression")));
		mvc.perform(put("/api/organizations/" + organization + "/guidelines").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"handlePattern\": \"^vv_\", \"avatar\": false}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.handlePattern").value("^vv_"))
			.andExpect(jsonPath("$.custom").value(true));
		sweep.sweep();
		mvc.perform(get("/api/findings?type=GUIDELINE").with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].accountId").value(unowned))
			.andExpect(jsonPath("$.content[0].summary").value("Breaks a guideline: the handle does not match ^vv_"));
		mvc.perform(delete("/api/organizations/" + organization + "/guidelines").with(httpBasic("editor", "editor")))
			.andExpect(jsonPath("$.custom").value(false));
		mvc.perform(get("/api/organizations/999/guidelines").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNotFound());
	}

	@Test
	void everyTriageActionIsInTheAuditTrailWithWhoAndTheStatusBeforeAndAfter() throws Exception {
		long id = findingId("ABANDONED");
		// Finding ids restart with each test's truncation and the trail is append-only: only what follows counts.
		long mark = jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
		mvc.perform(post("/api/findings/" + id + "/acknowledge").with(httpBasic("editor", "editor")))
			.andExpect(status().isOk());
		mvc.perform(post("/api/findings/" + id + "/dismiss").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"Closed on purpose, announced on the web\"}"))
			.andExpect(status().isOk());
		mvc.perform(post("/api/findings/" + id + "/reopen").with(httpBasic("editor", "editor")))
			.andExpect(status().isOk());
		var trail = jdbc.sql("""
				select action, actor, before ->> 'status' as before, after ->> 'status' as after, organization_id
				from audit_event where object_type = 'finding' and object_id = :id and id > :mark
				order by id
				""").param("id", Long.toString(id)).param("mark", mark).query((rs, n) -> List.of(rs.getString("action"), rs.getString("actor"),
						rs.getString("before"), rs.getString("after"), rs.getLong("organization_id"))).list();
		assertThat(trail).containsExactly(
				List.of("finding.acknowledged", "editor", "OPEN", "ACKNOWLEDGED", organization),
				List.of("finding.dismissed", "editor", "ACKNOWLEDGED", "DISMISSED", organization),
				List.of("finding.reopened", "editor", "DISMISSED", "OPEN", organization));
	}

}
