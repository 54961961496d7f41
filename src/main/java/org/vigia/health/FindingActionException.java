package org.vigia.health;

import org.jspecify.annotations.Nullable;

import org.vigia.common.VigiaException;
import org.vigia.platform.Message;

/** An action a finding's status does not allow, or an action with invalid input. */
public class FindingActionException extends VigiaException {

	private final boolean conflict;

	FindingActionException(boolean conflict, String code, Object... arguments) {
		super(Message.of(code, arguments).english(), code, arguments);
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

	@Override
	public @Nullable String titleCode() {
		return conflict ? "problem.title.notPossibleNow" : null;
	}

}
