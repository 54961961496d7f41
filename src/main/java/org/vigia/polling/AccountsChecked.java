package org.vigia.polling;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Published when the checks of a batch of accounts were recorded, inside the transaction that recorded them. A poll
 * run's accounts count as done only once this transaction commits, so what listeners conclude belongs to the run.
 * @param accountIds the accounts checked, in ascending order
 * @param runId the poll run they belong to, or null for scheduled checks
 */
public record AccountsChecked(List<Long> accountIds, @Nullable Long runId) {

	public AccountsChecked {
		accountIds = List.copyOf(accountIds);
	}

}
