package org.vigia.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.health.FindingType;
import org.vigia.health.Severity;
import org.vigia.platform.Message;

/**
 * Composes the daily digest: every pending digest item, grouped per recipient and finding, and the reminders of
 * findings left OPEN longer than {@code remind-after}, one mail per recipient. A finding opened (or reopened) since the
 * last digest is listed as new if it is still OPEN; one the recipient heard of in an earlier digest is listed as
 * resolved if it resolved since. The rest is dropped with a reason: a finding resolved, acknowledged or dismissed before
 * it was ever in a digest is nobody's news. Inhibited, and dropped: a per-account UNREACHABLE while its platform is
 * unreachable as a whole, and silence (DORMANT, ABANDONED) while the account has a standing GONE or UNREACHABLE.
 */
@Component
class DigestComposer {

	private static final Logger log = LoggerFactory.getLogger(DigestComposer.class);

	/** Why a standing finding is left out of digests, as the end of a message code; null when it is not. */
	private static final String INHIBITION = """
			case when f.type = 'UNREACHABLE' and f.account_id is not null and exists (
			          select 1 from health_findings p where p.type = 'UNREACHABLE' and p.account_id is null
			                                    and p.subject_key = 'platform:' || f.platform and p.status <> 'RESOLVED')
			     then 'platform'
			     when f.type in ('DORMANT', 'ABANDONED') and exists (
			          select 1 from health_findings g where g.account_id = f.account_id and g.status <> 'RESOLVED'
			                                    and g.type in ('GONE', 'UNREACHABLE'))
			     then 'account'
			end""";

	/** A pending digest item. */
	private record Item(long id, String recipient, String locale, String transition, Finding finding, boolean told,
			@Nullable String inhibition) {
	}

	/** What the digest says about a finding. */
	private record Finding(long id, String type, String severity, String status, String subject, String summary) {
	}

	/** A finding due for a reminder, and to whom. */
	/** A finding open long enough for a reminder, with its owners. */
	private record Open(Finding finding, long days, List<String> owners, @Nullable Long organizationId) {
	}

	private record Due(Finding finding, long days, Set<String> recipients) {
	}

	/** A digest being put together. */
	private static final class Draft {

		final List<Mail.Line> opened = new ArrayList<>();

		final List<Mail.Line> resolved = new ArrayList<>();

		final List<Digest.Reminder> reminders = new ArrayList<>();

		final List<Long> items = new ArrayList<>();

		@Nullable String locale;

	}

	private static final Comparator<Mail.Line> GRAVEST_FIRST = Comparator
		.comparing((Mail.Line line) -> Severity.valueOf(line.severity()), Comparator.reverseOrder())
		.thenComparing(line -> FindingType.valueOf(line.type()))
		.thenComparing(Mail.Line::subject)
		.thenComparingLong(Mail.Line::findingId);

	private final JdbcClient jdbc;

	private final MailRenderer renderer;

	private final Outbox outbox;

	private final AlertsProperties properties;

	private final Clock clock;

	private final Offices offices;

	DigestComposer(JdbcClient jdbc, MailRenderer renderer, Outbox outbox, AlertsProperties properties, Clock clock,
			Offices offices) {
		this.offices = offices;
		this.jdbc = jdbc;
		this.renderer = renderer;
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	/** Composes today's digests; answers how many mails were written. */
	@Transactional
	public int compose() {
		var now = clock.instant();
		// One digest at a time, whoever calls: reminders are decided on what earlier digests recorded.
		jdbc.sql("select pg_advisory_xact_lock(hashtext('vigia.alerts.digest'))").query().listOfRows();
		var drafts = new TreeMap<String, Draft>();
		var dropped = new ArrayList<Long>();
		var reasons = new ArrayList<String>();
		var items = pending();
		var byFinding = new LinkedHashMap<String, List<Item>>();
		items.forEach(item -> byFinding.computeIfAbsent(item.recipient() + " " + item.finding().id(),
				key -> new ArrayList<>()).add(item));
		for (var group : byFinding.values()) {
			var first = group.getFirst();
			var finding = first.finding();
			boolean opening = group.stream().anyMatch(i -> !i.transition().equals("RESOLVED"));
			String reason = null;
			List<Mail.Line> section = null;
			var draft = drafts.computeIfAbsent(first.recipient(), r -> new Draft());
			if (finding.status().equals("RESOLVED")) {
				if (first.told()) {
					section = draft.resolved;
				}
				else {
					reason = Message.of("dropped.digest.RESOLVED").encode();
				}
			}
			else if (!finding.status().equals("OPEN")) {
				reason = Message.of("dropped.digest." + finding.status()).encode();
			}
			else if (first.inhibition() != null) {
				reason = Message.of("dropped.inhibited." + first.inhibition()).encode();
			}
			else if (opening) {
				section = draft.opened;
			}
			else {
				reason = Message.of("dropped.digest.reopened").encode();
			}
			if (section != null) {
				section.add(line(finding));
				group.forEach(item -> draft.items.add(item.id()));
				if (draft.locale == null) {
					draft.locale = first.locale();
				}
			}
			else {
				for (var item : group) {
					dropped.add(item.id());
					reasons.add(reason);
				}
			}
		}
		var reminded = new ArrayList<Long>();
		var remindedTo = new ArrayList<String>();
		for (var due : due()) {
			for (var recipient : due.recipients()) {
				var draft = drafts.computeIfAbsent(recipient, r -> new Draft());
				if (draft.opened.stream().anyMatch(line -> line.findingId() == due.finding().id())) {
					continue;
				}
				draft.reminders.add(new Digest.Reminder(line(due.finding()), due.days()));
				reminded.add(due.finding().id());
				remindedTo.add(recipient);
			}
		}
		var date = LocalDate.ofInstant(now, properties.zone());
		var languages = offices.languages(drafts.keySet());
		var notifications = new LinkedHashMap<String, Long>();
		for (var entry : drafts.entrySet()) {
			var draft = entry.getValue();
			if (draft.opened.isEmpty() && draft.resolved.isEmpty() && draft.reminders.isEmpty()) {
				continue;
			}
			draft.opened.sort(GRAVEST_FIRST);
			draft.resolved.sort(GRAVEST_FIRST);
			draft.reminders.sort(Comparator.comparingLong(Digest.Reminder::days)
				.reversed()
				.thenComparing(Digest.Reminder::line, GRAVEST_FIRST));
			// A digest of reminders only has no item to take the language from: the recipient's own, else the default.
			var locale = (draft.locale != null) ? Locale.forLanguageTag(draft.locale)
					: Locale.forLanguageTag(languages.getOrDefault(entry.getKey(), properties.locale().getLanguage()));
			var rendered = renderer.digest(new Digest(entry.getKey(), locale, date, List.copyOf(draft.opened),
					List.copyOf(draft.resolved), List.copyOf(draft.reminders)));
			long notification = outbox.add("DIGEST", entry.getKey(), locale, rendered, now);
			notifications.put(entry.getKey(), notification);
			if (!draft.items.isEmpty()) {
				jdbc.sql("update alert_item set notification_id = :notification where id = any(:ids)")
					.param("notification", notification)
					.param("ids", draft.items.toArray(Long[]::new))
					.update();
			}
		}
		if (!reminded.isEmpty()) {
			jdbc.sql("""
					insert into alert_reminder (finding_id, recipient, reminded_at, notification_id)
					select t.finding_id, t.recipient, :now, t.notification_id
					from unnest(:findings::bigint[], :recipients::text[], :notifications::bigint[])
					     as t(finding_id, recipient, notification_id)
					""")
				.param("now", Timestamp.from(now))
				.param("findings", reminded.toArray(Long[]::new))
				.param("recipients", remindedTo.toArray(String[]::new))
				.param("notifications", remindedTo.stream().map(notifications::get).toArray(Long[]::new))
				.update();
		}
		if (!dropped.isEmpty()) {
			jdbc.sql("""
					update alert_item i set dropped = t.reason
					from unnest(:ids::bigint[], :reasons::text[]) as t(id, reason) where i.id = t.id
					""").param("ids", dropped.toArray(Long[]::new)).param("reasons", reasons.toArray(String[]::new)).update();
		}
		log.info("Composed {} digests from {} items ({} dropped) and {} reminders", notifications.size(), items.size(),
				dropped.size(), reminded.size());
		return notifications.size();
	}

	/** Whether the finding's organization is in a quiet period now: its digest lines and reminders wait. */
	private static final String QUIET = """
			and not exists (select 1 from quiet_period q where q.organization_id = f.organization_id
			                                           and q.starts_at <= :now and q.ends_at > :now)
			""";

	/** Every pending digest item, locked, with its finding as it stands now. */
	private List<Item> pending() {
		return jdbc.sql("""
				select i.id, i.recipient, i.locale, t.kind as transition, f.id as finding_id, f.type, f.severity, f.status,
				       f.subject, f.summary,
				       exists (select 1 from alert_item j
				               where j.finding_id = i.finding_id and j.recipient = i.recipient
				                 and j.kind in ('ALERT', 'DIGEST') and j.notification_id is not null) as told,
				""" + INHIBITION + """
				        as inhibition
				from alert_item i
				join health_findings f on f.id = i.finding_id
				join health_finding_transitions t on t.id = i.transition_id
				where i.kind = 'DIGEST' and i.notification_id is null and i.dropped is null
				""" + QUIET + """
				order by i.recipient, i.id
				for update of i skip locked
				""").param("now", Timestamp.from(clock.instant()))
			.query((rs, row) -> new Item(rs.getLong("id"), rs.getString("recipient"), rs.getString("locale"),
					rs.getString("transition"), finding(rs), rs.getBoolean("told"), rs.getString("inhibition")))
			.list();
	}

	/**
	 * The findings OPEN for longer than the reminder period, not inhibited, each with the recipients who were not
	 * reminded of it within the period.
	 */
	private List<Due> due() {
		var now = clock.instant();
		var cutoff = Timestamp.from(now.minus(properties.remindAfter()));
		Map<Long, Set<String>> recent = new HashMap<>();
		jdbc.sql("""
				select r.finding_id, r.recipient from alert_reminder r join health_findings f on f.id = r.finding_id
				where f.status = 'OPEN' and f.opened_at <= :cutoff and r.reminded_at > :cutoff
				""").param("cutoff", cutoff).query(rs -> {
			recent.computeIfAbsent(rs.getLong("finding_id"), id -> new HashSet<>()).add(rs.getString("recipient"));
		});
		var open = jdbc.sql("""
				select f.id as finding_id, f.type, f.severity, f.status, f.subject, f.summary, f.opened_at,
				       f.account_id, f.organization_id, a.contact_email, u.contact_emails
				from health_findings f
				left join registry_accounts a on a.id = f.account_id
				left join registry_units u on u.id = coalesce(f.unit_id, a.unit_id)
				where f.status = 'OPEN' and f.opened_at <= :cutoff and (""" + INHIBITION + """
				) is null
				""" + QUIET + """
				order by f.id
				""").param("now", Timestamp.from(now)).param("cutoff", cutoff).query((rs, row) -> {
			var array = rs.getArray("contact_emails");
			// An account's owners, or a unit's for a finding about the unit (no account, no contact of its own).
			List<String> owners = Routes.owners(rs.getString("contact_email"),
					array == null ? null : (String[]) array.getArray());
			return new Open(finding(rs), Duration.between(rs.getTimestamp("opened_at").toInstant(), now).toDays(),
					owners, (rs.getObject("organization_id") == null) ? null : rs.getLong("organization_id"));
		}).list();
		// The central office of each finding's organization: its own, else the configured recipients.
		var settings = offices.of(open.stream().map(Open::organizationId).toList());
		return open.stream().map(o -> {
			var recipients = new LinkedHashSet<>(Routes.recipients(o.owners(), o.finding().severity().equals("HIGH"),
					offices.central(settings, o.organizationId())));
			recipients.removeAll(recent.getOrDefault(o.finding().id(), Set.of()));
			return new Due(o.finding(), o.days(), recipients);
		}).toList();
	}

	private static Finding finding(ResultSet rs) throws SQLException {
		return new Finding(rs.getLong("finding_id"), rs.getString("type"), rs.getString("severity"),
				rs.getString("status"), rs.getString("subject"), rs.getString("summary"));
	}

	private Mail.Line line(Finding finding) {
		return new Mail.Line(finding.id(), finding.type(), finding.severity(), finding.subject(), finding.summary(),
				outbox.link(finding.id()));
	}

}
