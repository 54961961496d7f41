package org.vigia.health;

/** What a finding says about its subject, and how serious that is. */
public enum FindingType {

	/** Silent longer than the dormant threshold. */
	DORMANT(Severity.LOW),

	/** Silent longer than the abandoned threshold. */
	ABANDONED(Severity.HIGH),

	/** Deleted, suspended, deactivated or not found. */
	GONE(Severity.HIGH),

	/** Migrated or renamed: the registry holds a stale handle. */
	MOVED(Severity.MEDIUM),

	/** Could not be checked several times in a row (an account), or most of a platform's accounts could not. */
	UNREACHABLE(Severity.MEDIUM),

	/** No unit, or neither the account nor its unit has a contact. */
	UNOWNED(Severity.MEDIUM),

	/** The same account registered twice, or one unit running two accounts on one network. */
	DUPLICATE(Severity.LOW),

	/** The profile breaks the organization's guidelines. */
	GUIDELINE(Severity.LOW),

	/** The recent posts include (almost) no replies. */
	ONE_WAY(Severity.LOW),

	/** A look-alike account outside the registry (discovery). */
	IMPERSONATION(Severity.HIGH),

	/** An account outside the registry that proves official control (discovery). */
	UNREGISTERED(Severity.MEDIUM),

	/** A citizen reported an account that scored below the look-alike threshold: for triage. */
	REPORTED(Severity.LOW),

	/** An owner says the account is no longer the institution's: taken over, or forgotten (recertification). */
	LOST_CONTROL(Severity.HIGH),

	/** An owner says two-factor authentication or the recovery address is not the institution's (recertification). */
	ACCOUNT_SECURITY(Severity.LOW),

	/** Nobody recertified the account before its round's window closed (recertification). */
	UNCERTIFIED(Severity.MEDIUM),

	/** No valid connection reaches an account that a connection reached before (connections). */
	ACCESS_LOST(Severity.HIGH),

	/** A connection that cannot be refreshed expires within 14 days (connections); about the connection. */
	CONNECTION_EXPIRING(Severity.LOW);

	private final Severity severity;

	FindingType(Severity severity) {
		this.severity = severity;
	}

	public Severity severity() {
		return this.severity;
	}

}
