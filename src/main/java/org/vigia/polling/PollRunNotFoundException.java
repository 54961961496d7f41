package org.vigia.polling;

import org.vigia.common.NotFoundException;

/** A poll run that does not exist. */
public class PollRunNotFoundException extends NotFoundException {

	PollRunNotFoundException(long id) {
		super("There is no poll run with id " + id, "problem.noPollRun", String.valueOf(id));
	}

}
