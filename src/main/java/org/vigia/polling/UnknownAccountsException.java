package org.vigia.polling;

import java.util.List;

/** A poll run asked for accounts that do not exist or are archived; no run was started. */
public class UnknownAccountsException extends RuntimeException {

	private final List<Long> accountIds;

	UnknownAccountsException(List<Long> accountIds) {
		super("These accounts do not exist or are archived: " + accountIds);
		this.accountIds = List.copyOf(accountIds);
	}

	public List<Long> accountIds() {
		return accountIds;
	}

}
