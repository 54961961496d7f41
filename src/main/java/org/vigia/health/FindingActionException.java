package org.vigia.health;

import org.vigia.common.VigiaException;

/** An action a finding's status does not allow, or an action with invalid input. */
public class FindingActionException extends VigiaException {

	private final boolean conflict;

	FindingActionException(String message, boolean conflict) {
		super(message);
		this.conflict = conflict;
	}

	/** Whether the finding's status is the problem (409), rather than the input (400). */
	public boolean conflict() {
		return this.conflict;
	}

	@Override
	public Category category() {
		return conflict ? Category.CONFLICT : Category.INVALID;
	}

	@Override
	public String title() {
		return conflict ? "Not possible now" : "Invalid input";
	}

}
