package org.vigia.registry;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An institution whose official accounts Vigía watches: its name, the other names people use, and its web domains. */
@Table("organization")
public record Organization(@Id @Nullable Long id, String name, List<String> aliases, List<String> officialDomains,
		Instant createdAt, Instant updatedAt) {

	public Organization {
		aliases = List.copyOf(aliases);
		officialDomains = List.copyOf(officialDomains);
	}

	static Organization create(OrganizationDraft draft, Instant now) {
		return new Organization(null, draft.name(), draft.aliases(), draft.officialDomains(), now, now);
	}

	Organization update(OrganizationDraft draft, Instant now) {
		return new Organization(id, draft.name(), draft.aliases(), draft.officialDomains(), createdAt, now);
	}

	Organization withId(Long id) {
		return new Organization(id, name, aliases, officialDomains, createdAt, updatedAt);
	}

}
