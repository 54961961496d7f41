package org.vigia.people;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people who sign in through single sign-on (the {@code sso} registration of Spring Security's OAuth 2.0 client)
 * become users of Vigía.
 * @param grantsClaim the ID token's (or user info's) claim whose values map to grants: {@code groups} by default,
 * {@code roles} for Entra ID app roles, a dotted path such as {@code realm_access.roles} for Keycloak realm roles
 * @param usernameClaim the claim that gives the user name, {@code preferred_username} by default (then the e-mail
 * address, then the subject)
 * @param grants {@code value=ROLE} or {@code value=ROLE:organization-slug}, for example
 * {@code vigia-admins=ADMIN, town-a=EDITOR:town-a}; when set, a person's grants are those its claim maps to, again at
 * every sign-in; when empty, an administrator gives them
 */
@ConfigurationProperties("vigia.security.sso")
record SsoProperties(@DefaultValue("groups") String grantsClaim, @DefaultValue("preferred_username") String usernameClaim,
		@DefaultValue List<String> grants) {

	/** A grant a claim value maps to, the organization by its slug. */
	record Mapped(Role role, @Nullable String organizationSlug) {
	}

	SsoProperties {
		if (grantsClaim.isBlank()) {
			throw new IllegalArgumentException("vigia.security.sso.grants-claim must name a claim, such as groups");
		}
		grants = List.copyOf(grants);
		mapping(grants);
	}

	/** Claim value to the grants it gives (a value may be named more than once). */
	Map<String, List<Mapped>> mapping() {
		return mapping(grants);
	}

	private static Map<String, List<Mapped>> mapping(List<String> grants) {
		var mapping = new LinkedHashMap<String, List<Mapped>>();
		for (var entry : grants) {
			var equals = entry.lastIndexOf('=');
			if (entry.isBlank()) {
				continue;
			}
			if (equals <= 0 || equals == entry.length() - 1) {
				throw new IllegalArgumentException("vigia.security.sso.grants: '" + entry
						+ "' is not value=ROLE or value=ROLE:organization-slug");
			}
			var value = entry.substring(0, equals).strip();
			var grant = entry.substring(equals + 1).strip();
			var colon = grant.indexOf(':');
			var roleName = (colon < 0 ? grant : grant.substring(0, colon)).strip().toUpperCase(Locale.ROOT);
			var slug = colon < 0 ? null : grant.substring(colon + 1).strip();
			Role role;
			try {
				role = Role.valueOf(roleName);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("vigia.security.sso.grants: '" + entry + "' names the role '" + roleName
						+ "'; expected VIEWER, EDITOR or ADMIN");
			}
			if (slug != null && slug.isEmpty()) {
				slug = null;
			}
			if (role == Role.ADMIN && slug != null) {
				throw new IllegalArgumentException("vigia.security.sso.grants: '" + entry
						+ "': ADMIN is granted on all organizations, not on one");
			}
			mapping.computeIfAbsent(value, k -> new ArrayList<>()).add(new Mapped(role, slug));
		}
		return mapping;
	}

}
