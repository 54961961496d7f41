package org.vigia.platform;

/** What one check of an account found; only OK, NOT_FOUND, SUSPENDED, DEACTIVATED and MOVED are facts about it. */
public enum CheckOutcome {

	/** The account exists and its activity was read. */
	OK,
	/** The platform says the account does not exist. */
	NOT_FOUND,
	/** The platform suspended or took down the account. */
	SUSPENDED,
	/** The owner deactivated the account. */
	DEACTIVATED,
	/** The account migrated or was renamed; {@link CheckResult#movedTo()} names where. */
	MOVED,
	/** The platform asked us to slow down; nothing was learnt about the account. */
	RATE_LIMITED,
	/** The check failed (timeout, server error, malformed answer, blocked address); nothing was learnt. */
	ERROR,
	/** Vigía has no adapter for this network yet. */
	UNSUPPORTED,
	/**
	 * Vigía chose not to read the account now, to stay within a paid or limited allowance (X's monthly read budget,
	 * YouTube's daily quota): nothing was learnt, and nothing failed.
	 */
	SKIPPED;

	/** Whether the check learnt something about the account, as opposed to failing. */
	public boolean isEvidence() {
		return this == OK || this == NOT_FOUND || this == SUSPENDED || this == DEACTIVATED || this == MOVED;
	}

}
