package org.vigia.publication;

import org.vigia.platform.Message;

/** An input of the public API or pages that names no account, or that a call needs and did not get. */
class PublicInputException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient Message sentence;

	PublicInputException(Message sentence) {
		super(sentence.english());
		this.sentence = sentence;
	}

	/** What was wrong, for the caller's language. */
	Message sentence() {
		return sentence;
	}

}
