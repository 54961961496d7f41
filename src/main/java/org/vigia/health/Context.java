package org.vigia.health;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vigia.platform.Platform;

/**
 * What the rules need to know beyond one account.
 * @param sameAccount by account: every active account registered for the same real account (same DID, account id,
 * channel), itself included, oldest first
 * @param units the units running several active accounts on one network, by unit and network
 * @param outages platforms where most accounts cannot be checked at once
 */
record Context(Map<Long, List<Peer>> sameAccount, Map<UnitNetwork, UnitGroup> units, Set<Platform> outages) {

	static final Context EMPTY = new Context(Map.of(), Map.of(), Set.of());

	/** Another account in a group. */
	record Peer(long accountId, String handle) {
	}

	/** A unit on a network. */
	record UnitNetwork(long unitId, Platform platform) {
	}

	/**
	 * One unit's active accounts on one network, as much of them as a finding shows: however many there are, the
	 * group holds the oldest few and a digest of all, so that its size does not grow with the unit.
	 * @param accounts how many active accounts the unit runs there
	 * @param first the oldest registrations, oldest first, at most {@link #SHOWN}
	 * @param digest a digest of every account's id: it changes when any account joins or leaves the group
	 * @param manyByDesign whether the unit runs many accounts by design (marked so in the registry)
	 */
	record UnitGroup(long unitId, long organizationId, String unitName, Platform platform, int accounts,
			List<Peer> first, String digest, boolean manyByDesign) {

		/** How many of a unit's accounts a finding lists. */
		static final int SHOWN = 20;

		UnitGroup {
			first = List.copyOf(first);
		}

	}

}
