package org.vigia.discovery.permutation;

import java.util.Objects;

/**
 * A look-alike handle worth probing for existence.
 * @param handle the canonical handle on the official account's platform ({@code name@server} on Mastodon, a domain
 * name on Bluesky)
 * @param family how it was derived from the official handle
 * @param detail what was changed, for people reading the evidence, such as {@code 'o' replaced by '0'}
 * @param likelihood how likely an impersonator or a typo produces it, in (0, 1]; it orders probing, it is not a
 * probability
 */
public record Permutation(String handle, PermutationFamily family, String detail, double likelihood) {

	public Permutation {
		Objects.requireNonNull(handle, "handle");
		Objects.requireNonNull(family, "family");
		Objects.requireNonNull(detail, "detail");
		if (handle.isBlank()) {
			throw new IllegalArgumentException("handle must not be blank");
		}
		if (!(likelihood > 0 && likelihood <= 1)) {
			throw new IllegalArgumentException("likelihood must be in (0, 1], was " + likelihood);
		}
	}

}
