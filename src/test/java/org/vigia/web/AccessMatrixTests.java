package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.vigia.IntegrationTest;
import org.vigia.health.HealthSweep;
import org.vigia.people.ApiTokens;
import org.vigia.people.Grant;
import org.vigia.people.People;
import org.vigia.people.Role;

/**
 * Access per organization, as a matrix: for each kind of person (a VIEWER of town A, an EDITOR of A, a VIEWER of all,
 * an ADMIN, and a read-only token of A's editor), every page and API call about town A and about town B answers what
 * the person's grants allow, and 404 for what they may not see, so that nothing about another town is revealed.
 * <p>
 * The towns and the people are made once for the class (a BCrypt hash per person, a sweep): the calls that change
 * anything change it to what it was (the same name, an acknowledgement) or are undone after their test. People with a
 * password call the API with a token of theirs and open the pages in a session they signed in to once, so that no
 * call pays a BCrypt check but the few that stand for HTTP Basic; their grants are read at every request either way.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests {

	private static final String PASSWORD = "a long enough password";

	/** How a person of the matrix signs in, and what they may do. */
	enum Who {

		VIEWER_OF_A(false, false, true), EDITOR_OF_A(false, true, true), VIEWER_OF_ALL(true, false, true),
		ADMIN(true, true, true), READ_TOKEN_OF_EDITOR_OF_A(false, false, false);

		final boolean seesAll;

		/** Changes town A (and, with {@link #seesAll}, every town). */
		final boolean editsA;

		/** Signs in with a password (else with a token). */
		final boolean password;

		Who(boolean seesAll, boolean editsA, boolean password) {
			this.seesAll = seesAll;
			this.editsA = editsA;
			this.password = password;
		}

		boolean sees(Town town) {
			return seesAll || town == Town.A;
		}

		boolean edits(Town town) {
			return editsA && sees(town);
		}

		/** Whether the security chain lets the person write at all (ROLE_EDITOR). */
		boolean writes() {
			return editsA;
		}

	}

	enum Town {
		A, B
	}

	/** One call about one town, by what it needs. */
	record Call(String name, boolean write, java.util.function.Function<Ids, MockHttpServletRequestBuilder> request) {

		@Override
		public String toString() {
			return name;
		}

	}

	/** The ids of one town's objects. */
	record Ids(long organization, long unit, long account, long finding, long pollRun, long discoveryRun,
			long connection, String organizationName) {
	}

	/** Calls signed with HTTP Basic (a BCrypt check each): enough to keep Basic covered. */
	private static final Set<String> BASIC = Set.of("GET /api/organizations/{id}");

	static List<Call> calls() {
		var json = MediaType.APPLICATION_JSON;
		return List.of(
				new Call("GET /api/organizations/{id}", false, t -> get("/api/organizations/" + t.organization())),
				new Call("GET /api/units/{id}", false, t -> get("/api/units/" + t.unit())),
				new Call("GET /api/units?organizationId", false, t -> get("/api/units?organizationId=" + t.organization())),
				new Call("GET /api/accounts/{id}", false, t -> get("/api/accounts/" + t.account())),
				new Call("GET /api/accounts/{id}/activity", false, t -> get("/api/accounts/" + t.account() + "/activity")),
				new Call("GET /api/findings/{id}", false, t -> get("/api/findings/" + t.finding())),
				new Call("GET /api/poll-runs/{id}", false, t -> get("/api/poll-runs/" + t.pollRun())),
				new Call("GET /api/discovery-runs/{id}", false, t -> get("/api/discovery-runs/" + t.discoveryRun())),
				new Call("GET /api/organizations/{id}/alerts", false,
						t -> get("/api/organizations/" + t.organization() + "/alerts")),
				new Call("GET /api/organizations/{id}/guidelines", false,
						t -> get("/api/organizations/" + t.organization() + "/guidelines")),
				new Call("GET /api/organizations/{id}/recertification", false,
						t -> get("/api/organizations/" + t.organization() + "/recertification")),
				new Call("GET /api/accounts/{id}/attestations", false,
						t -> get("/api/accounts/" + t.account() + "/attestations")),
				new Call("page /registry/organizations/{id}", false,
						t -> get("/registry/organizations/" + t.organization())),
				new Call("page /registry/units/{id}", false, t -> get("/registry/units/" + t.unit())),
				new Call("page /accounts/{id}", false, t -> get("/accounts/" + t.account())),
				new Call("page /findings/{id}", false, t -> get("/findings/" + t.finding())),
				new Call("page /runs/{id}", false, t -> get("/runs/" + t.pollRun())),
				new Call("page /runs/discovery/{id}", false, t -> get("/runs/discovery/" + t.discoveryRun())),
				new Call("PUT /api/organizations/{id}", true, t -> put("/api/organizations/" + t.organization())
					.contentType(json)
					.content("{\"name\": \"" + t.organizationName() + "\"}")),
				new Call("PUT /api/units/{id}", true, t -> put("/api/units/" + t.unit()).contentType(json)
					.content("{\"name\": \"Prensa\", \"contactEmails\": [\"prensa@town.example\"]}")),
				new Call("POST /api/findings/{id}/acknowledge", true,
						t -> post("/api/findings/" + t.finding() + "/acknowledge")),
				new Call("PUT /api/organizations/{id}/alerts", true,
						t -> put("/api/organizations/" + t.organization() + "/alerts").contentType(json)
							.content("{\"recipients\": [\"office@town.example\"]}")),
				new Call("PUT /api/organizations/{id}/guidelines", true,
						t -> put("/api/organizations/" + t.organization() + "/guidelines").contentType(json)
							.content("{\"displayNameContainsName\": true, \"officialLink\": false, \"avatar\": false}")),
				new Call("POST /api/poll-runs (those accounts)", true, t -> post("/api/poll-runs").contentType(json)
					.content("{\"accountIds\": [" + t.account() + "]}")),
				new Call("GET /api/recertification?organizationId (CSV export)", false,
						t -> get("/api/recertification?organizationId=" + t.organization()).accept("text/csv")),
				new Call("GET /api/connections/{id}", false, t -> get("/api/connections/" + t.connection())),
				new Call("DELETE /api/connections/{id}", true, t -> delete("/api/connections/" + t.connection())),
				new Call("POST /api/findings/{id}/reopen", true, t -> post("/api/findings/" + t.finding() + "/reopen")),
				new Call("page POST /findings/{id}/acknowledge", true,
						t -> post("/findings/" + t.finding() + "/acknowledge").with(csrf())),
				new Call("page POST /findings/{id}/reopen", true,
						t -> post("/findings/" + t.finding() + "/reopen").with(csrf())),
				new Call("page POST /registry/organizations/{id}", true,
						t -> post("/registry/organizations/" + t.organization()).with(csrf())
							.param("name", t.organizationName())),
				new Call("page POST /registry/units/{id}", true, t -> post("/registry/units/" + t.unit()).with(csrf())
					.param("name", "Prensa")
					.param("contactEmails", "prensa@town.example")),
				new Call("page POST /accounts/{id}", true, t -> post("/accounts/" + t.account()).with(csrf())
					.param("unitId", String.valueOf(t.unit()))),
				new Call("page GET /accounts/{id}/archive", false, t -> get("/accounts/" + t.account() + "/archive")),
				new Call("page POST /connections/{id}/disconnect", true,
						t -> post("/connections/" + t.connection() + "/disconnect").with(csrf())));
	}

	static Stream<org.junit.jupiter.params.provider.Arguments> matrix() {
		var rows = new ArrayList<org.junit.jupiter.params.provider.Arguments>();
		for (var who : Who.values()) {
			for (var town : Town.values()) {
				for (var call : calls()) {
					if (call.name().startsWith("page") && !who.password) {
						continue; // a token signs in API calls only
					}
					if (call.name().startsWith("POST /api/poll-runs") && who.edits(town)) {
						// Would poll the town's accounts for real; that a run starts is PollRunApiTests' business.
						continue;
					}
					if (call.name().contains("connections/{id}/disconnect") || call.name().startsWith("DELETE /api/connections")) {
						if (who.edits(town)) {
							continue; // would revoke it at the network; ConnectionsTests' business
						}
					}
					rows.add(org.junit.jupiter.params.provider.Arguments.of(who, town, call));
				}
			}
		}
		return rows.stream();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	People people;

	@Autowired
	ApiTokens tokens;

	@Autowired
	HealthSweep sweep;

	Ids a;

	Ids b;

	final java.util.Map<Who, String> names = new java.util.EnumMap<>(Who.class);

	/** A token (read and write) of each person who signs in with a password, for the API. */
	final java.util.Map<Who, String> apiTokens = new java.util.EnumMap<>(Who.class);

	/** A session of each person who signs in with a password, signed in once through the login form, for the pages. */
	final java.util.Map<Who, MockHttpSession> sessions = new java.util.EnumMap<>(Who.class);

	String readToken;

	@BeforeAll
	void twoTownsAndOnePersonOfEachKind() throws Exception {
		jdbc.sql("truncate account, unit, organization, poll_run, discovery_run, finding, finding_transition, "
				+ "organization_guideline, organization_alert_setting, quiet_period, notification, alert_item, "
				+ "connection restart identity cascade").update();
		a = town("Villaverde de Arriba");
		b = town("Villaverde de Abajo");
		sweep.sweep();
		a = withFinding(a);
		b = withFinding(b);
		var suffix = UUID.randomUUID().toString().substring(0, 8);
		names.put(Who.VIEWER_OF_A, person("viewer-a-" + suffix, new Grant(Role.VIEWER, a.organization())));
		var editor = "editor-a-" + suffix;
		names.put(Who.EDITOR_OF_A, person(editor, new Grant(Role.EDITOR, a.organization())));
		names.put(Who.VIEWER_OF_ALL, person("viewer-all-" + suffix, Grant.global(Role.VIEWER)));
		names.put(Who.ADMIN, person("admin-" + suffix, Grant.global(Role.ADMIN)));
		for (var who : names.keySet()) {
			var id = people.find(names.get(who)).orElseThrow().id();
			apiTokens.put(who, tokens.create(id, "matrix", Set.of("read", "write"), null, names.get(who)).secret());
			sessions.put(who, signIn(names.get(who)));
		}
		var editorId = people.find(editor).orElseThrow().id();
		readToken = tokens.create(editorId, "reads", Set.of("read"), null, editor).secret();
	}

	/** Signs in through the login form, as a browser does, and answers the session. */
	private MockHttpSession signIn(String name) throws Exception {
		var result = mvc.perform(post("/login").param("username", name).param("password", PASSWORD).with(csrf()))
			.andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).as(name).doesNotContain("error");
		return (MockHttpSession) java.util.Objects.requireNonNull(result.getRequest().getSession(false));
	}

	/** What a test of this class changed beyond what its calls change back: runs started, an account archived. */
	@AfterEach
	void undo() {
		jdbc.sql("update account set status = 'ACTIVE', archived_at = null where status <> 'ACTIVE'").update();
		jdbc.sql("delete from poll_run where id not in (:a, :b)").param("a", a.pollRun()).param("b", b.pollRun())
			.update();
		jdbc.sql("delete from discovery_run where id not in (:a, :b)").param("a", a.discoveryRun())
			.param("b", b.discoveryRun()).update();
	}

	private Ids town(String name) {
		long organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values (:name, now(), now()) returning id
				""").param("name", name).query(Long.class).single();
		long unit = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, 'Prensa', '{prensa@town.example}', now(), now()) returning id
				""").param("org", organization).query(Long.class).single();
		var handle = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
		long account = jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, created_at, updated_at)
				values (:org, :unit, 'TELEGRAM', :handle, 'https://t.me/' || :handle, now(), now()) returning id
				""").param("org", organization).param("unit", unit).param("handle", handle).query(Long.class).single();
		// Gone for days: the sweep opens a finding on it.
		jdbc.sql("""
				insert into account_state (account_id, handle, last_activity_at, last_checked_at, last_success_at,
				                           last_outcome, last_http_status, outcome_streak, next_due_at, updated_at)
				values (:id, :handle, :activity::timestamptz, now(), now(), 'NOT_FOUND', 404, 5, now(), now())
				""").param("id", account).param("handle", handle)
			.param("activity", Instant.now().minus(Duration.ofDays(3)).toString()).update();
		long pollRun = jdbc.sql("""
				insert into poll_run (status, trigger, total, started_at, finished_at)
				values ('COMPLETED', 'MANUAL', 1, now(), now()) returning id
				""").query(Long.class).single();
		jdbc.sql("insert into poll_run_account (run_id, account_id, done, outcome) values (:run, :account, true, 'OK')")
			.param("run", pollRun).param("account", account).update();
		long discoveryRun = jdbc.sql("""
				insert into discovery_run (status, trigger, total, started_at, finished_at)
				values ('COMPLETED', 'MANUAL', 1, now(), now()) returning id
				""").query(Long.class).single();
		jdbc.sql("insert into discovery_run_organization (run_id, organization_id, done) values (:run, :org, true)")
			.param("run", discoveryRun).param("org", organization).update();
		long connection = jdbc.sql("""
				insert into connection (organization_id, registration, granted_by, network_user_id, network_user_name,
				                        granted_at, state_changed_at)
				values (:org, 'meta', 'someone', :user, :name, now(), now()) returning id
				""").param("org", organization).param("user", "user-" + organization).param("name", name + " Meta")
			.query(Long.class).single();
		return new Ids(organization, unit, account, 0, pollRun, discoveryRun, connection, name);
	}

	private Ids withFinding(Ids town) {
		long finding = jdbc.sql("select id from finding where organization_id = :org order by id limit 1")
			.param("org", town.organization()).query(Long.class).single();
		// A mail about it in the outbox, which only those who see the town may read.
		long notification = jdbc.sql("""
				insert into notification (kind, recipients, locale, subject, body_text, body_html, message_id, status,
				                          next_attempt_at, created_at)
				values ('ALERT', '{office@town.example}', 'es', :subject, :subject, :subject, :messageId, 'PENDING',
				        now() + interval '1 day', now()) returning id
				""").param("subject", "Alert about " + town.organizationName())
			.param("messageId", UUID.randomUUID() + "@vigia.test").query(Long.class).single();
		jdbc.sql("""
				insert into alert_item (transition_id, finding_id, recipient, kind, locale, created_at, notification_id)
				select t.id, t.finding_id, 'office@town.example', 'ALERT', 'es', now(), :notification
				from finding_transition t where t.finding_id = :finding order by t.id limit 1
				""").param("notification", notification).param("finding", finding).update();
		return new Ids(town.organization(), town.unit(), town.account(), finding, town.pollRun(), town.discoveryRun(),
				town.connection(), town.organizationName());
	}

	private String person(String name, Grant grant) {
		people.create(new People.NewPerson(name, null, null, PASSWORD, false, List.of(grant)));
		return name;
	}

	private MockHttpServletRequestBuilder as(Who who, MockHttpServletRequestBuilder request) {
		if (!who.password) {
			return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + readToken);
		}
		var path = request.buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI();
		if (path.startsWith("/api/")) {
			return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + apiTokens.get(who));
		}
		return request.session(sessions.get(who));
	}

	/** With HTTP Basic, as scripts sign in. */
	private MockHttpServletRequestBuilder basic(Who who, MockHttpServletRequestBuilder request) {
		return request.with(httpBasic(names.get(who), PASSWORD));
	}

	private String body(Who who, MockHttpServletRequestBuilder request) throws Exception {
		var response = mvc.perform(as(who, request)).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	@ParameterizedTest(name = "{0} on town {1}: {2}")
	@MethodSource("matrix")
	void everyCallAnswersWhatTheGrantsAllowAndNotFoundForAnotherTown(Who who, Town town, Call call) throws Exception {
		var ids = (town == Town.A) ? a : b;
		int expected;
		if (call.write() && !who.writes()) {
			// No write at all: refused, yet as "not found" when the path names an object the person may not see, so
			// that a refusal reveals nothing either (the ids of a run's body are not looked at: refused alike).
			expected = (!who.sees(town) && !call.name().startsWith("POST /api/poll-runs")) ? 404 : 403;
		}
		else if (!who.sees(town)) {
			// Accounts one may not see are unknown to a run, as accounts that do not exist are: 400, not 404.
			expected = call.name().startsWith("POST /api/poll-runs") ? 400 : 404;
		}
		else if (call.write() && !who.edits(town)) {
			expected = 403;
		}
		else {
			expected = 200;
		}
		var request = call.request().apply(ids);
		request = (who.password && BASIC.contains(call.name())) ? basic(who, request) : as(who, request);
		var response = mvc.perform(request).andReturn().getResponse();
		var allowed = call.name().startsWith("page POST") ? Set.of(302) : Set.of(200, 201, 202);
		assertThat(response.getStatus()).as("%s on town %s: %s -> %s", who, town, call, response.getContentAsString())
			.isIn(expected == 200 ? allowed : Set.of(expected));
		if (expected == 404) {
			assertThat(response.getContentAsString()).doesNotContain(ids.organizationName());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("people")
	void listsShowOnlyTheTownsThePersonMaySee(Who who) throws Exception {
		var expected = who.seesAll ? 2 : 1;
		var organizations = body(who, get("/api/organizations"));
		assertThat((List<String>) JsonPath.read(organizations, "$.content[*].name")).hasSize(expected)
			.contains(a.organizationName());
		assertThat((Integer) JsonPath.read(organizations, "$.page.totalElements")).isEqualTo(expected);
		assertThat((List<Integer>) JsonPath.read(body(who, get("/api/accounts")), "$.content[*].organizationId"))
			.hasSize(expected);
		assertThat((List<Integer>) JsonPath.read(body(who, get("/api/units")), "$.content[*].id")).hasSize(expected);
		assertThat((List<Integer>) JsonPath.read(body(who, get("/api/findings")), "$.content[*].organizationId"))
			.hasSize(expected)
			.contains((int) a.organization());
		assertThat((List<Integer>) JsonPath.read(body(who, get("/api/poll-runs")), "$.content[*].id")).hasSize(expected);
		assertThat((List<Integer>) JsonPath.read(body(who, get("/api/discovery-runs")), "$.content[*].id"))
			.hasSize(expected);
		assertThat((List<Object>) JsonPath.read(body(who, get("/api/overview")), "$.organizations[*].id"))
			.hasSize(expected);
		assertThat((List<Integer>) JsonPath.read(body(who, get("/api/connections")), "$[*].organizationId"))
			.hasSize(expected)
			.contains((int) a.organization());
		assertThat((List<Object>) JsonPath.read(body(who, get("/api/connections?organizationId=" + b.organization())),
				"$[*].id"))
			.hasSize(who.seesAll ? 1 : 0);
		assertThat((List<Object>) JsonPath.read(body(who, get("/api/findings?organizationId=" + b.organization())),
				"$.content[*].id"))
			.hasSize(who.seesAll ? 1 : 0);
		var notifications = body(who, get("/api/notifications"));
		assertThat((List<Object>) JsonPath.read(notifications, "$.content[*].id")).hasSize(expected);
		assertThat(notifications).contains(a.organizationName());
		var recertification = body(who, get("/api/recertification").accept("text/csv"));
		for (var text : List.of(notifications, recertification)) {
			if (who.seesAll) {
				continue;
			}
			assertThat(text).doesNotContain(b.organizationName());
		}
		if (!who.password) {
			return; // a token signs in API calls only
		}
		for (var path : List.of("/registry", "/", "/findings", "/accounts", "/notifications", "/connections", "/runs")) {
			var page = body(who, get(path));
			if (!who.seesAll) {
				assertThat(page).as(path).doesNotContain(b.organizationName());
			}
			else if (Set.of("/registry", "/notifications", "/connections").contains(path)) {
				assertThat(page).as(path).contains(b.organizationName());
			}
		}
	}

	static Stream<Who> people() {
		return Stream.of(Who.values());
	}

	@Test
	void aRunOverBothTownsCountsOnlyWhatThePersonMaySee() throws Exception {
		long pollRun = jdbc.sql("""
				insert into poll_run (status, trigger, total, started_at) values ('RUNNING', 'MANUAL', 2, now()) returning id
				""").query(Long.class).single();
		jdbc.sql("""
				insert into poll_run_account (run_id, account_id, done, outcome)
				values (:run, :a, true, 'ERROR'), (:run, :b, false, null)
				""").param("run", pollRun).param("a", a.account()).param("b", b.account()).update();
		var own = body(Who.VIEWER_OF_A, get("/api/poll-runs/" + pollRun));
		assertThat((Integer) JsonPath.read(own, "$.total")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(own, "$.checked")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(own, "$.failed")).isEqualTo(1);
		var listed = body(Who.VIEWER_OF_A, get("/api/poll-runs"));
		assertThat((List<Integer>) JsonPath.read(listed, "$.content[?(@.id == " + pollRun + ")].total")).containsExactly(1);
		var all = body(Who.VIEWER_OF_ALL, get("/api/poll-runs/" + pollRun));
		assertThat((Integer) JsonPath.read(all, "$.total")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(all, "$.checked")).isEqualTo(1);
		// The page alike: one account of one, not one of two.
		assertThat(body(Who.VIEWER_OF_A, get("/runs/" + pollRun))).contains("1/1").doesNotContain("1/2");
		assertThat(body(Who.VIEWER_OF_ALL, get("/runs/" + pollRun))).contains("1/2");

		long discoveryRun = jdbc.sql("""
				insert into discovery_run (status, trigger, total, searches, candidates, started_at)
				values ('RUNNING', 'MANUAL', 2, 7, 5, now()) returning id
				""").query(Long.class).single();
		jdbc.sql("""
				insert into discovery_run_organization (run_id, organization_id, done, searches, candidates)
				values (:run, :a, true, 3, 2), (:run, :b, true, 4, 3)
				""").param("run", discoveryRun).param("a", a.organization()).param("b", b.organization()).update();
		var discovered = body(Who.VIEWER_OF_A, get("/api/discovery-runs/" + discoveryRun));
		assertThat((Integer) JsonPath.read(discovered, "$.total")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(discovered, "$.checked")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(discovered, "$.searches")).isEqualTo(3);
		assertThat((Integer) JsonPath.read(discovered, "$.candidates")).isEqualTo(2);
		var everything = body(Who.VIEWER_OF_ALL, get("/api/discovery-runs/" + discoveryRun));
		assertThat((Integer) JsonPath.read(everything, "$.total")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(everything, "$.checked")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(everything, "$.searches")).isEqualTo(7);
		assertThat(body(Who.VIEWER_OF_A, get("/runs/discovery/" + discoveryRun))).doesNotContain(b.organizationName());
	}

	@Test
	void aViewerOfTownAWhoTriesToExportTownBsRegistryGetsNothing() throws Exception {
		var csv = body(Who.VIEWER_OF_A, get("/api/registry/export"));
		assertThat(csv).contains("villaverde_de_arriba").doesNotContain("villaverde_de_abajo")
			.doesNotContain(b.organizationName());
		var everything = body(Who.VIEWER_OF_ALL, get("/api/registry/export"));
		assertThat(everything).contains("villaverde_de_arriba", "villaverde_de_abajo");
	}

	@Test
	void startingARunForAllMeansAllThePersonMaySee() throws Exception {
		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now() where id = :id").param("id", a.account())
			.update();
		// Town A has no active account left: "all" for its editor is nothing, and town B's account stays unpolled.
		var run = mvc.perform(as(Who.EDITOR_OF_A, post("/api/poll-runs"))).andReturn().getResponse();
		assertThat(run.getStatus()).as(run.getContentAsString()).isEqualTo(202);
		assertThat((Integer) JsonPath.read(run.getContentAsString(), "$.total")).isZero();
		var discovery = mvc.perform(as(Who.EDITOR_OF_A, post("/api/discovery-runs"))).andReturn().getResponse();
		assertThat(discovery.getStatus()).as(discovery.getContentAsString()).isEqualTo(202);
		assertThat((Integer) JsonPath.read(discovery.getContentAsString(), "$.total")).isZero();
	}

	@Test
	void anEditorOfTownAImportsTownAButNotTownB() throws Exception {
		var own = "organization,unit,platform,handle\n" + a.organizationName() + ",Prensa,telegram,arriba_nueva\n";
		var response = mvc.perform(as(Who.EDITOR_OF_A, post("/api/registry/import?dryRun=true"))
			.contentType("text/csv")
			.content(own)).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		var other = "organization,unit,platform,handle\n" + b.organizationName() + ",Prensa,telegram,abajo_nueva\n";
		var refused = mvc.perform(as(Who.EDITOR_OF_A, post("/api/registry/import")).contentType("text/csv")
			.content(other)).andReturn().getResponse();
		assertThat(refused.getStatus()).isEqualTo(422);
		assertThat(refused.getContentAsString()).contains("import.organization.notYours");
		assertThat(jdbc.sql("select count(*) from account where handle = 'abajo_nueva'").query(Integer.class).single())
			.isZero();
		// Nor may it create a town of its own.
		var created = mvc.perform(as(Who.EDITOR_OF_A, post("/api/organizations")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Villaverde del Medio\"}")).andReturn().getResponse();
		assertThat(created.getStatus()).isEqualTo(403);
	}

	@Test
	void theConfigurationsUsersKeepTheirGlobalAccess() throws Exception {
		for (var user : List.of("viewer", "editor", "admin")) {
			var organizations = mvc.perform(get("/api/organizations").with(httpBasic(user, user)))
				.andReturn().getResponse().getContentAsString();
			assertThat((Integer) JsonPath.read(organizations, "$.page.totalElements")).as(user).isEqualTo(2);
		}
		var response = mvc.perform(post("/api/findings/" + b.finding() + "/acknowledge").with(httpBasic("editor", "editor")))
			.andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
	}

}
