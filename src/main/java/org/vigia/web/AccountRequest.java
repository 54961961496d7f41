package org.vigia.web;

import org.jspecify.annotations.Nullable;
import org.vigia.registry.AccountInput;
import org.vigia.registry.AccountStatus;

/**
 * The body of POST and PUT /api/accounts: the registry CSV's fields, organization and unit by name or by id, and for
 * PUT optionally a status (ACTIVE restores an archived account).
 */
record AccountRequest(@Nullable Long organizationId, @Nullable String organization, @Nullable Long unitId,
		@Nullable String unit, @Nullable String platform, @Nullable String handle, @Nullable String url,
		@Nullable String displayName, @Nullable String contactEmail, @Nullable String purpose,
		@Nullable String language, @Nullable Integer maxSilenceDays, @Nullable String notes,
		@Nullable AccountStatus status) {

	AccountInput input() {
		return new AccountInput(organization, unit, platform, handle, url, displayName, contactEmail, purpose, language,
				maxSilenceDays == null ? null : maxSilenceDays.toString(), notes);
	}

}
