package org.vigia.health;

import org.jspecify.annotations.Nullable;

/**
 * An organization's rules for its accounts' profiles.
 * @param displayNameContainsName the display name must contain the organization's name or one of its aliases
 * @param officialLink the profile must link to one of the organization's official domains
 * @param avatar the profile must have an avatar
 * @param handlePattern a regular expression the handle must contain a match of, or null
 * @param custom whether the organization set these itself (else they are the defaults from the configuration)
 */
public record Guideline(boolean displayNameContainsName, boolean officialLink, boolean avatar,
		@Nullable String handlePattern, boolean custom) {

	static Guideline of(HealthProperties.GuidelineDefaults defaults) {
		return new Guideline(defaults.displayNameContainsName(), defaults.officialLink(), defaults.avatar(),
				defaults.handlePattern(), false);
	}

}
