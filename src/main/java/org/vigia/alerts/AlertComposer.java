package org.vigia.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.Message;

/**
 * Composes the due alert items into mails, one per recipient: an item is due when its grouping window has passed, and
 * takes with it every other pending item of its recipient, so that ten accounts gone at once are one mail. Items whose
 * finding is no longer open are dropped (nobody needs to hear about it, nor about its resolution), and so are silence
 * alerts for an account with a standing GONE or UNREACHABLE finding (inhibited: the graver finding says it all).
 * Items about an organization in a quiet period wait until it ends.
 */
@Component
class AlertComposer {

	private static final Logger log = LoggerFactory.getLogger(AlertComposer.class);

	private record Pending(long id, String recipient, String kind, String locale, long findingId, String type,
			String severity, String status, String subject, String summary, boolean inhibited) {
	}

	private final JdbcClient jdbc;

	private final MailRenderer renderer;

	private final Outbox outbox;

	private final Clock clock;

	AlertComposer(JdbcClient jdbc, MailRenderer renderer, Outbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.renderer = renderer;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** Composes what is due; answers how many mails were written. */
	@Transactional
	public int compose() {
		var now = Timestamp.from(clock.instant());
		var pending = jdbc.sql("""
				select i.id, i.recipient, i.kind, i.locale, i.finding_id, f.type, f.severity, f.status, f.subject,
				       f.summary,
				       (f.type in ('DORMANT', 'ABANDONED') and exists (
				            select 1 from health_findings g where g.account_id = f.account_id and g.status <> 'RESOLVED'
				                                      and g.type in ('GONE', 'UNREACHABLE'))) as inhibited
				from alert_item i
				join health_findings f on f.id = i.finding_id
				where i.notification_id is null and i.dropped is null and i.kind in ('ALERT', 'RESOLVED')
				  -- an organization's quiet period (an electoral blackout, say): its mails wait until it ends
				  and not exists (select 1 from quiet_period q where q.organization_id = f.organization_id
				                                                 and q.starts_at <= :now and q.ends_at > :now)
				  and i.recipient in (select recipient from alert_item
				                      where notification_id is null and dropped is null and kind in ('ALERT', 'RESOLVED')
				                        and due_at <= :now)
				order by i.recipient, i.id
				for update of i skip locked
				""").param("now", now).query((rs, row) -> new Pending(rs.getLong("id"), rs.getString("recipient"),
				rs.getString("kind"), rs.getString("locale"), rs.getLong("finding_id"), rs.getString("type"),
				rs.getString("severity"), rs.getString("status"), rs.getString("subject"), rs.getString("summary"),
				rs.getBoolean("inhibited")))
			.list();
		if (pending.isEmpty()) {
			return 0;
		}
		var byRecipient = new LinkedHashMap<String, List<Pending>>();
		pending.forEach(item -> byRecipient.computeIfAbsent(item.recipient(), r -> new ArrayList<>()).add(item));
		var dropped = new ArrayList<Long>();
		var reasons = new ArrayList<String>();
		int mails = 0;
		for (var entry : byRecipient.entrySet()) {
			var alerts = new ArrayList<Mail.Line>();
			var resolved = new ArrayList<Mail.Line>();
			var included = new ArrayList<Long>();
			for (var item : entry.getValue()) {
				if (item.kind().equals("ALERT") && !item.status().equals("OPEN")) {
					dropped.add(item.id());
					reasons.add(Message.of("dropped.mailed." + item.status()).encode());
				}
				else if (item.kind().equals("ALERT") && item.inhibited()) {
					dropped.add(item.id());
					reasons.add(Message.of("dropped.inhibited.account").encode());
				}
				else {
					var line = new Mail.Line(item.findingId(), item.type(), item.severity(), item.subject(), item.summary(),
							outbox.link(item.findingId()));
					(item.kind().equals("ALERT") ? alerts : resolved).add(line);
					included.add(item.id());
				}
			}
			if (included.isEmpty()) {
				continue;
			}
			var locale = Locale.forLanguageTag(entry.getValue().getFirst().locale());
			var rendered = renderer.alert(new Mail(entry.getKey(), locale, alerts, resolved));
			long notification = outbox.add("ALERT", entry.getKey(), locale, rendered, now.toInstant());
			jdbc.sql("update alert_item set notification_id = :notification where id = any(:ids)")
				.param("notification", notification)
				.param("ids", included.toArray(Long[]::new))
				.update();
			mails++;
		}
		if (!dropped.isEmpty()) {
			jdbc.sql("""
					update alert_item i set dropped = t.reason
					from unnest(:ids::bigint[], :reasons::text[]) as t(id, reason) where i.id = t.id
					""").param("ids", dropped.toArray(Long[]::new)).param("reasons", reasons.toArray(String[]::new)).update();
		}
		log.info("Composed {} alert mails from {} items ({} dropped)", mails, pending.size(), dropped.size());
		return mails;
	}

}
