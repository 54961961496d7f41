package org.vigia.people;

import java.util.Collection;
import java.util.HashSet;

import org.vigia.common.Reach;

/**
 * What one person may do, from their grants: the organizations they may see, those they may change, and whether they
 * administer the service. A token that may only read changes nothing, whatever its owner's grants.
 * @param seen the organizations they may see
 * @param edited the organizations they may change
 * @param admin whether they administer the service (every organization, people, settings)
 */
public record Access(Reach seen, Reach edited, boolean admin) {

	/** Work no person asked for. */
	public static final Access EVERYTHING = new Access(Reach.ALL, Reach.ALL, true);

	/** A person without grants, or disabled. */
	public static final Access NOTHING = new Access(Reach.NONE, Reach.NONE, false);

	/**
	 * The access these grants give.
	 * @param writes false for a token that may only read: nothing is changed with it
	 */
	public static Access of(Collection<Grant> grants, boolean writes) {
		boolean admin = grants.stream().anyMatch(grant -> grant.role() == Role.ADMIN);
		var seen = reach(grants, Role.VIEWER);
		var edited = writes ? reach(grants, Role.EDITOR) : Reach.NONE;
		return new Access(seen, edited, admin && writes);
	}

	private static Reach reach(Collection<Grant> grants, Role least) {
		var ids = new HashSet<Long>();
		for (var grant : grants) {
			if (grant.role().compareTo(least) < 0) {
				continue;
			}
			if (grant.organizationId() == null) {
				return Reach.ALL;
			}
			ids.add(grant.organizationId());
		}
		return Reach.of(ids);
	}

}
