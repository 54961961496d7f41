package org.vigia.common;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Something an auditor must be able to find later: a change to the registry, a triage action, a setting, a person, a
 * grant, a token, a connection, an import, a sign-in or a refused one. Modules publish it inside the transaction of the
 * change (an application event); the audit module writes it to its append-only trail in that same transaction, with
 * who did it and from which address when the event does not say.
 * @param action what happened, a code such as {@code account.updated} (never a sentence)
 * @param objectType the kind of object, such as {@code account}
 * @param objectId its id, if it has one
 * @param organizationId the organization it belongs to, if any
 * @param before the fields before the change (null for a creation), as a map or record Jackson can write
 * @param after the fields after the change (null for a deletion)
 * @param actor who did it, when not the one signed in (a refused sign-in's user name); null: the one signed in
 * @param address from where, when not the current request's client address
 */
public record Audited(String action, String objectType, @Nullable String objectId, @Nullable Long organizationId,
		@Nullable Object before, @Nullable Object after, @Nullable String actor, @Nullable String address) {

	/** A change by whoever is signed in, seen from the current request. */
	public static Audited change(String action, String objectType, @Nullable Object objectId,
			@Nullable Long organizationId, @Nullable Object before, @Nullable Object after) {
		return new Audited(action, objectType, objectId == null ? null : objectId.toString(), organizationId, before,
				after, null, null);
	}

	/** An event without an object state, with a few facts for the auditor. */
	public static Audited fact(String action, String objectType, @Nullable Object objectId,
			@Nullable Long organizationId, Map<String, ?> facts) {
		return change(action, objectType, objectId, organizationId, null, facts);
	}

}
