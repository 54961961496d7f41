package org.vigia.people;

import org.vigia.common.NotFoundException;

/** A person, or a token, that does not exist (or that the one asking may not see). */
public class PersonNotFoundException extends NotFoundException {

	private static final long serialVersionUID = 1L;

	public PersonNotFoundException(String what, long id) {
		super("There is no " + what + " with id " + id, "problem.no." + what, String.valueOf(id));
	}

}
