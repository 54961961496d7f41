package org.vigia.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

import okhttp3.Dns;

import org.vigia.platform.Message;

/**
 * Resolves a host name and hands OkHttp only the addresses the guard allows. The connection then uses exactly those
 * addresses, so a name that resolves to a public address for a check and to a private one for the connection (DNS
 * rebinding) gets nowhere.
 */
final class GuardedDns implements Dns {

	private final AddressGuard guard;

	private final Dns delegate;

	GuardedDns(AddressGuard guard, Dns delegate) {
		this.guard = guard;
		this.delegate = delegate;
	}

	@Override
	public List<InetAddress> lookup(String hostname) throws UnknownHostException {
		var named = guard.refusal(hostname);
		if (named != null) {
			throw new BlockedAddressException(Message.of("http.blocked.is", hostname, named.said()));
		}
		var resolved = delegate.lookup(hostname);
		var allowed = resolved.stream().filter((address) -> guard.refusal(address) == null).toList();
		if (allowed.isEmpty() && !resolved.isEmpty()) {
			throw new BlockedAddressException(Message.of("http.blocked.resolves", hostname, resolved.stream()
				.map((address) -> Message.of("http.blocked.address", address.getHostAddress(),
						Objects.requireNonNull(guard.refusal(address)).said()))
				.toList()));
		}
		return allowed;
	}

}
