package org.vigia.recertification;

import org.vigia.common.ConflictException;
import org.vigia.platform.Message;

/** An account was answered already in this round; nothing changed. */
final class AlreadyAnsweredException extends ConflictException {

	private static final long serialVersionUID = 1L;

	AlreadyAnsweredException(String code, Object... arguments) {
		super(Message.of(code, arguments).english(), code, arguments);
	}

}
