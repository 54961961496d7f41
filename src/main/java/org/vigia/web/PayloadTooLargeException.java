package org.vigia.web;

/** A request body over the size the call accepts. */
class PayloadTooLargeException extends RuntimeException {

	PayloadTooLargeException(String message) {
		super(message);
	}

}
