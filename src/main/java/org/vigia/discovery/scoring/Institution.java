package org.vigia.discovery.scoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The institution candidates are scored against: its names (the official one and the aliases people use, such as
 * "Ayto. de Madrid"), the web domains it controls, its registered accounts, and the namesakes it has vouched for
 * (handle to the reason they are known not to be impersonators, e.g. "the football club, not us").
 */
public record Institution(String name, List<String> aliases, List<String> officialDomains,
		List<Identity> officialAccounts, Map<String, String> allowlist) {

	public Institution {
		Objects.requireNonNull(name, "name");
		aliases = (aliases == null) ? List.of() : List.copyOf(aliases);
		officialDomains = (officialDomains == null) ? List.of() : List.copyOf(officialDomains);
		officialAccounts = (officialAccounts == null) ? List.of() : List.copyOf(officialAccounts);
		allowlist = (allowlist == null) ? Map.of() : Map.copyOf(allowlist);
	}

	/** An institution with no allowlisted namesakes. */
	public Institution(String name, List<String> aliases, List<String> officialDomains,
			List<Identity> officialAccounts) {
		this(name, aliases, officialDomains, officialAccounts, Map.of());
	}

}
