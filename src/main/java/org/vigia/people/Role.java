package org.vigia.people;

/** What a person may do: VIEWER reads, EDITOR also writes, ADMIN also operates the service and manages people. */
public enum Role {
	VIEWER, EDITOR, ADMIN
}
