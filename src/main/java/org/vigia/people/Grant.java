package org.vigia.people;

import org.jspecify.annotations.Nullable;

/**
 * A role on one organization, or on all of them ({@code organizationId} null); ADMIN is always on all.
 * @param role the role
 * @param organizationId the organization, or null for all
 */
public record Grant(Role role, @Nullable Long organizationId) {

	public Grant {
		if (role == Role.ADMIN && organizationId != null) {
			throw new InvalidPersonException("people.invalid.adminGlobal", "ADMIN is granted on all organizations, not on one");
		}
	}

	/** The role on every organization. */
	public static Grant global(Role role) {
		return new Grant(role, null);
	}

}
