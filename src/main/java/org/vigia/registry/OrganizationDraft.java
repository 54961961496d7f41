package org.vigia.registry;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a user says about an organization when creating or updating it; normalised by the registry.
 * @param publicDirectory whether it publishes its official accounts; null keeps what it was (off for a new one)
 */
public record OrganizationDraft(String name, List<String> aliases, List<String> officialDomains,
		@Nullable Boolean publicDirectory) {

	public OrganizationDraft {
		aliases = aliases == null ? List.of() : List.copyOf(aliases);
		officialDomains = officialDomains == null ? List.of() : List.copyOf(officialDomains);
	}

	/** A draft that leaves the public directory as it is. */
	public OrganizationDraft(String name, List<String> aliases, List<String> officialDomains) {
		this(name, aliases, officialDomains, null);
	}

}
