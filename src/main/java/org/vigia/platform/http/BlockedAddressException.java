package org.vigia.platform.http;

import java.net.UnknownHostException;

/**
 * A connection the address guard refused. It extends {@link UnknownHostException} because that is all an OkHttp
 * {@code Dns} may throw; the client tells it apart and reports {@link HttpFailure.Kind#BLOCKED_ADDRESS}.
 */
final class BlockedAddressException extends UnknownHostException {

	BlockedAddressException(String message) {
		super(message);
	}

}
