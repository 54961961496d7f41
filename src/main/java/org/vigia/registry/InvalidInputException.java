package org.vigia.registry;

import org.vigia.platform.Message;

/**
 * A field's value Vigía cannot take, kept as a message code and its arguments so that an import report says it in
 * the reader's language; the exception's message is its English form.
 */
class InvalidInputException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient Message sentence;

	InvalidInputException(Message sentence) {
		super(sentence.english());
		this.sentence = sentence;
	}

	Message sentence() {
		return sentence;
	}

}
