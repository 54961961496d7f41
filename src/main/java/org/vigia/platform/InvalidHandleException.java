package org.vigia.platform;

/** A handle or URL that does not name an account on the platform; the message names the input and the expected form. */
public class InvalidHandleException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public InvalidHandleException(String message) {
		super(message);
	}

}
