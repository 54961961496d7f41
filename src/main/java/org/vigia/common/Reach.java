package org.vigia.common;

import java.util.Set;

/**
 * The organizations a person may reach in one way (see or change): every one, or these.
 * @param all true: every organization, present and future
 * @param ids the organizations when not all
 */
public record Reach(boolean all, Set<Long> ids) {

	/** Every organization. */
	public static final Reach ALL = new Reach(true, Set.of());

	/** No organization. */
	public static final Reach NONE = new Reach(false, Set.of());

	public Reach {
		ids = all ? Set.of() : Set.copyOf(ids);
	}

	/** These organizations only. */
	public static Reach of(Set<Long> ids) {
		return new Reach(false, ids);
	}

	public boolean contains(long organizationId) {
		return all || ids.contains(organizationId);
	}

	public boolean isEmpty() {
		return !all && ids.isEmpty();
	}

	/**
	 * The ids for a query's {@code (:all or organization_id = any(:ids))}: an array parameter keeps it one statement,
	 * whatever the number of organizations.
	 */
	public Long[] array() {
		return ids.toArray(Long[]::new);
	}

}
