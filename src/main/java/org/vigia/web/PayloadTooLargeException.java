package org.vigia.web;

/** A request body over the size the call accepts. */
class PayloadTooLargeException extends RuntimeException {

	private final long max;

	/** @param max the largest file taken, in bytes */
	PayloadTooLargeException(long max) {
		super("The registry file is larger than " + max + " bytes; split it or raise vigia.registry.import-max-size");
		this.max = max;
	}

	long max() {
		return max;
	}

}
