package org.vigia.common;

import java.util.function.LongFunction;

/**
 * Which organizations the person behind the current request may see and change, from their grants (and, for an API
 * token, its scopes). Work no person asked for (scheduled jobs, the public pages) reaches every organization. Modules
 * filter what they read with {@link #seen()} in their queries, and answer "not found" for what lies outside, so that
 * nothing about another organization is revealed.
 */
public interface Visibility {

	/** No restriction: for contexts without a signed-in person. */
	Visibility EVERYTHING = new Visibility() {

		@Override
		public Reach seen() {
			return Reach.ALL;
		}

		@Override
		public Reach edited() {
			return Reach.ALL;
		}

	};

	/** The organizations the person may see. */
	Reach seen();

	/** The organizations the person may change (EDITOR, with a token that may write). */
	Reach edited();

	/**
	 * Checks that the person may see this organization.
	 * @param notFound the module's own "not found" for the object asked for, thrown when not
	 */
	default void requireSeen(long organizationId, LongFunction<? extends RuntimeException> notFound) {
		if (!seen().contains(organizationId)) {
			throw notFound.apply(organizationId);
		}
	}

	/**
	 * Checks that the person may change this organization: not found when they may not even see it, refused
	 * ({@link NotAllowedException}) when they may only see it.
	 */
	default void requireEdited(long organizationId, LongFunction<? extends RuntimeException> notFound) {
		requireSeen(organizationId, notFound);
		if (!edited().contains(organizationId)) {
			throw new NotAllowedException("You may not change organization " + organizationId);
		}
	}

	/** Checks that the person may change every organization, present and future (creating one, for instance). */
	default void requireEditsAll() {
		if (!edited().all()) {
			throw new NotAllowedException("Only an editor of every organization may do this");
		}
	}

}
