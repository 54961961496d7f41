package org.vigia.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.vigia.common.InvalidException;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/** A query parameter of the API with a value it does not take; the detail names the parameter and the value. */
class BadParameterException extends InvalidException {

	private static final long serialVersionUID = 1L;

	BadParameterException(String code, Object... arguments) {
		super(Message.of(code, arguments).english(), code, arguments);
	}

	/** A value that is no platform's id: the parameter, the value, and the ids it takes. */
	static BadParameterException platform(String name, String value) {
		return new BadParameterException("problem.badParameter.values", name, value, Arrays.stream(Platform.values())
			.map(Platform::id)
			.collect(Collectors.joining(", ")));
	}

}
