package org.vigia.platform.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.SocketFactory;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.Message;

/**
 * Checks the address of every connection right before it is opened: the last line behind {@link GuardedDns} and the
 * check of IP-literal URLs, for any route to an address that neither of them saw.
 */
final class GuardedSocketFactory extends SocketFactory {

	private final AddressGuard guard;

	GuardedSocketFactory(AddressGuard guard) {
		this.guard = guard;
	}

	@Override
	public Socket createSocket() {
		return new GuardedSocket();
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port), null);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port), null);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
	}

	private Socket connected(InetSocketAddress endpoint, @Nullable InetSocketAddress local) throws IOException {
		var socket = new GuardedSocket();
		try {
			if (local != null) {
				socket.bind(local);
			}
			socket.connect(endpoint);
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	private final class GuardedSocket extends Socket {

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			if (endpoint instanceof InetSocketAddress inet) {
				var range = guard.refusal(inet);
				if (range != null) {
					throw new BlockedAddressException(
							Message.of("http.blocked.is", inet.getAddress().getHostAddress(), range.said()));
				}
			}
			super.connect(endpoint, timeout);
		}

	}

}
