package org.vigia.recertification;

import org.vigia.common.InvalidException;
import org.vigia.platform.Message;

/** An answer or a setting that names its bad field; nothing changed. */
final class InvalidAnswerException extends InvalidException {

	private static final long serialVersionUID = 1L;

	InvalidAnswerException(String code, Object... arguments) {
		super(Message.of(code, arguments).english(), code, arguments);
	}

}
