package org.vigia.connections;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connections' tokens, encrypted by the {@link Vault}; every decryption writes who read which token, when and why
 * in {@code connection_token_access}, in the reader's transaction.
 */
@Component
class TokenStore {

	enum Kind {
		ACCESS, REFRESH, ASSET
	}

	private final JdbcClient jdbc;

	private final Vault vault;

	private final Clock clock;

	TokenStore(JdbcClient jdbc, Vault vault, Clock clock) {
		this.jdbc = jdbc;
		this.vault = vault;
		this.clock = clock;
	}

	/** Keeps a token (replacing the one kept before), or forgets it when null. */
	void write(long connectionId, Kind kind, @Nullable Long assetId, @Nullable String secret) {
		jdbc.sql("""
				delete from connection_token where connection_id = :connection and kind = :kind
				  and coalesce(asset_id, 0) = coalesce(cast(:asset as bigint), 0)""")
			.param("connection", connectionId)
			.param("kind", kind.name())
			.param("asset", assetId)
			.update();
		if (secret == null || secret.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into connection_token (connection_id, asset_id, kind, ciphertext, key_id, written_at)
				values (:connection, :asset, :kind, :ciphertext, :keyId, :now)""")
			.param("connection", connectionId)
			.param("asset", assetId)
			.param("kind", kind.name())
			.param("ciphertext", vault.encrypt(secret, context(connectionId, kind, assetId)))
			.param("keyId", vault.currentKeyId())
			.param("now", java.sql.Timestamp.from(clock.instant()))
			.update();
	}

	/**
	 * Decrypts a token and records the access.
	 * @param actor who reads it: a Vigía user, or the job that does
	 * @param purpose why, such as {@code check account 42} or {@code refresh}
	 */
	@Nullable String read(long connectionId, Kind kind, @Nullable Long assetId, String actor, String purpose) {
		var stored = jdbc.sql("""
				select ciphertext from connection_token where connection_id = :connection and kind = :kind
				  and coalesce(asset_id, 0) = coalesce(cast(:asset as bigint), 0)""")
			.param("connection", connectionId)
			.param("kind", kind.name())
			.param("asset", assetId)
			.query(String.class)
			.optional();
		if (stored.isEmpty()) {
			return null;
		}
		jdbc.sql("""
				insert into connection_token_access (connection_id, token_kind, asset_id, actor, purpose, accessed_at)
				values (:connection, :kind, :asset, :actor, :purpose, :now)""")
			.param("connection", connectionId)
			.param("kind", kind.name())
			.param("asset", assetId)
			.param("actor", actor)
			.param("purpose", purpose)
			.param("now", java.sql.Timestamp.from(clock.instant()))
			.update();
		var secret = vault.decrypt(stored.get(), context(connectionId, kind, assetId));
		if (vault.isOld(stored.get())) {
			// Rotation: what an old key wrote is written again with the current one as it is read.
			write(connectionId, kind, assetId, secret);
		}
		return secret;
	}

	/** Forgets every token of a connection. */
	void forget(long connectionId) {
		jdbc.sql("delete from connection_token where connection_id = :connection").param("connection", connectionId).update();
	}

	private static String context(long connectionId, Kind kind, @Nullable Long assetId) {
		return "connection:" + connectionId + ":" + kind.name().toLowerCase(java.util.Locale.ROOT)
				+ ((assetId != null) ? ":" + assetId : "");
	}

}
