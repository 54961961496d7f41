package org.vigia.registry;

/** Whether an account is watched (ACTIVE) or kept only as history (ARCHIVED). */
public enum AccountStatus {
	ACTIVE, ARCHIVED
}
