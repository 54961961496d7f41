package org.vigia.recertification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Visitors of the answer pages, known only by an HMAC-SHA256 of their address under this installation's salt: enough
 * to count their requests and to tell two answers from one address apart, and no address kept. The salt is made on
 * first use and shared by every node through the database; the plain SHA-256 of an address is not used, since trying
 * all four billion IPv4 addresses reverses it in minutes.
 */
@Component
class Visitors {

	private final JdbcClient jdbc;

	private final SecureRandom random = new SecureRandom();

	private volatile byte @Nullable [] salt;

	Visitors(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The address as it is kept: 64 hex digits. */
	String hash(String address) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(salt(), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	private byte[] salt() {
		var known = salt;
		if (known != null) {
			return known;
		}
		var fresh = new byte[32];
		random.nextBytes(fresh);
		// Two nodes starting at once both try; the first row stays and both read it.
		jdbc.sql("insert into recertification_salt (id, salt) values (1, :salt) on conflict (id) do nothing")
			.param("salt", fresh).update();
		known = jdbc.sql("select salt from recertification_salt where id = 1").query(byte[].class).single();
		salt = known;
		return known;
	}

}
