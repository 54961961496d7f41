package org.vigia.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/**
 * What Vigía spent of a network's paid or limited allowance in the current period: X's monthly read budget, YouTube's
 * daily quota. What {@code GET /api/platforms/{network}/budget} answers and {@code /connections} shows.
 * @param platform the network
 * @param period the period counted, such as {@code 2026-12} (X, a calendar month in UTC) or {@code 2026-12-05}
 *     (YouTube, a day in Pacific time)
 * @param unit what is counted: {@code reads} (X) or {@code units} (YouTube quota units)
 * @param configured whether the credential the network needs is configured
 * @param limit the allowance for the whole period
 * @param allowedNow how much of it may be spent by now (X spreads its budget over the month)
 * @param used how much was spent
 * @param postReads of which post reads (X), 0 elsewhere
 * @param costSoFar what was spent costs at the published prices, in US dollars; zero for free allowances
 * @param estimatedMonthlyCost what a month costs at this pace, in US dollars
 * @param costPerAccountAndMonth what checking one account costs a month at the check interval, at the least (one user
 *     read per check), in US dollars: times the registry's accounts, what the registry costs
 * @param interval how often each account of the network is checked (ISO-8601), when the network has its own interval
 */
public record NetworkAllowance(Platform platform, String period, String unit, boolean configured, long limit,
		long allowedNow, long used, long postReads, BigDecimal costSoFar, BigDecimal estimatedMonthlyCost,
		BigDecimal costPerAccountAndMonth, @Nullable String interval) {

	/** What checking {@code accounts} accounts costs a month. */
	public BigDecimal registryMonthlyCost(long accounts) {
		return costPerAccountAndMonth.multiply(BigDecimal.valueOf(accounts)).setScale(2, RoundingMode.HALF_UP);
	}

	/** Whether what may be spent by now is spent: accounts wait for the next period, or the next day. */
	public boolean exhausted() {
		return configured && used >= allowedNow;
	}

	/** The networks whose allowance Vigía counts, as beans. */
	public interface Source {

		NetworkAllowance allowance();

	}

}
