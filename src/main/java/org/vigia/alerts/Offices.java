package org.vigia.alerts;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where an organization's mails go and in which language: its own office (for a network of institutions, each has
 * one) instead of the configured central recipients, and a recipient's own language over the organization's and the
 * configured one. Read set-based, for every mail kind alike.
 */
@Component
class Offices {

	/** An organization's own office and language. */
	record Office(List<String> recipients, @Nullable String locale) {
	}

	private final JdbcClient jdbc;

	private final AlertsProperties properties;

	Offices(JdbcClient jdbc, AlertsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** The settings of these organizations; those without any are absent. */
	Map<Long, Office> of(Collection<Long> organizationIds) {
		Map<Long, Office> offices = new HashMap<>();
		var ids = organizationIds.stream().filter(id -> id != null).distinct().toArray(Long[]::new);
		if (ids.length == 0) {
			return offices;
		}
		jdbc.sql("select organization_id, recipients, locale from organization_alert_setting where organization_id = any(:ids)")
			.param("ids", ids)
			.query(rs -> {
				offices.put(rs.getLong("organization_id"),
						new Office(List.of((String[]) rs.getArray("recipients").getArray()), rs.getString("locale")));
			});
		return offices;
	}

	/** The central office for an organization's findings: its own, else the configured recipients. */
	List<String> central(Map<Long, Office> offices, @Nullable Long organizationId) {
		var office = (organizationId != null) ? offices.get(organizationId) : null;
		return (office != null && !office.recipients().isEmpty()) ? office.recipients() : properties.recipients();
	}

	/** The recipients that chose a language, with it. */
	Map<String, String> languages(Collection<String> recipients) {
		Map<String, String> languages = new HashMap<>();
		if (recipients.isEmpty()) {
			return languages;
		}
		jdbc.sql("select address, locale from alert_recipient where address = any(:addresses)")
			.param("addresses", recipients.stream().distinct().toArray(String[]::new))
			.query(rs -> {
				languages.put(rs.getString("address"), rs.getString("locale"));
			});
		return languages;
	}

	/** A recipient's language for a mail about an organization (or none): theirs, the organization's, or the default. */
	String language(String recipient, @Nullable Long organizationId, Map<String, String> languages,
			Map<Long, Office> offices) {
		var own = languages.get(recipient);
		if (own != null) {
			return own;
		}
		var office = (organizationId != null) ? offices.get(organizationId) : null;
		return (office != null && office.locale() != null) ? office.locale()
				: properties.locale().getLanguage().toLowerCase(Locale.ROOT);
	}

}
