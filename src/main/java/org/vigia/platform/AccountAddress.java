package org.vigia.platform;

import java.util.Objects;

/** The canonical identity of an account on a platform: its handle in canonical form and its profile URL. */
public record AccountAddress(Platform platform, String handle, String url) {

	public AccountAddress {
		Objects.requireNonNull(platform, "platform");
		Objects.requireNonNull(handle, "handle");
		Objects.requireNonNull(url, "url");
	}

}
