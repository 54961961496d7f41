package org.vigia.discovery;

import java.util.List;

/** A discovery run asked for organizations that do not exist; nothing was started. */
public class UnknownOrganizationsException extends RuntimeException {

	private final List<Long> ids;

	UnknownOrganizationsException(List<Long> ids) {
		super("There is no organization with id " + ids.stream().map(String::valueOf)
			.reduce((a, b) -> a + ", " + b)
			.orElse(""));
		this.ids = List.copyOf(ids);
	}

	public List<Long> ids() {
		return this.ids;
	}

}
