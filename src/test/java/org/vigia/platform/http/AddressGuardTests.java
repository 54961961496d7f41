package org.vigia.platform.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import okhttp3.Dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.vigia.platform.English;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AddressGuardTests {

	private final AddressGuard guard = new AddressGuard(false, Set.of());

	private final AddressGuard intranet = new AddressGuard(true, Set.of());

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			127.0.0.1                 | loopback
			127.255.255.254           | loopback
			10.0.0.1                  | private
			10.255.255.255            | private
			172.16.0.1                | private
			172.31.255.255            | private
			192.168.1.1               | private
			169.254.0.1               | link local
			169.254.169.254           | cloud metadata
			100.100.100.200           | cloud metadata
			100.64.0.1                | shared cgnat
			100.127.255.255           | shared cgnat
			0.0.0.0                   | unspecified
			0.1.2.3                   | unspecified
			224.0.0.1                 | multicast
			239.255.255.250           | multicast
			255.255.255.255           | broadcast
			240.0.0.1                 | reserved
			192.0.0.192               | reserved
			192.0.2.1                 | reserved
			198.18.0.1                | reserved
			198.51.100.7              | reserved
			203.0.113.9               | reserved
			::1                       | loopback
			::                        | unspecified
			fc00::1                   | private
			fd12:3456:789a::1         | private
			fd00:ec2::254             | cloud metadata
			fe80::1                   | link local
			febf:ffff::1              | link local
			fec0::1                   | private
			ff02::1                   | multicast
			2001:db8::1               | reserved
			100::1                    | reserved
			::ffff:127.0.0.1          | loopback
			::ffff:10.1.2.3           | private
			::ffff:169.254.169.254    | cloud metadata
			::ffff:100.64.0.1         | shared cgnat
			::127.0.0.1               | loopback
			64:ff9b::7f00:1           | loopback
			64:ff9b::a9fe:a9fe        | cloud metadata
			2002:c0a8:0101::1         | private
			2002:7f00:0001::          | loopback
			""")
	void refusesSpecialPurposeAddresses(String literal, String range) throws Exception {
		assertThat(guard.refusal(InetAddress.getByName(literal))).hasToString(range);
	}

	@ParameterizedTest(name = "{0} is allowed")
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "151.101.1.140", "172.15.255.255", "172.32.0.1", "192.169.0.1",
			"100.63.255.255", "100.128.0.1", "169.253.255.255", "11.0.0.1", "223.255.255.255", "2606:4700::1111",
			"2a03:2880:f12f:83:face:b00c:0:25de", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808",
			"2002:0808:0808::1" })
	void allowsPublicAddresses(String literal) throws Exception {
		assertThat(guard.refusal(InetAddress.getByName(literal))).isNull();
	}

	@ParameterizedTest(name = "{0} {1} is {2}")
	@CsvSource(delimiter = '|', textBlock = """
			IPv4-mapped              | ::ffff:7f00:1                          | loopback
			IPv4-mapped              | 0:0:0:0:0:ffff:a9fe:a9fe               | cloud metadata
			IPv4-translated          | ::ffff:0:127.0.0.1                     | loopback
			IPv4-translated          | ::ffff:0:7f00:1                        | loopback
			IPv4-translated          | ::ffff:0:169.254.169.254               | cloud metadata
			IPv4-translated          | ::ffff:0:10.0.0.1                      | private
			IPv4-translated          | ::ffff:0:a9fe:1                        | link local
			IPv4-translated          | ::ffff:0:0.0.0.0                       | unspecified
			IPv4-compatible          | ::169.254.169.254                      | cloud metadata
			IPv4-compatible          | ::10.0.0.1                             | private
			IPv4-compatible          | ::192.168.0.1                          | private
			NAT64 well-known         | 64:ff9b::127.0.0.1                     | loopback
			NAT64 well-known         | 64:ff9b::169.254.169.254               | cloud metadata
			NAT64 well-known         | 64:ff9b::192.168.0.1                   | private
			NAT64 well-known         | 64:ff9b::100.64.0.1                    | shared cgnat
			NAT64 local-use /96      | 64:ff9b:1::127.0.0.1                   | loopback
			NAT64 local-use /96      | 64:ff9b:1::7f00:1                      | loopback
			NAT64 local-use /96      | 64:ff9b:1::169.254.169.254             | cloud metadata
			NAT64 local-use /96      | 64:ff9b:1:abcd::a9fe:a9fe              | cloud metadata
			NAT64 local-use /96      | 64:ff9b:1:ffff:0:ffff:c0a8:1           | private
			NAT64 local-use /48      | 64:ff9b:1:7f00:0:100::                 | loopback
			NAT64 local-use /48      | 64:ff9b:1:a9fe:a9:fe00::               | cloud metadata
			NAT64 local-use /56      | 64:ff9b:1:7f:0:1::                     | loopback
			NAT64 local-use /64      | 64:ff9b:1:0:a9:fea9:fe00:0             | cloud metadata
			6to4                     | 2002:7f00:1::1                         | loopback
			6to4                     | 2002:a9fe:a9fe::                       | cloud metadata
			6to4                     | 2002:a00:1:1::1                        | private
			6to4                     | 2002:6440:1::                          | shared cgnat
			Teredo                   | 2001:0:4136:e378:8000:63bf:3fff:fdd2   | teredo tunnel
			Teredo                   | 2001::1                                | teredo tunnel
			Teredo                   | 2001:0:a9fe:a9fe::                     | teredo tunnel
			unassigned outside 2000::/3 | 64:ff9b:2::8.8.8.8                  | reserved
			unassigned outside 2000::/3 | 4000::1                             | reserved
			""")
	void refusesEveryIpv6FormWhoseEmbeddedIpv4AddressIsRefused(String form, String literal, String range)
			throws Exception {
		assertThat(guard.refusal(InetAddress.getByName(literal))).hasToString(range);
	}

	@ParameterizedTest(name = "{0} {1} is allowed")
	@CsvSource(delimiter = '|', textBlock = """
			IPv4-mapped              | ::ffff:8.8.8.8
			IPv4-translated          | ::ffff:0:8.8.8.8
			IPv4-translated          | ::ffff:0:5db8:d822
			IPv4-compatible          | ::8.8.8.8
			NAT64 well-known         | 64:ff9b::8.8.8.8
			NAT64 well-known         | 64:ff9b::151.101.1.140
			NAT64 local-use /96      | 64:ff9b:1::8.8.8.8
			NAT64 local-use /96      | 64:ff9b:1:abcd::808:808
			6to4                     | 2002:808:808::1
			6to4                     | 2002:5db8:d822::1
			Google DNS               | 2001:4860:4860::8888
			RIPE NCC                 | 2001:67c:2e8:22::c100:68b
			Cloudflare               | 2606:4700:4700::1111
			Quad9                    | 2620:fe::fe
			Facebook                 | 2a03:2880:f12f:83:face:b00c:0:25de
			Wikimedia                | 2a02:ec80:300:ed1a::1
			""")
	void allowsPublicAddressesInEveryIpv6Form(String form, String literal) throws Exception {
		assertThat(guard.refusal(InetAddress.getByName(literal))).isNull();
	}

	@ParameterizedTest(name = "{0} stays refused in an intranet")
	@ValueSource(strings = { "::ffff:0:169.254.169.254", "64:ff9b:1::169.254.169.254", "64:ff9b:1:a9fe:a9:fe00::",
			"2002:a9fe:a9fe::", "2001:0:4136:e378:8000:63bf:3fff:fdd2" })
	void refusesEmbeddedCloudMetadataAndTeredoEvenWhenPrivateAddressesAreAllowed(String literal) throws Exception {
		assertThat(intranet.refusal(InetAddress.getByName(literal))).isNotNull();
	}

	@ParameterizedTest(name = "{0} is allowed in an intranet")
	@ValueSource(strings = { "::ffff:0:127.0.0.1", "64:ff9b:1::10.0.0.1", "2002:c0a8:101::1" })
	void allowsEmbeddedPrivateAddressesInAnIntranet(String literal) throws Exception {
		assertThat(intranet.refusal(InetAddress.getByName(literal))).isNull();
	}

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			00000000000000000000ffff7f000001 | loopback
			00000000000000000000ffffc0a80001 | private
			00000000000000000000ffffa9fea9fe | cloud metadata
			00000000000000000000ffff00000000 | unspecified
			00000000000000000000ffffe0000001 | multicast
			""")
	void seesThroughIpv4MappedAddressesThatJavaKeepsAsIpv6(String hex, String range) throws Exception {
		// InetAddress.getByName turns mapped literals into IPv4; a resolver may hand over the IPv6 form.
		var address = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);

		assertThat(guard.refusal(address)).hasToString(range);
	}

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			localhost                 | loopback
			LOCALHOST.                | loopback
			api.localhost             | loopback
			metadata.google.internal  | cloud metadata
			Metadata.Google.Internal. | cloud metadata
			metadata.goog             | cloud metadata
			""")
	void refusesNamesThatMeanTheLocalHostOrTheMetadataServiceBeforeAnyLookup(String name, String range) {
		assertThat(guard.refusal(name)).hasToString(range);
	}

	@ParameterizedTest(name = "{0} is left to its addresses")
	@ValueSource(strings = { "mastodon.social", "public.api.bsky.app", "localhost.example.org", "t.me" })
	void leavesOtherNamesToTheirAddresses(String name) {
		assertThat(guard.refusal(name)).isNull();
	}

	@ParameterizedTest(name = "{0} is allowed in an intranet")
	@ValueSource(strings = { "127.0.0.1", "10.0.0.1", "192.168.1.1", "169.254.0.1", "100.64.0.1", "::1", "fd12::1",
			"fe80::1" })
	void allowsPrivateAddressesWhenConfiguredForAnIntranet(String literal) throws Exception {
		assertThat(intranet.refusal(InetAddress.getByName(literal))).isNull();
	}

	@ParameterizedTest(name = "{0} stays refused in an intranet")
	@ValueSource(strings = { "169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254", "100.100.100.200" })
	void refusesCloudMetadataEvenWhenPrivateAddressesAreAllowed(String literal) throws Exception {
		assertThat(intranet.refusal(InetAddress.getByName(literal))).hasToString("cloud metadata");
	}

	@Test
	void refusesTheMetadataHostNameEvenWhenPrivateAddressesAreAllowed() {
		assertThat(intranet.refusal("metadata.google.internal")).hasToString("cloud metadata");
		assertThat(intranet.refusal("localhost")).isNull();
	}

	@Test
	void exemptsExactlyTheGivenEndpoint() throws Exception {
		var loopback = InetAddress.getByName("127.0.0.1");
		var exempting = new AddressGuard(false, Set.of(new InetSocketAddress(loopback, 8089)));

		assertThat(exempting.refusal(new InetSocketAddress(loopback, 8089))).isNull();
		assertThat(exempting.refusal(new InetSocketAddress(loopback, 8090))).hasToString("loopback");
		assertThat(exempting.refusal(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 8089)))
			.hasToString("loopback");
	}

	@Test
	void dnsHandsOverOnlyTheAddressesThatPass() throws Exception {
		var dns = new GuardedDns(guard, resolving("8.8.8.8", "10.0.0.1", "2606:4700::1111", "::1"));

		assertThat(dns.lookup("mixed.example.org")).extracting(InetAddress::getHostAddress)
			.containsExactly("8.8.8.8", "2606:4700:0:0:0:0:0:1111");
	}

	@Test
	void dnsRefusesANameWhoseEveryAddressIsRefusedAndSaysWhy() {
		var dns = new GuardedDns(guard, resolving("127.0.0.1", "169.254.169.254"));

		assertThatExceptionOfType(BlockedAddressException.class).isThrownBy(() -> dns.lookup("rebind.example.org"))
			.withMessage("rebind.example.org resolves only to refused addresses: 127.0.0.1 (loopback); "
					+ "169.254.169.254 (cloud metadata)")
			.satisfies((refused) -> assertThat(English.text(refused.detail().encode(), Locale.forLanguageTag("es")))
				.isEqualTo("rebind.example.org solo se resuelve en direcciones rechazadas: 127.0.0.1 (dirección de "
						+ "bucle local (loopback)); 169.254.169.254 (dirección del servicio de metadatos de la nube)"));
	}

	@Test
	void dnsRefusesLocalhostWithoutAskingTheResolver() {
		var dns = new GuardedDns(guard, (host) -> {
			throw new AssertionError("resolved " + host);
		});

		assertThatExceptionOfType(BlockedAddressException.class).isThrownBy(() -> dns.lookup("localhost"))
			.withMessage("localhost is loopback")
			.satisfies((refused) -> assertThat(English.text(refused.detail().encode(), Locale.forLanguageTag("eu")))
				.isEqualTo("localhost begizta lokaleko helbidea (loopback) da"));
	}

	@Test
	void socketsRefuseToConnectToARefusedAddressButReachAnExemptOne() throws Exception {
		try (var server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			var endpoint = new InetSocketAddress("127.0.0.1", server.getLocalPort());
			var refusing = new GuardedSocketFactory(guard);
			var exempting = new GuardedSocketFactory(new AddressGuard(false, Set.of(endpoint)));

			try (var socket = refusing.createSocket()) {
				assertThatExceptionOfType(BlockedAddressException.class).isThrownBy(() -> socket.connect(endpoint))
					.withMessage("127.0.0.1 is loopback");
			}
			try (var socket = exempting.createSocket()) {
				socket.connect(endpoint);
				assertThat(socket.isConnected()).isTrue();
			}
		}
	}

	private static Dns resolving(String... addresses) {
		return (host) -> {
			List<InetAddress> resolved = new ArrayList<>();
			for (var address : addresses) {
				resolved.add(InetAddress.getByName(address));
			}
			return resolved;
		};
	}

}
