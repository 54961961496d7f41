package org.vigia.alerts;

import org.vigia.common.Visibility;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The mail outbox, newest first. */
@Service
@Transactional(readOnly = true)
public class Notifications {

	/** A mail of the outbox with its plain-text body, as the dashboard shows it. */
	public record Letter(Notification notification, String text) {
	}

	private final JdbcClient jdbc;

	private final ObjectProvider<JavaMailSender> senders;

	private final Visibility visibility;

	Notifications(JdbcClient jdbc, ObjectProvider<JavaMailSender> senders, Visibility visibility) {
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.senders = senders;
	}

	/** Whether mails can leave: SMTP is configured ({@code spring.mail.host}); otherwise they wait in the outbox. */
	public boolean deliveryConfigured() {
		return senders.getIfAvailable() != null;
	}

	private static final String SEEN = """
			(:all or exists (select 1 from alert_item i where i.notification_id = notification.id)
			         and not exists (select 1 from alert_item i join health_findings f on f.id = i.finding_id
			                         where i.notification_id = notification.id
			                           and (f.organization_id is null or f.organization_id <> all(:seen))))""";

	/** The outbox with each mail's text, newest first. */
	public Page<Letter> letters(Pageable pageable) {
		var page = list(null, pageable);
		var ids = page.getContent().stream().map(Notification::id).toList();
		Map<Long, String> texts = ids.isEmpty() ? Map.of()
				: jdbc.sql("select id, body_text from notification where id in (:ids)")
					.param("ids", ids)
					.query((rs, row) -> Map.entry(rs.getLong("id"), rs.getString("body_text")))
					.list()
					.stream()
					.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		return page.map(notification -> new Letter(notification, texts.getOrDefault(notification.id(), "")));
	}

	/**
	 * The mails the person asking may see: someone who sees every organization sees them all; anyone else only the
	 * alerts and digests about findings of organizations they see, all of them.
	 * @param status PENDING, SENT or FAILED, or null for all
	 */
	public Page<Notification> list(@Nullable String status, Pageable pageable) {
		var seen = visibility.seen();
		var where = " where " + SEEN + ((status != null) ? " and status = :status" : "");
		var query = jdbc.sql("""
				select id, kind, recipients, subject, status, attempts, last_error, message_id, created_at, sent_at
				from notification""" + where + " order by created_at desc, id desc limit :limit offset :offset")
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.param("all", seen.all())
			.param("seen", seen.array());
		var count = jdbc.sql("select count(*) from notification" + where).param("all", seen.all())
			.param("seen", seen.array());
		if (status != null) {
			query = query.param("status", status);
			count = count.param("status", status);
		}
		var content = query.query((rs, row) -> new Notification(rs.getLong("id"), rs.getString("kind"),
				List.of((String[]) rs.getArray("recipients").getArray()), rs.getString("subject"), rs.getString("status"),
				rs.getInt("attempts"), rs.getString("last_error"), rs.getString("message_id"),
				rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant()))
			.list();
		return new PageImpl<>(content, pageable, count.query(Long.class).single());
	}

}
