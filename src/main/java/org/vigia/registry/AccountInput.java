package org.vigia.registry;

import org.jspecify.annotations.Nullable;

/**
 * An account as a person states it, field by field, before validation: a line of the registry CSV or the body of an
 * API call. Organization and unit are names; the API may give ids instead.
 */
public record AccountInput(@Nullable String organization, @Nullable String unit, @Nullable String platform,
		@Nullable String handle, @Nullable String url, @Nullable String displayName, @Nullable String contactEmail,
		@Nullable String purpose, @Nullable String language, @Nullable String maxSilenceDays,
		@Nullable String notes) {
}
