package org.vigia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;

/**
 * The kinds of action the audit trail records besides the registry's and people's (see {@link AuditTrailTests}):
 * settings, imports with their report, and the sign-ins of scripts, Basic and token, accepted and refused.
 */
@IntegrationTest
class AuditedActionsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void alertSettingsAreRecordedWithTheirValuesBeforeAndAfter() throws Exception {
		var started = Instant.now().minusSeconds(1);
		var organization = organization();
		mvc.perform(put("/api/organizations/{id}/alerts", organization).with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"recipients\": [\"prensa@town.example\"], \"locale\": \"gl\"}"))
			.andExpect(status().isOk());
		var address = "audit-" + UUID.randomUUID().toString().substring(0, 8) + "@town.example";
		mvc.perform(put("/api/alert-recipients/{address}", address).with(httpBasic("admin", "admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"locale\": \"eu\"}"))
			.andExpect(status().is2xxSuccessful());
		mvc.perform(delete("/api/alert-recipients/{address}", address).with(httpBasic("admin", "admin")))
			.andExpect(status().is2xxSuccessful());

		assertThat(jdbc.sql("""
				select action || ' ' || actor || ' ' || coalesce(after ->> 'locale', '-') from audit_event
				where at >= :from and action like 'settings.%' and (organization_id = :organization or object_id = :address)
				order by id
				""").param("from", Timestamp.from(started)).param("organization", organization).param("address", address)
			.query(String.class).list()).containsExactly("settings.alerts.changed editor gl",
					"settings.recipient.changed admin eu", "settings.recipient.removed admin -");
		assertThat(jdbc.sql("""
				select before ->> 'recipients' from audit_event where action = 'settings.alerts.changed'
				and organization_id = :organization and at >= :from""").param("organization", organization)
			.param("from", Timestamp.from(started)).query(String.class).single())
			.isEqualTo("[]");
	}

	@Test
	void anImportIsRecordedWithItsReport() throws Exception {
		var started = Instant.now().minusSeconds(1);
		var name = "Import town " + UUID.randomUUID().toString().substring(0, 8);
		var csv = "organization,unit,platform,handle,url,display_name,contact_email,purpose,language,max_silence_days,notes\n"
				+ name + ",,telegram,imported_" + UUID.randomUUID().toString().substring(0, 8) + ",,,,,,,\n";
		mvc.perform(post("/api/registry/import").with(httpBasic("editor", "editor"))
			.contentType("text/csv")
			.content(csv.getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk());
		var after = jdbc.sql("""
				select after::text from audit_event where action = 'registry.imported' and at >= :from and actor = 'editor'
				""").param("from", Timestamp.from(started)).query(String.class).single();
		assertThat(JsonPath.<Integer>read(after, "$.created")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(after, "$.organizationsCreated")).isEqualTo(1);
	}

	@Test
	void scriptsSignInsAreRecordedOncePerHourAndEveryRefusal() throws Exception {
		var started = Instant.now().minusSeconds(1);
		var from = "198.51.100." + (int) (Math.random() * 200 + 20);
		for (int i = 0; i < 3; i++) {
			mvc.perform(get("/api/organizations").with(httpBasic("viewer", "viewer")).with(request -> {
				request.setRemoteAddr(from);
				return request;
			})).andExpect(status().isOk());
		}
		var created = mvc.perform(post("/api/tokens").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"audit script\", \"scopes\": [\"read\"]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String token = JsonPath.read(created, "$.token");
		for (int i = 0; i < 2; i++) {
			mvc.perform(get("/api/organizations").header("Authorization", "Bearer " + token).with(request -> {
				request.setRemoteAddr(from);
				return request;
			})).andExpect(status().isOk());
		}
		mvc.perform(get("/api/organizations").header("Authorization", "Bearer vga_not-a-token").with(request -> {
			request.setRemoteAddr(from);
			return request;
		})).andExpect(status().isUnauthorized());

		List<String> signIns = jdbc.sql("""
				select action || ' ' || coalesce(actor, '-') || ' ' || (after ->> 'through') from audit_event
				where at >= :from and address = :address and action like 'signin.%' order by id
				""").param("from", Timestamp.from(started)).param("address", from).query(String.class).list();
		assertThat(signIns).containsExactly("signin.succeeded viewer basic", "signin.succeeded editor token",
				"signin.refused - token");
	}

	private long organization() throws Exception {
		var created = mvc.perform(post("/api/organizations").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Audited town " + UUID.randomUUID().toString().substring(0, 8) + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return JsonPath.<Integer>read(created, "$.id");
	}

}
