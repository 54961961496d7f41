package org.vigia.registry;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A functional area of an organization (press office, culture, tourism) that owns accounts and answers for them.
 * @param managesManyAccounts whether it runs many accounts on one network by design (a press office managing every
 * municipal account), which is then no finding
 */
@Table("unit")
public record Unit(@Id @Nullable Long id, Long organizationId, String name, List<String> contactEmails,
		boolean managesManyAccounts, Instant createdAt, Instant updatedAt) {

	public Unit {
		contactEmails = List.copyOf(contactEmails);
	}

	static Unit create(Long organizationId, String name, List<String> contactEmails, boolean managesManyAccounts,
			Instant now) {
		return new Unit(null, organizationId, name, contactEmails, managesManyAccounts, now, now);
	}

	Unit update(Long organizationId, String name, List<String> contactEmails, boolean managesManyAccounts,
			Instant now) {
		return new Unit(id, organizationId, name, contactEmails, managesManyAccounts, createdAt, now);
	}

	Unit withId(Long id) {
		return new Unit(id, organizationId, name, contactEmails, managesManyAccounts, createdAt, updatedAt);
	}

}
