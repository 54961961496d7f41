package org.vigia.people;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A user of Vigía, without the password.
 * @param id its id
 * @param username the name it signs in with (compared without case)
 * @param displayName the name shown, if any
 * @param email its address, if any
 * @param enabled false: it can neither sign in nor use its tokens
 * @param source where it comes from
 * @param service true for a script or an integration, which only uses tokens
 * @param language its preferred language (en, es, ca, gl or eu), if chosen
 * @param hasPassword whether it can sign in with a password
 * @param grants its roles
 * @param createdAt when it was created
 */
public record Person(long id, String username, @Nullable String displayName, @Nullable String email, boolean enabled,
		Source source, boolean service, @Nullable String language, boolean hasPassword, List<Grant> grants,
		Instant createdAt) {

	public Person {
		grants = List.copyOf(grants);
	}

	/** Whether any of its grants is this role or a higher one. */
	public boolean has(Role role) {
		return grants.stream().anyMatch(grant -> grant.role().compareTo(role) >= 0);
	}

}
