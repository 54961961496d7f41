package org.vigia.registry;

import java.util.List;

/** What a user says about an organization when creating or updating it; normalised by the registry. */
public record OrganizationDraft(String name, List<String> aliases, List<String> officialDomains) {

	public OrganizationDraft {
		aliases = aliases == null ? List.of() : List.copyOf(aliases);
		officialDomains = officialDomains == null ? List.of() : List.copyOf(officialDomains);
	}

}
