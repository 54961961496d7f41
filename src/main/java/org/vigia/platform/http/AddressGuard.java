package org.vigia.platform.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.Message;

/**
 * Which addresses platform traffic may reach. A registry entry, a profile link or a redirect can point anywhere, so
 * without this guard a poll could read the host's own services or a cloud metadata endpoint and keep the answer.
 */
final class AddressGuard {

	/** Why an address is refused; the name reads well in a message. */
	enum Range {

		LOOPBACK, PRIVATE, LINK_LOCAL, SHARED_CGNAT, UNSPECIFIED, MULTICAST, BROADCAST, RESERVED, CLOUD_METADATA,
		TEREDO_TUNNEL;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT).replace('_', ' ');
		}

		/** The range's name in the reader's language. */
		Message said() {
			return Message.of("http.range." + name());
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
		// Intranets and tests need private targets; no poll ever needs the cloud's credentials, nor a Teredo tunnel.
		if (range == null
				|| (allowPrivateAddresses && range != Range.CLOUD_METADATA && range != Range.TEREDO_TUNNEL)) {
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
		return bytes.length == 4 ? ipv4(bytes, at(0, 1, 2, 3)) : ipv6(bytes);
	}

	/** The range of the IPv4 address whose four bytes sit at these offsets. */
	private static @Nullable Range ipv4(byte[] bytes, int[] offsets) {
		int a = bytes[offsets[0]] & 0xff;
		int b = bytes[offsets[1]] & 0xff;
		int c = bytes[offsets[2]] & 0xff;
		int d = bytes[offsets[3]] & 0xff;
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
		if (zeros(bytes, 0, 16)) {
			return Range.UNSPECIFIED;
		}
		if (zeros(bytes, 0, 15) && bytes[15] == 1) {
			return Range.LOOPBACK;
		}
		if (startsWith(bytes, 0x20, 0x01, 0x00, 0x00)) {
			// Teredo hides the IPv4 address it reaches behind a relay and an obfuscation; no platform needs it.
			return Range.TEREDO_TUNNEL;
		}
		var embedded = embeddedIpv4(bytes);
		if (!embedded.isEmpty()) {
			// The translator or tunnel delivers to the IPv4 address inside: its rules are the ones that count.
			return gravest(embedded.stream().map(offset -> ipv4(bytes, offset)).toList());
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
		if (startsWith(bytes, 0x20, 0x01, 0x0d, 0xb8)) {
			return Range.RESERVED; // documentation
		}
		if ((first & 0xe0) != 0x20) {
			return Range.RESERVED; // outside 2000::/3, the only global unicast space (discard-only 100::/64 among them)
		}
		return null;
	}

	/**
	 * Where an IPv4 address may sit inside this IPv6 address (offsets of its four bytes), or none when the address
	 * carries none. The local-use NAT64 prefix leaves its length to the network (RFC 6052: /48, /56, /64 or /96), so
	 * every layout its bits allow is a reading.
	 */
	private static List<int[]> embeddedIpv4(byte[] bytes) {
		if (zeros(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
			return List.of(at(12, 13, 14, 15)); // IPv4-mapped ::ffff:a.b.c.d
		}
		if (zeros(bytes, 0, 8) && (bytes[8] & 0xff) == 0xff && (bytes[9] & 0xff) == 0xff && zeros(bytes, 10, 12)) {
			return List.of(at(12, 13, 14, 15)); // IPv4-translated ::ffff:0:a.b.c.d (SIIT)
		}
		if (zeros(bytes, 0, 12)) {
			return List.of(at(12, 13, 14, 15)); // IPv4-compatible ::a.b.c.d
		}
		if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b) && zeros(bytes, 4, 12)) {
			return List.of(at(12, 13, 14, 15)); // NAT64 well-known prefix 64:ff9b::/96
		}
		if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
			// NAT64 local-use prefix 64:ff9b:1::/48. Bits 64 to 71 are zero in every layout, and so is the suffix
			// after the IPv4 address; the /96 layout is always a reading, being the usual one.
			var readings = new ArrayList<int[]>();
			if (bytes[8] == 0) {
				if (zeros(bytes, 11, 16)) {
					readings.add(at(6, 7, 9, 10)); // /48
				}
				if (zeros(bytes, 12, 16)) {
					readings.add(at(7, 9, 10, 11)); // /56
				}
				if (zeros(bytes, 13, 16)) {
					readings.add(at(9, 10, 11, 12)); // /64
				}
			}
			readings.add(at(12, 13, 14, 15)); // /96
			return readings;
		}
		if (startsWith(bytes, 0x20, 0x02)) {
			return List.of(at(2, 3, 4, 5)); // 6to4 2002:aabb:ccdd::/48
		}
		return List.of();
	}

	private static int[] at(int... offsets) {
		return offsets;
	}

	/** The reading that must be refused even in an intranet, else the first refused one, else null. */
	private static @Nullable Range gravest(List<@Nullable Range> ranges) {
		if (ranges.contains(Range.CLOUD_METADATA)) {
			return Range.CLOUD_METADATA;
		}
		return ranges.stream().filter(Objects::nonNull).findFirst().orElse(null);
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xff) != prefix[i]) {
				return false;
			}
		}
		return true;
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
