package org.vigia.registry;

/** A registry entry that does not exist. */
public class RegistryNotFoundException extends RuntimeException {

	RegistryNotFoundException(String type, long id) {
		super("There is no " + type + " with id " + id);
	}

}
