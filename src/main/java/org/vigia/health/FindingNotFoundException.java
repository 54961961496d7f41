package org.vigia.health;

/** No finding has this id. */
public class FindingNotFoundException extends RuntimeException {

	public FindingNotFoundException(long id) {
		super("No finding has id " + id);
	}

}
