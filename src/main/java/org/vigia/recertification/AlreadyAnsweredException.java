package org.vigia.recertification;

import org.vigia.common.ConflictException;

/** An account was answered already in this round; nothing changed. */
final class AlreadyAnsweredException extends ConflictException {

	private static final long serialVersionUID = 1L;

	AlreadyAnsweredException(String message) {
		super(message);
	}

}
