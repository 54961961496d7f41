package org.vigia.recertification;

import org.vigia.common.NotFoundException;

/** An organization, account or link recertification does not know. */
final class RecertificationNotFoundException extends NotFoundException {

	private static final long serialVersionUID = 1L;

	RecertificationNotFoundException(String message) {
		super(message);
	}

}
