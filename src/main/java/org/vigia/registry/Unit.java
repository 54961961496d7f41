package org.vigia.registry;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A functional area of an organization (press office, culture, tourism) that owns accounts and answers for them. */
@Table("unit")
public record Unit(@Id @Nullable Long id, Long organizationId, String name, List<String> contactEmails,
		Instant createdAt, Instant updatedAt) {

	public Unit {
		contactEmails = List.copyOf(contactEmails);
	}

	static Unit create(Long organizationId, String name, List<String> contactEmails, Instant now) {
		return new Unit(null, organizationId, name, contactEmails, now, now);
	}

	Unit update(Long organizationId, String name, List<String> contactEmails, Instant now) {
		return new Unit(id, organizationId, name, contactEmails, createdAt, now);
	}

	Unit withId(Long id) {
		return new Unit(id, organizationId, name, contactEmails, createdAt, updatedAt);
	}

}
