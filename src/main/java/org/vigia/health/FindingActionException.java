package org.vigia.health;

/** An action a finding's status does not allow, or an action with invalid input. */
public class FindingActionException extends RuntimeException {

	private final boolean conflict;

	FindingActionException(String message, boolean conflict) {
		super(message);
		this.conflict = conflict;
	}

	/** Whether the finding's status is the problem (409), rather than the input (400). */
	public boolean conflict() {
		return this.conflict;
	}

}
