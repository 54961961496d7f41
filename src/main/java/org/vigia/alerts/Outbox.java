package org.vigia.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes rendered mails into the notification outbox, each with its stable Message-ID, for the sender. */
@Component
class Outbox {

	private final JdbcClient jdbc;

	private final AlertsProperties properties;

	Outbox(JdbcClient jdbc, AlertsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Adds a pending mail; answers its id.
	 * @param kind ALERT, DIGEST or REPORT
	 */
	long add(String kind, String recipient, Locale locale, MailRenderer.Rendered rendered, Instant now) {
		return jdbc.sql("""
				insert into notification (kind, recipients, locale, subject, body_text, body_html, message_id, status,
				                          next_attempt_at, created_at)
				values (:kind, :recipients, :locale, :subject, :text, :html, :messageId, 'PENDING', :now, :now)
				returning id
				""")
			.param("kind", kind)
			.param("recipients", new String[] { recipient })
			.param("locale", locale.toLanguageTag())
			.param("subject", rendered.subject())
			.param("text", rendered.text())
			.param("html", rendered.html())
			.param("messageId", "<vigia." + UUID.randomUUID() + "@" + Addresses.domain(properties.from()) + ">")
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/** The dashboard's link to a finding. */
	String link(long findingId) {
		return properties.dashboard() + "/findings/" + findingId;
	}

}
