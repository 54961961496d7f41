package org.vigia.registry;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An institution whose official accounts Vigía watches: its name, the other names people use, and its web domains.
 * @param slug the name of its public pages ({@code /public/{slug}}), set by the database once, from the name; null
 * only on an organization not saved yet
 * @param publicDirectory whether it publishes its official accounts (off until an editor switches it on)
 */
@Table("organization")
public record Organization(@Id @Nullable Long id, String name, List<String> aliases, List<String> officialDomains,
		@ReadOnlyProperty @Nullable String slug, boolean publicDirectory, Instant createdAt, Instant updatedAt) {

	public Organization {
		aliases = List.copyOf(aliases);
		officialDomains = List.copyOf(officialDomains);
	}

	/** An organization that does not publish its directory, as callers from before the directory build it. */
	public Organization(@Nullable Long id, String name, List<String> aliases, List<String> officialDomains,
			Instant createdAt, Instant updatedAt) {
		this(id, name, aliases, officialDomains, null, false, createdAt, updatedAt);
	}

	static Organization create(OrganizationDraft draft, Instant now) {
		return new Organization(null, draft.name(), draft.aliases(), draft.officialDomains(), null,
				Boolean.TRUE.equals(draft.publicDirectory()), now, now);
	}

	Organization update(OrganizationDraft draft, Instant now) {
		var publish = (draft.publicDirectory() != null) ? draft.publicDirectory() : publicDirectory;
		return new Organization(id, draft.name(), draft.aliases(), draft.officialDomains(), slug, publish, createdAt,
				now);
	}

	Organization withId(Long id) {
		return new Organization(id, name, aliases, officialDomains, slug, publicDirectory, createdAt, updatedAt);
	}

}
