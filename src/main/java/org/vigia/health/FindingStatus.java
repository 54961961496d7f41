package org.vigia.health;

/** Where a finding stands. */
public enum FindingStatus {

	/** The condition holds and nobody has looked at it yet. */
	OPEN,

	/** The condition holds and someone took it on. */
	ACKNOWLEDGED,

	/** Someone decided it is not a problem, until a date or until the evidence changes materially. */
	DISMISSED,

	/** The condition cleared; the finding reopens if it comes back. */
	RESOLVED;

	/** Whether the finding still stands (anything but resolved). */
	public boolean standing() {
		return this != RESOLVED;
	}

}
