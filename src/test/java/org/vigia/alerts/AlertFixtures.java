package org.vigia.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vigia.MutableClock;

/** A registry and account states to build findings from, and the parts of received mails, for the alerts' tests. */
final class AlertFixtures {

	private final JdbcClient jdbc;

	private final MutableClock clock;

	long organization;

	AlertFixtures(JdbcClient jdbc, MutableClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void reset() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition, notification, alert_item, "
				+ "alert_reminder, report_count, alert_recipient restart identity cascade").update();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
	}

	long unit(String name, String contacts) {
		return jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, :name, :contacts::text[], now(), now()) returning id
				""").param("org", organization).param("name", name).param("contacts", contacts).query(Long.class).single();
	}

	long account(String platform, String handle, @Nullable Long unit, @Nullable String contact) {
		return account(platform, handle, unit, contact, null);
	}

	long account(String platform, String handle, @Nullable Long unit, @Nullable String contact,
			@Nullable String displayName) {
		return jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, contact_email, display_name,
				                     created_at, updated_at)
				values (:org, :unit, :platform, :handle, 'https://example.org/' || :handle, :contact, :name, now(), now())
				returning id
				""")
			.param("org", organization)
			.param("unit", unit, java.sql.Types.BIGINT)
			.param("platform", platform)
			.param("handle", handle)
			.param("contact", contact, java.sql.Types.VARCHAR)
			.param("name", displayName, java.sql.Types.VARCHAR)
			.query(Long.class)
			.single();
	}

	/** A check of the account now: its outcome, its newest post, and how many checks in a row failed. */
	void checked(long account, String outcome, Instant lastActivity, int failures) {
		jdbc.sql("""
				insert into account_state (account_id, handle, last_activity_at, last_checked_at, last_success_at,
				                           last_outcome, last_http_status, outcome_streak, consecutive_failures,
				                           next_due_at, updated_at)
				select id, handle, :activity::timestamptz, :now::timestamptz,
				       case when :failures = 0 then :now::timestamptz end, :outcome, 200, 1, :failures,
				       :now::timestamptz, :now::timestamptz
				from account where id = :id
				on conflict (account_id) do update set last_activity_at = excluded.last_activity_at,
				    last_outcome = excluded.last_outcome, last_checked_at = excluded.last_checked_at,
				    consecutive_failures = excluded.consecutive_failures,
				    last_success_at = coalesce(excluded.last_success_at, account_state.last_success_at)
				""")
			.param("id", account)
			.param("activity", lastActivity.toString())
			.param("now", clock.instant().toString())
			.param("outcome", outcome)
			.param("failures", failures)
			.update();
	}

	long finding(String type, long account) {
		return jdbc.sql("select id from finding where type = :type and account_id = :account")
			.param("type", type)
			.param("account", account)
			.query(Long.class)
			.single();
	}

	/** Received mails by recipient. */
	static Map<String, List<MimeMessage>> inboxes(MimeMessage[] received) throws Exception {
		var inboxes = new TreeMap<String, List<MimeMessage>>();
		for (var message : received) {
			for (var to : message.getAllRecipients()) {
				inboxes.computeIfAbsent(to.toString(), k -> new ArrayList<>()).add(message);
			}
		}
		return inboxes;
	}

	/** The decoded text part of a mail. */
	static String text(MimeMessage message) throws Exception {
		return part(message, "text/plain");
	}

	/** The decoded HTML part of a mail. */
	static String html(MimeMessage message) throws Exception {
		return part(message, "text/html");
	}

	private static String part(Part part, String type) throws Exception {
		if (part.isMimeType(type)) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				var found = part(body, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
