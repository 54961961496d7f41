package org.vigia.overview;

/** An account's health as the dashboard and the API show it (see the {@code account_health} view for the order). */
public enum HealthState {

	ACTIVE, DORMANT, ABANDONED, GONE, MOVED, UNKNOWN

}
