package org.vigia.registry;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.AccountAddress;

/** The validated, normalised facts the registry holds about an account, minus its identity and lifecycle. */
record AccountDetails(Long organizationId, @Nullable Long unitId, AccountAddress address,
		@Nullable String displayName, @Nullable String contactEmail, @Nullable String purpose,
		@Nullable String language, @Nullable Integer maxSilenceDays, @Nullable String notes) {
}
