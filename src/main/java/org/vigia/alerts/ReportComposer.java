package org.vigia.alerts;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/**
 * Composes the weekly report: for each owner (an account's contact and its unit's contacts) the health of their active
 * accounts, and for the central recipients that of every account: how many are in each health state, the change since
 * the previous report (each week's counts are kept per recipient), the five longest silent or gone, and the share
 * recertified in the current recertification round.
 */
@Component
class ReportComposer {

	private static final Logger log = LoggerFactory.getLogger(ReportComposer.class);

	private static final int WORST = 5;

	/** An active account as the report sees it. */
	private record Row(long accountId, String state, @Nullable Instant lastActivity, String subject,
			@Nullable String displayName, Set<String> owners, long organizationId, boolean asked, boolean answered) {
	}

	private final JdbcClient jdbc;

	private final MailRenderer renderer;

	private final Outbox outbox;

	private final AlertsProperties properties;

	private final Clock clock;

	private final Offices offices;

	ReportComposer(JdbcClient jdbc, MailRenderer renderer, Outbox outbox, AlertsProperties properties, Clock clock,
			Offices offices) {
		this.offices = offices;
		this.jdbc = jdbc;
		this.renderer = renderer;
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	/** Composes this week's reports; answers how many mails were written. */
	@Transactional
	public int compose() {
		var now = clock.instant();
		var week = LocalDate.ofInstant(now, properties.zone()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		jdbc.sql("select pg_advisory_xact_lock(hashtext('vigia.alerts.report'))").query().listOfRows();
		var rows = accounts();
		var settings = offices.of(rows.stream().map(Row::organizationId).toList());
		var byRecipient = new TreeMap<String, List<Row>>();
		for (var row : rows) {
			var recipients = new LinkedHashSet<>(row.owners());
			recipients.addAll(offices.central(settings, row.organizationId()));
			recipients.forEach(recipient -> byRecipient.computeIfAbsent(recipient, r -> new ArrayList<>()).add(row));
		}
		if (byRecipient.isEmpty()) {
			return 0;
		}
		var previous = previous(byRecipient.keySet(), week);
		var languages = offices.languages(byRecipient.keySet());
		var recipients = new ArrayList<String>();
		var states = new ArrayList<String>();
		var counts = new ArrayList<Integer>();
		for (var entry : byRecipient.entrySet()) {
			var accounts = entry.getValue();
			Map<String, Integer> current = new HashMap<>();
			accounts.forEach(row -> current.merge(row.state(), 1, Integer::sum));
			var before = previous.get(entry.getKey());
			var lines = new ArrayList<Report.Count>();
			for (var state : Report.STATES) {
				int count = current.getOrDefault(state, 0);
				lines.add(new Report.Count(state, count,
						(before == null) ? null : count - before.getOrDefault(state, 0)));
				recipients.add(entry.getKey());
				states.add(state);
				counts.add(count);
			}
			Integer change = (before == null) ? null
					: accounts.size() - before.values().stream().mapToInt(Integer::intValue).sum();
			var worst = accounts.stream()
				.filter(row -> row.state().equals("GONE") || row.state().equals("ABANDONED")
						|| row.state().equals("DORMANT"))
				.sorted(Comparator.comparing((Row row) -> !row.state().equals("GONE"))
					.thenComparing(Row::lastActivity, Comparator.nullsFirst(Comparator.naturalOrder()))
					.thenComparing(Row::subject))
				.limit(WORST)
				.map(row -> new Report.Offender(row.subject(), row.displayName(), row.state(),
						(row.lastActivity() == null) ? null : Duration.between(row.lastActivity(), now).toDays()))
				.toList();
			var locale = Locale.forLanguageTag(languages.getOrDefault(entry.getKey(), properties.locale().getLanguage()));
			int asked = (int) accounts.stream().filter(Row::asked).count();
			var recertified = (asked == 0) ? null
					: new Report.Recertified(asked, (int) accounts.stream().filter(Row::answered).count());
			var rendered = renderer.report(new Report(entry.getKey(), locale, week, accounts.size(), change,
					List.copyOf(lines), worst, recertified));
			outbox.add("REPORT", entry.getKey(), locale, rendered, now);
		}
		jdbc.sql("""
				insert into report_count (recipient, week, state, accounts)
				select t.recipient, :week, t.state, t.accounts
				from unnest(:recipients::text[], :states::text[], :counts::integer[]) as t(recipient, state, accounts)
				on conflict (recipient, week, state) do update set accounts = excluded.accounts
				""")
			.param("week", week)
			.param("recipients", recipients.toArray(String[]::new))
			.param("states", states.toArray(String[]::new))
			.param("counts", counts.toArray(Integer[]::new))
			.update();
		log.info("Composed {} weekly reports on {} accounts", byRecipient.size(), rows.size());
		return byRecipient.size();
	}

	/** Every active account with its health and its owners: its contact and its unit's contacts. */
	private List<Row> accounts() {
		return jdbc.sql("""
				select h.account_id, h.state, h.last_activity_at, a.handle, a.platform, a.display_name, a.contact_email,
				       u.contact_emails, a.organization_id, c.account_id is not null as asked,
				       c.attestation_id is not null as answered
				from account_health h
				join registry_accounts a on a.id = h.account_id
				left join registry_units u on u.id = a.unit_id
				left join recertification_current_accounts c on c.account_id = a.id
				where a.status = 'ACTIVE'
				order by h.account_id
				""").query((rs, row) -> {
			var owners = new LinkedHashSet<String>();
			var contact = rs.getString("contact_email");
			if (Addresses.valid(contact)) {
				owners.add(contact.toLowerCase(Locale.ROOT));
			}
			var array = rs.getArray("contact_emails");
			if (array != null) {
				owners.addAll(Routes.owners(null, (String[]) array.getArray()));
			}
			var activity = rs.getTimestamp("last_activity_at");
			var platform = Platform.valueOf(rs.getString("platform"));
			return new Row(rs.getLong("account_id"), rs.getString("state"),
					(activity == null) ? null : activity.toInstant(), Message.of("subject.account", rs.getString("handle"), platform.label()).encode(),
					rs.getString("display_name"), owners, rs.getLong("organization_id"), rs.getBoolean("asked"),
					rs.getBoolean("answered"));
		}).list();
	}

	/** By recipient: the counts of their latest report before this week, by state. */
	private Map<String, Map<String, Integer>> previous(Set<String> recipients, LocalDate week) {
		Map<String, Map<String, Integer>> previous = new HashMap<>();
		jdbc.sql("""
				select c.recipient, c.state, c.accounts
				from report_count c
				where c.recipient = any(:recipients)
				  and c.week = (select max(p.week) from report_count p where p.recipient = c.recipient and p.week < :week)
				""")
			.param("recipients", recipients.toArray(String[]::new))
			.param("week", week)
			.query(rs -> {
				previous.computeIfAbsent(rs.getString("recipient"), r -> new HashMap<>())
					.put(rs.getString("state"), rs.getInt("accounts"));
			});
		return previous;
	}

}
