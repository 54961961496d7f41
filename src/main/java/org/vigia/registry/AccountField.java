package org.vigia.registry;

/** A field of an account as the registry CSV names it (column) and as the JSON API names it (property). */
public enum AccountField {

	ORGANIZATION("organization", "organization"), UNIT("unit", "unit"), PLATFORM("platform", "platform"),
	HANDLE("handle", "handle"), URL("url", "url"), DISPLAY_NAME("display_name", "displayName"),
	CONTACT_EMAIL("contact_email", "contactEmail"), PURPOSE("purpose", "purpose"), LANGUAGE("language", "language"),
	MAX_SILENCE_DAYS("max_silence_days", "maxSilenceDays"), NOTES("notes", "notes");

	private final String column;

	private final String property;

	AccountField(String column, String property) {
		this.column = column;
		this.property = property;
	}

	public String column() {
		return column;
	}

	public String property() {
		return property;
	}

}
