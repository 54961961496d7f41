package org.vigia.alerts;

import org.vigia.common.NotAllowedException;
import org.vigia.common.Visibility;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.common.Audited;
import org.vigia.registry.Registry;

/**
 * What people set about alerts at run time: an organization's own office (for a network of institutions, each has its
 * own), its language and quiet periods, and a recipient's language.
 */
@Service
@Transactional(readOnly = true)
public class AlertSettings {

	/** A period when an organization's mails wait, such as an electoral blackout. */
	public record QuietPeriod(Instant from, Instant until, @Nullable String reason) {
	}

	/**
	 * An organization's alert settings.
	 * @param recipients its central office, instead of the configured central recipients; empty for those
	 * @param locale the language of mails about its accounts, or null for the configured one
	 */
	public record OrganizationAlerts(long organizationId, List<String> recipients, @Nullable String locale,
			List<QuietPeriod> quietPeriods) {
	}

	/** A recipient's language, over the organization's and the configured one. */
	public record Recipient(String address, String locale) {
	}

	private final JdbcClient jdbc;

	private final Registry registry;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Visibility visibility;

	AlertSettings(JdbcClient jdbc, Registry registry, Clock clock, ApplicationEventPublisher events,
			Visibility visibility) {
		this.events = events;
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.registry = registry;
		this.clock = clock;
	}

	public OrganizationAlerts organization(long organizationId) {
		registry.organization(organizationId);
		var periods = jdbc.sql("""
				select starts_at, ends_at, reason from quiet_period where organization_id = :id order by starts_at
				""").param("id", organizationId).query((rs, row) -> new QuietPeriod(rs.getTimestamp("starts_at").toInstant(),
				rs.getTimestamp("ends_at").toInstant(), rs.getString("reason"))).list();
		return jdbc.sql("select recipients, locale from organization_alert_setting where organization_id = :id")
			.param("id", organizationId)
			.query((rs, row) -> new OrganizationAlerts(organizationId,
					List.of((String[]) rs.getArray("recipients").getArray()), rs.getString("locale"), periods))
			.optional()
			.orElseGet(() -> new OrganizationAlerts(organizationId, List.of(), null, periods));
	}

	/** Replaces the organization's alert settings. */
	@Transactional
	public OrganizationAlerts setOrganization(long organizationId, @Nullable List<String> recipients,
			@Nullable String locale, @Nullable List<QuietPeriod> quietPeriods) {
		registry.organization(organizationId);
		visibility.requireEdited(organizationId, id -> new IllegalStateException("organization " + id + " was just seen"));
		var before = organization(organizationId);
		var addresses = addresses(recipients, "recipients");
		var language = language(locale);
		var periods = (quietPeriods != null) ? quietPeriods : List.<QuietPeriod>of();
		if (periods.size() > 100) {
			throw new AlertSettingsException("problem.alerts.quietPeriods", 100, periods.size());
		}
		for (int i = 0; i < periods.size(); i++) {
			var period = periods.get(i);
			if (period == null || period.from() == null || period.until() == null) {
				throw new AlertSettingsException("problem.alerts.quietPeriod.bounds", String.valueOf(i));
			}
			if (!period.until().isAfter(period.from())) {
				throw new AlertSettingsException("problem.alerts.quietPeriod.order", String.valueOf(i),
						String.valueOf(period.until()), String.valueOf(period.from()));
			}
			if (period.reason() != null && period.reason().length() > 500) {
				throw new AlertSettingsException("problem.alerts.quietPeriod.reason", String.valueOf(i), 500);
			}
		}
		var now = Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into organization_alert_setting (organization_id, recipients, locale, updated_at)
				values (:id, :recipients, :locale, :now)
				on conflict (organization_id) do update set recipients = excluded.recipients, locale = excluded.locale,
				    updated_at = excluded.updated_at
				""")
			.param("id", organizationId)
			.param("recipients", addresses.toArray(String[]::new))
			.param("locale", language, java.sql.Types.VARCHAR)
			.param("now", now)
			.update();
		jdbc.sql("delete from quiet_period where organization_id = :id").param("id", organizationId).update();
		if (!periods.isEmpty()) {
			jdbc.sql("""
					insert into quiet_period (organization_id, starts_at, ends_at, reason)
					select :id, t.starts_at, t.ends_at, t.reason
					from unnest(:from::timestamptz[], :until::timestamptz[], :reasons::text[]) as t(starts_at, ends_at, reason)
					""")
				.param("id", organizationId)
				.param("from", periods.stream().map(p -> p.from().toString()).toArray(String[]::new))
				.param("until", periods.stream().map(p -> p.until().toString()).toArray(String[]::new))
				.param("reasons", periods.stream().map(QuietPeriod::reason).toArray(String[]::new))
				.update();
		}
		var after = organization(organizationId);
		events.publishEvent(Audited.change("settings.alerts.changed", "organization", organizationId, organizationId,
				before, after));
		return after;
	}

	/** The recipients with a language of their own: for someone who does not see every organization, those of theirs. */
	public List<Recipient> recipients() {
		var seen = visibility.seen();
		return jdbc.sql("select address, locale from alert_recipient r where " + OURS + " order by address")
			.param("all", seen.all())
			.param("reach", seen.array())
			.query((rs, row) -> new Recipient(rs.getString("address"), rs.getString("locale")))
			.list();
	}

	/** Sets the language of one recipient's mails. */
	@Transactional
	public Recipient setRecipient(String address, @Nullable String locale) {
		var normalized = addresses(List.of(address), "address").getFirst();
		requireOurs(normalized);
		var language = language(locale);
		if (language == null) {
			throw new AlertSettingsException("problem.alerts.locale.required");
		}
		jdbc.sql("""
				insert into alert_recipient (address, locale, updated_at) values (:address, :locale, :now)
				on conflict (address) do update set locale = excluded.locale, updated_at = excluded.updated_at
				""").param("address", normalized).param("locale", language).param("now", Timestamp.from(clock.instant()))
			.update();
		events.publishEvent(Audited.fact("settings.recipient.changed", "alertRecipient", normalized, null,
				java.util.Map.of("locale", language)));
		return new Recipient(normalized, language);
	}

	/** Forgets a recipient's language: the organization's or the configured one applies again. */
	@Transactional
	public void removeRecipient(String address) {
		var normalized = address.strip().toLowerCase(Locale.ROOT);
		requireOurs(normalized);
		int removed = jdbc.sql("delete from alert_recipient where address = :address")
			.param("address", normalized)
			.update();
		if (removed > 0) {
			events.publishEvent(Audited.change("settings.recipient.removed", "alertRecipient", normalized, null, null,
					null));
		}
	}

	/** An address someone reaches: everyone's for who reaches every organization, else one of their organizations'. */
	private static final String OURS = """
			(:all or exists (select 1 from organization_alert_setting s
			                 where s.organization_id = any(:reach) and r.address = any(s.recipients))
			      or exists (select 1 from registry_units u where u.organization_id = any(:reach) and r.address = any(u.contact_emails))
			      or exists (select 1 from registry_accounts a where a.organization_id = any(:reach)
			                                          and lower(a.contact_email) = r.address))""";

	private void requireOurs(String address) {
		var edited = visibility.edited();
		boolean ours = jdbc.sql("select " + OURS + " from (select cast(:address as text) as address) r")
			.param("address", address)
			.param("all", edited.all())
			.param("reach", edited.array())
			.query(Boolean.class)
			.single();
		if (!ours) {
			throw new NotAllowedException("The address is not one of the organizations you may change");
		}
	}

	private static List<String> addresses(@Nullable List<String> values, String field) {
		var addresses = new ArrayList<String>();
		if (values == null) {
			return addresses;
		}
		for (var value : values) {
			var address = (value == null) ? "" : value.strip().toLowerCase(Locale.ROOT);
			if (!Addresses.valid(address)) {
				throw new AlertSettingsException("problem.alerts.email", field, value);
			}
			if (!addresses.contains(address)) {
				addresses.add(address);
			}
		}
		if (addresses.size() > 50) {
			throw new AlertSettingsException("problem.alerts.addresses", field, 50);
		}
		return addresses;
	}

	private static @Nullable String language(@Nullable String locale) {
		if (locale == null || locale.isBlank()) {
			return null;
		}
		var language = locale.strip().toLowerCase(Locale.ROOT);
		if (!AlertsProperties.RECIPIENT_LANGUAGES.contains(language)) {
			throw new AlertSettingsException("problem.alerts.locale", locale);
		}
		return language;
	}

}
