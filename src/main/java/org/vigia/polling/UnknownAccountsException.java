package org.vigia.polling;

import java.util.List;
import java.util.Map;

import org.vigia.common.InvalidException;

/** A poll run asked for accounts that do not exist or are archived; no run was started. */
public class UnknownAccountsException extends InvalidException {

	private final List<Long> accountIds;

	UnknownAccountsException(List<Long> accountIds) {
		super("These accounts do not exist or are archived: " + accountIds, "problem.unknownAccounts",
				String.valueOf(accountIds));
		this.accountIds = List.copyOf(accountIds);
	}

	public List<Long> accountIds() {
		return accountIds;
	}

	@Override
	public String title() {
		return "Unknown accounts";
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("accountIds", accountIds);
	}

}
