package org.vigia.registry;

import java.util.Map;

import org.vigia.common.ConflictException;

/** A write that would register something twice; the message names the entry that already exists. */
public class RegistryConflictException extends ConflictException {

	private final String existingType;

	private final long existingId;

	RegistryConflictException(String message, String existingType, long existingId, String code,
			Object... arguments) {
		super(message, code, arguments);
		this.existingType = existingType;
		this.existingId = existingId;
	}

	/** "organization", "unit" or "account". */
	public String existingType() {
		return existingType;
	}

	public long existingId() {
		return existingId;
	}

	@Override
	public String title() {
		return "Already registered";
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("existingType", existingType, "existingId", existingId);
	}

}
