package org.vigia.registry;

import java.util.List;

/** Input the registry refuses, with every problem found in it; nothing was written. */
public class RegistryValidationException extends RuntimeException {

	private final List<Violation> violations;

	public RegistryValidationException(List<Violation> violations) {
		super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
		this.violations = List.copyOf(violations);
	}

	public RegistryValidationException(String field, String message) {
		this(List.of(new Violation(field, message)));
	}

	public List<Violation> violations() {
		return violations;
	}

}
