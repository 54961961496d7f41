package org.vigia.registry;

import java.util.List;

/**
 * Published inside the transaction that registered, edited, archived, restored or imported accounts, so that what
 * other modules keep about them (the overview's health snapshot) changes with them: one event per change, however many
 * accounts it touched.
 * @param accountIds the accounts registered or changed, in ascending order
 */
public record AccountsChanged(List<Long> accountIds) {

	public AccountsChanged {
		accountIds = List.copyOf(accountIds);
	}

}
