package org.vigia.platform.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which addresses platform traffic may reach. A registry entry, a profile link or a redirect can point anywhere, so
 * without this guard a poll could read the host's own services or a cloud metadata endpoint and keep the answer.
 */
final class AddressGuard {

	/** Why an address is refused; the name reads well in a message. */
	enum Range {

		LOOPBACK, PRIVATE, LINK_LOCAL, SHARED_CGNAT, UNSPECIFIED, MULTICAST, BROADCAST, RESERVED, CLOUD_METADATA;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT).replace('_', ' ');
		}

	}

	// Names that reach the metadata service without resolving to its address on every resolver.
	private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog");

	private static final byte[] AWS_METADATA_V6 = HexFormat.of().parseHex("fd000ec2000000000000000000000254");

	private final boolean allowPrivateAddresses;

	private final Set<InetSocketAddress> exempt;

	/**
	 * @param exempt endpoints let through whatever their range, so that tests can run the guard against a local
	 * server; production passes none
	 */
	AddressGuard(boolean allowPrivateAddresses, Set<InetSocketAddress> exempt) {
		this.allowPrivateAddresses = allowPrivateAddresses;
		this.exempt = Set.copyOf(exempt);
	}

	/** The range that makes this endpoint off limits, or null when it may be reached. */
	@Nullable Range refusal(InetSocketAddress endpoint) {
		if (exempt.contains(endpoint) || endpoint.getAddress() == null) {
			return null;
		}
		return refusal(endpoint.getAddress());
	}

	/** The range that makes this address off limits, or null when it may be reached. */
	@Nullable Range refusal(InetAddress address) {
		var range = range(address);
		// Intranets and tests need private targets; no poll ever needs the cloud's credentials.
		if (range == null || (allowPrivateAddresses && range != Range.CLOUD_METADATA)) {
			return null;
		}
		return range;
	}

	/** The range a host name stands for before any lookup, or null when only its addresses can tell. */
	@Nullable Range refusal(String host) {
		var name = host.toLowerCase(Locale.ROOT);
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		if (METADATA_NAMES.contains(name)) {
			return Range.CLOUD_METADATA;
		}
		// RFC 6761: resolvers must answer loopback for these, whatever the network's DNS says.
		if (!allowPrivateAddresses && (name.equals("localhost") || name.endsWith(".localhost"))) {
			return Range.LOOPBACK;
		}
		return null;
	}

	/** The special-purpose range the address falls in, or null for a public unicast address. */
	static @Nullable Range range(InetAddress address) {
		var bytes = address.getAddress();
		return bytes.length == 4 ? ipv4(bytes, 0) : ipv6(bytes);
	}

	private static @Nullable Range ipv4(byte[] bytes, int offset) {
		int a = bytes[offset] & 0xff;
		int b = bytes[offset + 1] & 0xff;
		int c = bytes[offset + 2] & 0xff;
		int d = bytes[offset + 3] & 0xff;
		if ((a == 169 && b == 254 && c == 169 && d == 254) || (a == 100 && b == 100 && c == 100 && d == 200)) {
			return Range.CLOUD_METADATA; // AWS, GCP, Azure, OpenStack; Alibaba
		}
		if (a == 0) {
			return Range.UNSPECIFIED; // "this network": Linux connects 0.0.0.0 to the local host
		}
		if (a == 127) {
			return Range.LOOPBACK;
		}
		if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
			return Range.PRIVATE;
		}
		if (a == 169 && b == 254) {
			return Range.LINK_LOCAL;
		}
		if (a == 100 && (b & 0xc0) == 64) {
			return Range.SHARED_CGNAT;
		}
		if (a == 255 && b == 255 && c == 255 && d == 255) {
			return Range.BROADCAST;
		}
		if (a >= 224 && a <= 239) {
			return Range.MULTICAST;
		}
		if (a >= 240) {
			return Range.RESERVED;
		}
		// Protocol assignments (Oracle's metadata lives at 192.0.0.192), documentation, benchmarking.
		if ((a == 192 && b == 0 && c == 0) || (a == 192 && b == 0 && c == 2) || (a == 198 && (b & 0xfe) == 18)
				|| (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
			return Range.RESERVED;
		}
		return null;
	}

	private static @Nullable Range ipv6(byte[] bytes) {
		if (Arrays.equals(bytes, AWS_METADATA_V6)) {
			return Range.CLOUD_METADATA;
		}
		var embedded = embeddedIpv4(bytes);
		if (embedded >= 0) {
			if (zeros(bytes, 0, 16)) {
				return Range.UNSPECIFIED;
			}
			if (zeros(bytes, 0, 15) && bytes[15] == 1) {
				return Range.LOOPBACK;
			}
			// Mapped, compatible, NAT64 and 6to4 addresses reach the IPv4 address inside them.
			return ipv4(bytes, embedded);
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		if (first == 0xff) {
			return Range.MULTICAST;
		}
		if (first == 0xfe && (second & 0xc0) == 0x80) {
			return Range.LINK_LOCAL;
		}
		if (first == 0xfe && (second & 0xc0) == 0xc0) {
			return Range.PRIVATE; // deprecated site-local, still routed inside some networks
		}
		if ((first & 0xfe) == 0xfc) {
			return Range.PRIVATE; // unique local
		}
		if (first == 0x20 && second == 0x01 && (bytes[2] & 0xff) == 0x0d && (bytes[3] & 0xff) == 0xb8) {
			return Range.RESERVED; // documentation
		}
		if (first == 0x01 && second == 0 && zeros(bytes, 2, 8)) {
			return Range.RESERVED; // discard-only
		}
		return null;
	}

	/** Where an IPv4 address sits inside this IPv6 address, or -1 when it holds none. */
	private static int embeddedIpv4(byte[] bytes) {
		if (zeros(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
			return 12; // ::ffff:a.b.c.d
		}
		if (zeros(bytes, 0, 12)) {
			return 12; // ::a.b.c.d, also :: and ::1
		}
		if ((bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
				&& (bytes[3] & 0xff) == 0x9b && zeros(bytes, 4, 12)) {
			return 12; // 64:ff9b::a.b.c.d
		}
		if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
			return 2; // 2002:aabb:ccdd::
		}
		return -1;
	}

	private static boolean zeros(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
