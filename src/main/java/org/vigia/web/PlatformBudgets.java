package org.vigia.web;

import java.math.BigDecimal;

import org.springframework.data.domain.PageRequest;
import org.vigia.platform.NetworkAllowance;
import org.vigia.registry.AccountFilter;
import org.vigia.registry.AccountStatus;
import org.vigia.registry.Registry;

/** A network's allowance as the API and the connections page show it: with what the registry costs there. */
public final class PlatformBudgets {

	private PlatformBudgets() {
	}

	/**
	 * An allowance, with the registry's active accounts on the network and what checking them costs a month at the
	 * published prices.
	 */
	public record BudgetView(NetworkAllowance allowance, long accounts, BigDecimal registryMonthlyCost) {
	}

	public static BudgetView view(NetworkAllowance allowance, Registry registry) {
		long accounts = registry
			.accounts(new AccountFilter(null, null, allowance.platform(), AccountStatus.ACTIVE, null), PageRequest.of(0, 1))
			.getTotalElements();
		return new BudgetView(allowance, accounts, allowance.registryMonthlyCost(accounts));
	}

}
