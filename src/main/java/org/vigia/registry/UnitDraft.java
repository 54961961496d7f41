package org.vigia.registry;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a user says about a unit: its organization (by id or by name), its name and whom to write to.
 * @param managesManyAccounts whether it runs many accounts on one network by design; null keeps what the unit says
 * (false for a new unit)
 */
public record UnitDraft(@Nullable Long organizationId, @Nullable String organization, @Nullable String name,
		List<String> contactEmails, @Nullable Boolean managesManyAccounts) {

	public UnitDraft {
		contactEmails = contactEmails == null ? List.of() : List.copyOf(contactEmails);
	}

}
