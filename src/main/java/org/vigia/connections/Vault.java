package org.vigia.connections;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Encrypts the connections' tokens at rest with AES-256-GCM. A ciphertext reads {@code v1:<key id>:<base64(iv |
 * ciphertext and tag)>}: the key id says which key decrypts it, so that a new key encrypts from now on while the old
 * ones still decrypt what they wrote. Each ciphertext is bound to where it is kept (the connection and the token's
 * kind, as associated data): copied to another row, it does not decrypt.
 */
final class Vault {

	private static final String VERSION = "v1";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	private final @Nullable Key current;

	private final Map<String, Key> keys = new LinkedHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private Vault(@Nullable Key current, Iterable<Key> old) {
		this.current = current;
		if (current != null) {
			keys.put(current.id(), current);
		}
		for (var key : old) {
			keys.putIfAbsent(key.id(), key);
		}
	}

	/**
	 * The vault with the configured keys.
	 * @throws IllegalStateException naming the variable whose key is not a base64 32-byte key
	 */
	static Vault of(SecretsProperties properties) {
		var current = properties.hasKey() ? Key.parse(properties.key(), "VIGIA_SECRETS_KEY") : null;
		var old = properties.oldKeys().stream().map(text -> Key.parse(text, "VIGIA_SECRETS_OLD_KEYS")).toList();
		return new Vault(current, old);
	}

	boolean canEncrypt() {
		return current != null;
	}

	/** The id of the key new ciphertexts are written with. */
	@Nullable String currentKeyId() {
		return (current != null) ? current.id() : null;
	}

	/**
	 * Encrypts a secret under the current key.
	 * @param context where it is kept, such as {@code connection:12:access}; decrypting needs the same
	 */
	String encrypt(String secret, String context) {
		if (current == null) {
			throw new IllegalStateException("VIGIA_SECRETS_KEY is not set: no token can be kept");
		}
		try {
			var iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, current.key(), new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			var sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			var out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return VERSION + ":" + current.id() + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * Decrypts what {@link #encrypt} wrote with this key or an old one.
	 * @throws IllegalStateException when the key it names is not configured, or it was changed or moved
	 */
	String decrypt(String stored, String context) {
		var parts = stored.split(":", 3);
		if (parts.length != 3 || !VERSION.equals(parts[0])) {
			throw new IllegalStateException("not a Vigía ciphertext (expected v1:<key id>:<data>)");
		}
		var key = keys.get(parts[1]);
		if (key == null) {
			throw new IllegalStateException("the token was encrypted with key " + parts[1]
					+ ", which neither VIGIA_SECRETS_KEY nor VIGIA_SECRETS_OLD_KEYS holds");
		}
		try {
			var data = Base64.getDecoder().decode(parts[2]);
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("the token under key " + parts[1] + " does not decrypt: changed, or kept "
					+ "for another connection", ex);
		}
	}

	/** Whether a ciphertext was written with an old key (and should be re-encrypted with the current one). */
	boolean isOld(String stored) {
		var parts = stored.split(":", 3);
		return current != null && parts.length == 3 && !current.id().equals(parts[1]);
	}

	private record Key(String id, SecretKey key) {

		static Key parse(@Nullable String text, String variable) {
			var value = (text == null) ? "" : text.strip();
			String id = null;
			int colon = value.indexOf(':');
			if (colon > 0) {
				id = value.substring(0, colon);
				value = value.substring(colon + 1);
				if (!KEY_ID.matcher(id).matches()) {
					throw new IllegalStateException(variable + ": the key id before the colon must be 1 to 32 letters, "
							+ "digits, - or _");
				}
			}
			byte[] bytes;
			try {
				bytes = Base64.getDecoder().decode(value);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(variable + " is not base64: expected 32 random bytes in base64, such as "
						+ "the output of: openssl rand -base64 32");
			}
			if (bytes.length != 32) {
				throw new IllegalStateException(variable + " holds " + bytes.length + " bytes: an AES-256 key is 32 "
						+ "bytes (openssl rand -base64 32)");
			}
			if (id == null) {
				try {
					var digest = MessageDigest.getInstance("SHA-256").digest(bytes);
					id = HexFormat.of().formatHex(digest, 0, 4);
				}
				catch (GeneralSecurityException ex) {
					throw new IllegalStateException("SHA-256 is not available", ex);
				}
			}
			return new Key(id, new SecretKeySpec(bytes, "AES"));
		}

		@Override
		public String toString() {
			return "Key[" + this.id + "]";
		}

	}

}
