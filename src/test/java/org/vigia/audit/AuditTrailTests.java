package org.vigia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;

/**
 * The audit trail: registry changes with their fields before and after, people, grants, tokens and sign-ins, who did
 * them and from where; append-only but for the retention purge; read through the API and exported as CSV.
 */
@IntegrationTest
class AuditTrailTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	@Test
	void anAccountEditIsRecordedWithTheFieldsBeforeAndAfterAndWhoMadeItFromWhere() throws Exception {
		// Ids restart when other tests truncate the registry; the trail does not forget: look from now on.
		var started = java.time.Instant.now().minusSeconds(1).toString();
		var name = "Audit " + UUID.randomUUID();
		var organization = mvc.perform(post("/api/organizations").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"" + name + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		int organizationId = JsonPath.read(organization, "$.id");
		var handle = "audit" + UUID.randomUUID().toString().substring(0, 8);
		var account = mvc.perform(post("/api/accounts").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"organizationId": %d, "platform": "telegram", "handle": "%s", "displayName": "Before"}
					""".formatted(organizationId, handle)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		int accountId = JsonPath.read(account, "$.id");
		mvc.perform(put("/api/accounts/{id}", accountId).with(httpBasic("editor", "editor"))
			.with(request -> {
				request.setRemoteAddr("192.0.2.7");
				return request;
			})
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"organizationId": %d, "platform": "telegram", "handle": "%s", "displayName": "After"}
					""".formatted(organizationId, handle)))
			.andExpect(status().isOk());

		var history = mvc.perform(get("/api/audit").param("objectType", "account").param("objectId", "" + accountId)
			.param("from", started).with(httpBasic("admin", "admin")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<Map<String, Object>> events = JsonPath.read(history, "$");
		assertThat(events).extracting(event -> event.get("action")).containsExactly("account.updated", "account.created");
		var edit = events.getFirst();
		assertThat(edit).containsEntry("actor", "editor").containsEntry("address", "192.0.2.7")
			.containsEntry("organizationId", organizationId);
		assertThat(JsonPath.<String>read(history, "$[0].before.displayName")).isEqualTo("Before");
		assertThat(JsonPath.<String>read(history, "$[0].after.displayName")).isEqualTo("After");
		assertThat(JsonPath.<Object>read(history, "$[1].before")).isNull();

		mvc.perform(get("/api/audit").param("organizationId", "" + organizationId).param("actor", "EDITOR")
			.param("from", started).with(httpBasic("admin", "admin")))
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[2].action").value("organization.created"));
		mvc.perform(get("/api/audit/export").param("objectType", "account").param("objectId", "" + accountId)
			.with(httpBasic("admin", "admin")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(content().string(org.hamcrest.Matchers.startsWith("id,at,actor,address,action")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("account.updated")));
		mvc.perform(get("/api/audit").with(httpBasic("editor", "editor"))).andExpect(status().isForbidden());

		// The account page shows its history; administrators have the whole trail as a page.
		mvc.perform(get("/accounts/{id}", accountId).with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("account changed")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("fields: displayName")));
		mvc.perform(get("/admin/audit").param("objectType", "account").param("objectId", "" + accountId)
			.with(httpBasic("admin", "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("192.0.2.7")));
		mvc.perform(get("/admin/audit").with(httpBasic("editor", "editor"))).andExpect(status().isForbidden());
	}

	@Test
	void peopleGrantsTokensAndRefusedSignInsAreRecorded() throws Exception {
		var name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
		var created = mvc.perform(post("/api/users").with(httpBasic("admin", "admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username": "%s", "password": "a long enough password", "grants": [{"role": "VIEWER"}]}
					""".formatted(name)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		int id = JsonPath.read(created, "$.id");
		mvc.perform(put("/api/users/{id}", id).with(httpBasic("admin", "admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"grants\": [{\"role\": \"EDITOR\"}]}"))
			.andExpect(status().isOk());
		var token = mvc.perform(post("/api/tokens").with(httpBasic(name, "a long enough password"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"audited\", \"scopes\": [\"read\"]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String secret = JsonPath.read(token, "$.token");
		mvc.perform(get("/api/organizations").with(httpBasic(name, "not the password at all")))
			.andExpect(status().isUnauthorized());

		var events = trail.find(new AuditTrail.Filter(null, null, "user", "" + id, null, null), 0, 50);
		assertThat(events).extracting(AuditEvent::action).contains("user.created", "grants.changed");
		var grants = events.stream().filter(event -> event.action().equals("grants.changed")).findFirst().orElseThrow();
		assertThat(grants.actor()).isEqualTo("admin");
		assertThat(grants.before()).contains("VIEWER");
		assertThat(grants.after()).contains("EDITOR");
		var tokens = trail.find(new AuditTrail.Filter(name, null, "token", null, null, null), 0, 50);
		assertThat(tokens).extracting(AuditEvent::action).containsExactly("token.created");
		assertThat(tokens.getFirst().after()).contains("audited").doesNotContain(secret);
		var refused = trail.find(new AuditTrail.Filter(name, null, null, null, null, null), 0, 50)
			.stream().filter(event -> event.action().equals("signin.refused")).toList();
		assertThat(refused).hasSize(1);
		assertThat(refused.getFirst().address()).isNotBlank();
	}

	@Test
	void theTrailIsAppendOnlyButForTheRetentionPurge() {
		jdbc.sql("""
				insert into audit_event (at, actor, action, object_type, object_id)
				values (now() - interval '6 years', 'old', 'account.updated', 'account', 'purge-me')
				""").update();
		assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'someone else' where object_id = 'purge-me'")
			.update()).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_event where object_id = 'purge-me'").update())
			.hasMessageContaining("append-only");
		assertThat(trail.purge()).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_event where object_id = 'purge-me'").query(Integer.class)
			.single()).isZero();
	}

}
