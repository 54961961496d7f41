package org.vigia.registry;

/** A write that would register something twice; the message names the entry that already exists. */
public class RegistryConflictException extends RuntimeException {

	private final String existingType;

	private final long existingId;

	RegistryConflictException(String message, String existingType, long existingId) {
		super(message);
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

}
