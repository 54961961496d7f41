package org.vigia.health;

import org.vigia.common.NotFoundException;

/** No finding has this id. */
public class FindingNotFoundException extends NotFoundException {

	public FindingNotFoundException(long id) {
		super("No finding has id " + id, "problem.noFinding", String.valueOf(id));
	}

}
