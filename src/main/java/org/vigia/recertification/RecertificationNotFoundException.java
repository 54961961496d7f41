package org.vigia.recertification;

import org.vigia.common.NotFoundException;
import org.vigia.platform.Message;

/** An organization, account or link recertification does not know. */
final class RecertificationNotFoundException extends NotFoundException {

	private static final long serialVersionUID = 1L;

	RecertificationNotFoundException(String code, Object... arguments) {
		super(Message.of(code, arguments).english(), code, arguments);
	}

}
