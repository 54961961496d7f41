package org.vigia.people;

import org.vigia.common.InvalidException;

/** A person or a token that cannot be saved as asked: an English detail for the API, a message key for pages. */
public class InvalidPersonException extends InvalidException {

	private static final long serialVersionUID = 1L;

	private final String key;

	InvalidPersonException(String key, String message, Object... arguments) {
		super(message, key, arguments);
		this.key = key;
	}

	/** The message key of the dashboard's bundles that says what is wrong. */
	public String key() {
		return key;
	}

}
