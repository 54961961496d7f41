package org.vigia.platform.http;

import java.net.UnknownHostException;

import org.vigia.platform.Message;

/**
 * A connection the address guard refused. It extends {@link UnknownHostException} because that is all an OkHttp
 * {@code Dns} may throw; the client tells it apart and reports {@link HttpFailure.Kind#BLOCKED_ADDRESS}.
 */
final class BlockedAddressException extends UnknownHostException {

	private final transient Message detail;

	BlockedAddressException(Message detail) {
		super(detail.english());
		this.detail = detail;
	}

	/** Which address was refused and why, for the reader. */
	Message detail() {
		return detail;
	}

}
