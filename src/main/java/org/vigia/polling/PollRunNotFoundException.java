package org.vigia.polling;

/** A poll run that does not exist. */
public class PollRunNotFoundException extends RuntimeException {

	PollRunNotFoundException(long id) {
		super("There is no poll run with id " + id);
	}

}
