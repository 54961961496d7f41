package org.vigia.registry;

import org.vigia.common.NotFoundException;

/** A registry entry that does not exist. */
public class RegistryNotFoundException extends NotFoundException {

	RegistryNotFoundException(String type, long id) {
		super("There is no " + type + " with id " + id, "problem.no." + type, String.valueOf(id));
	}

}
