package org.vigia.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.vigia.health.FindingTransition;
import org.vigia.health.FindingType;
import org.vigia.health.FindingsTransitioned;
import org.vigia.health.Severity;
import org.vigia.health.TransitionKind;

/**
 * Turns finding transitions into alert items, one per recipient, in the transaction that recorded the transitions: a
 * transition is queued for mailing exactly when it is recorded. Routing: an account's findings go to its contact, else
 * to its unit's contacts, and a unit's findings (several of its accounts on one network) to the unit's contacts; HIGH
 * ones also to the central office, as does everything nobody owns (a platform outage, an account without contacts).
 * The central office is the organization's own when it has one, else the configured recipients. HIGH findings are
 * mailed within the grouping window, the others wait for the digest; a resolution is announced to whoever was mailed
 * about the finding. Each item carries its recipient's language: the recipient's own, else the organization's, else
 * the configured one.
 */
@Component
class AlertQueue {

	/** An item to write. */
	private record Item(long transitionId, long findingId, String recipient, String kind, @Nullable Instant dueAt,
			@Nullable Long organizationId) {
	}

	private final JdbcClient jdbc;

	private final AlertsProperties properties;

	private final Clock clock;

	private final Offices offices;

	AlertQueue(JdbcClient jdbc, AlertsProperties properties, Clock clock, Offices offices) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.offices = offices;
	}

	@EventListener
	void on(FindingsTransitioned event) {
		enqueue(event.transitions());
	}

	void enqueue(List<FindingTransition> transitions) {
		var now = clock.instant();
		var owners = owners(transitions.stream().map(FindingTransition::accountId).filter(id -> id != null).toList());
		var unitOwners = unitOwners(transitions.stream()
			.filter(t -> t.accountId() == null)
			.map(FindingTransition::unitId)
			.filter(id -> id != null)
			.toList());
		var settings = offices.of(transitions.stream().map(FindingTransition::organizationId).toList());
		var resolved = transitions.stream()
			.filter(t -> t.kind() == TransitionKind.RESOLVED)
			.map(FindingTransition::findingId)
			.toList();
		var notified = notified(resolved);
		var items = new ArrayList<Item>();
		for (var transition : transitions) {
			switch (transition.kind()) {
				case OPENED, REOPENED -> {
					boolean high = transition.severity() == Severity.HIGH;
					var recipients = Routes.recipients((transition.accountId() != null)
							? owners.getOrDefault(transition.accountId(), List.of())
							: (transition.unitId() != null) ? unitOwners.getOrDefault(transition.unitId(), List.of())
									: List.of(), high || transition.type() == FindingType.UNCERTIFIED
									|| transition.type() == FindingType.CONNECTION_EXPIRING,
							offices.central(settings, transition.organizationId()));
					for (var recipient : recipients) {
						items.add(new Item(transition.id(), transition.findingId(), recipient, high ? "ALERT" : "DIGEST",
								high ? now.plus(properties.groupWindow()) : null, transition.organizationId()));
					}
				}
				case RESOLVED -> {
					var told = notified.getOrDefault(transition.findingId(), Map.of());
					told.forEach((recipient, mailed) -> items.add(new Item(transition.id(), transition.findingId(),
							recipient, mailed ? "RESOLVED" : "DIGEST", mailed ? now.plus(properties.groupWindow()) : null,
							transition.organizationId())));
				}
				default -> {
					// Acknowledgements, dismissals and evidence updates are people's business or the digest's, not a mail.
				}
			}
		}
		if (items.isEmpty()) {
			return;
		}
		var languages = offices.languages(items.stream().map(Item::recipient).toList());
		jdbc.sql("""
				insert into alert_item (transition_id, finding_id, recipient, kind, locale, created_at, due_at)
				select t.transition_id, t.finding_id, t.recipient, t.kind, t.locale, :now, t.due_at
				from unnest(:transitions::bigint[], :findings::bigint[], :recipients::text[], :kinds::text[],
				            :due::timestamptz[], :locales::text[])
				     as t(transition_id, finding_id, recipient, kind, due_at, locale)
				on conflict (transition_id, recipient) do nothing
				""")
			.param("locales", items.stream()
				.map(item -> offices.language(item.recipient(), item.organizationId(), languages, settings))
				.toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.param("transitions", items.stream().map(Item::transitionId).toArray(Long[]::new))
			.param("findings", items.stream().map(Item::findingId).toArray(Long[]::new))
			.param("recipients", items.stream().map(Item::recipient).toArray(String[]::new))
			.param("kinds", items.stream().map(Item::kind).toArray(String[]::new))
			.param("due", items.stream().map(i -> i.dueAt() == null ? null : i.dueAt().toString()).toArray(String[]::new))
			.update();
	}

	/** Each account's owners: its contact, else its unit's contacts. */
	private Map<Long, List<String>> owners(List<Long> accountIds) {
		Map<Long, List<String>> owners = new HashMap<>();
		if (accountIds.isEmpty()) {
			return owners;
		}
		jdbc.sql("""
				select a.id, a.contact_email, u.contact_emails
				from registry_accounts a left join registry_units u on u.id = a.unit_id
				where a.id = any(:ids)
				""").param("ids", accountIds.stream().distinct().toArray(Long[]::new)).query(rs -> {
			var array = rs.getArray("contact_emails");
			owners.put(rs.getLong("id"),
					Routes.owners(rs.getString("contact_email"), array == null ? null : (String[]) array.getArray()));
		});
		return owners;
	}

	/** Each unit's owners: its contacts. */
	private Map<Long, List<String>> unitOwners(List<Long> unitIds) {
		Map<Long, List<String>> owners = new HashMap<>();
		if (unitIds.isEmpty()) {
			return owners;
		}
		jdbc.sql("select id, contact_emails from registry_units unit where id = any(:ids)")
			.param("ids", unitIds.stream().distinct().toArray(Long[]::new))
			.query(rs -> {
				owners.put(rs.getLong("id"), Routes.owners(null, (String[]) rs.getArray("contact_emails").getArray()));
			});
		return owners;
	}

	/** By finding: who was told about it, and whether by an alert mail (else in a digest). */
	private Map<Long, Map<String, Boolean>> notified(List<Long> findingIds) {
		Map<Long, Map<String, Boolean>> notified = new HashMap<>();
		if (findingIds.isEmpty()) {
			return notified;
		}
		jdbc.sql("""
				select finding_id, recipient, bool_or(kind = 'ALERT' and notification_id is not null) as mailed
				from alert_item
				where finding_id = any(:ids) and kind in ('ALERT', 'DIGEST') and dropped is null
				  and (kind = 'DIGEST' or notification_id is not null)
				group by finding_id, recipient
				""").param("ids", findingIds.toArray(Long[]::new)).query(rs -> {
			notified.computeIfAbsent(rs.getLong("finding_id"), id -> new HashMap<>())
				.put(rs.getString("recipient"), rs.getBoolean("mailed"));
		});
		return notified;
	}
}
