package org.vigia.registry;

import java.util.List;
import java.util.Map;

import org.vigia.common.InvalidException;

/** Input the registry refuses, with every problem found in it; nothing was written. */
public class RegistryValidationException extends InvalidException {

	private final List<Violation> violations;

	public RegistryValidationException(List<Violation> violations) {
		super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
		this.violations = List.copyOf(violations);
	}

	public RegistryValidationException(String field, String code, Object... arguments) {
		this(List.of(Violation.of(field, code, arguments)));
	}

	public List<Violation> violations() {
		return violations;
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("errors", violations.stream()
			.map(v -> Map.of("field", v.field(), "code", v.said().code(), "message", v.message()))
			.toList());
	}

}
