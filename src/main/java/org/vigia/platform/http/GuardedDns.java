package org.vigia.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Collectors;

import okhttp3.Dns;

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
			throw new BlockedAddressException(hostname + " is " + named);
		}
		var resolved = delegate.lookup(hostname);
		var allowed = resolved.stream().filter((address) -> guard.refusal(address) == null).toList();
		if (allowed.isEmpty() && !resolved.isEmpty()) {
			throw new BlockedAddressException(hostname + " resolves only to refused addresses: " + resolved.stream()
				.map((address) -> address.getHostAddress() + " (" + guard.refusal(address) + ")")
				.collect(Collectors.joining(", ")));
		}
		return allowed;
	}

}
