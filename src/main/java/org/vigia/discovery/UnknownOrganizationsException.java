package org.vigia.discovery;

import java.util.List;
import java.util.Map;

import org.vigia.common.InvalidException;

/** A discovery run asked for organizations that do not exist; nothing was started. */
public class UnknownOrganizationsException extends InvalidException {

	private final List<Long> ids;

	UnknownOrganizationsException(List<Long> ids) {
		super("There is no organization with id " + ids.stream().map(String::valueOf)
			.reduce((a, b) -> a + ", " + b)
			.orElse(""), "problem.unknownOrganizations", ids.stream().map(String::valueOf)
			.reduce((a, b) -> a + ", " + b)
			.orElse(""));
		this.ids = List.copyOf(ids);
	}

	public List<Long> ids() {
		return this.ids;
	}

	@Override
	public String title() {
		return "Unknown organizations";
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("organizationIds", ids);
	}

}
