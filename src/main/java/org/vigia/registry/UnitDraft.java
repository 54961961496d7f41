package org.vigia.registry;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What a user says about a unit: its organization (by id or by name), its name and whom to write to. */
public record UnitDraft(@Nullable Long organizationId, @Nullable String organization, @Nullable String name,
		List<String> contactEmails) {

	public UnitDraft {
		contactEmails = contactEmails == null ? List.of() : List.copyOf(contactEmails);
	}

}
