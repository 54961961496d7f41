package org.vigia.connections;

/** Where a connection stands. */
public enum ConnectionState {

	/** Valid. */
	ACTIVE,

	/** Valid, but it expires soon and cannot be refreshed: someone must connect again. */
	EXPIRING,

	/** Its token expired. */
	EXPIRED,

	/** Disconnected in Vigía or revoked at the network. */
	REVOKED,

	/** The network refused its token (invalidated, a permission removed). */
	FAILING;

	/** Whether its tokens may still be used. */
	public boolean valid() {
		return this == ACTIVE || this == EXPIRING;
	}

}
