package org.vigia.platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A network's own steps around an OAuth 2.0 authorization, the ones Spring Security's client does not take: turning
 * the token the code exchange gave into a lasting one, finding out who granted it and which accounts it administers,
 * refreshing it and revoking it. One bean per network family, named by its client registration id.
 */
public interface NetworkAuthorization {

	/** The Spring Security client registration id whose authorization this completes, such as {@code meta}. */
	String registrationId();

	/** The networks whose accounts a grant of this registration can reach. */
	Set<Platform> platforms();

	/**
	 * Completes an authorization just granted: exchanges the token for a long-lived one where the network has one and
	 * lists the accounts the person administers.
	 * @throws IllegalStateException when the network refuses; its message names what the network said
	 */
	Grant complete(Token token, Set<String> scopes);

	/**
	 * A fresh token for a grant before it expires; empty where the network cannot refresh this one (then it expires
	 * and must be granted again).
	 */
	Optional<Token> refresh(Token token);

	/**
	 * Whether {@link #refresh} can renew this token before it expires: by default when it comes with a refresh token;
	 * networks that refresh the access token itself (Threads) say so.
	 */
	default boolean refreshable(Token token) {
		return token.refreshToken() != null;
	}

	/** The accounts the grant administers now: the person's roles may have changed since it was granted. */
	List<Asset> assets(Token token);

	/**
	 * Revokes the grant at the network where its API allows it; false where it does not (the default).
	 * @throws IllegalStateException when the network was asked and refused or did not answer; its message says why
	 */
	default boolean revoke(Token token) {
		return false;
	}

	/**
	 * Revokes the grant of the person the network knows by {@code networkUserId}, for networks whose revocation names
	 * the person; by default as {@link #revoke(Token)}.
	 * @throws IllegalStateException when the network was asked and refused or did not answer; its message says why
	 */
	default boolean revoke(String networkUserId, Token token) {
		return revoke(token);
	}

	/**
	 * Adjusts the query of the link that sends a person to the network's consent page, for a network that departs from
	 * OAuth 2.0 there (TikTok names the client {@code client_key} and separates scopes with commas); as it is by default.
	 * @param parameters the query parameters ({@code client_id}, {@code scope}, {@code state}, ...), changed in place
	 */
	default void authorizationParameters(Map<String, Object> parameters) {
	}

	/**
	 * Form fields the network wants in the code exchange beside OAuth 2.0's own; none by default.
	 * @param clientId the app's client id, as the registration has it
	 */
	default Map<String, String> tokenParameters(String clientId) {
		return Map.of();
	}

	/** A token and what comes with it; its strings are secrets. */
	record Token(String accessToken, @Nullable String refreshToken, @Nullable Instant expiresAt,
			@Nullable Instant refreshExpiresAt) {

		@Override
		public String toString() {
			return "Token[expiresAt=" + this.expiresAt + ", refreshExpiresAt=" + this.refreshExpiresAt + "]";
		}

	}

	/**
	 * A completed authorization.
	 * @param userId the network's id of the person who granted it
	 * @param userName their name as the network gives it, for "granted by"
	 * @param token the lasting token
	 * @param scopes the permissions the person granted
	 * @param assets the accounts the grant administers
	 */
	record Grant(String userId, @Nullable String userName, Token token, Set<String> scopes, List<Asset> assets) {
	}

	/**
	 * An account a grant administers.
	 * @param platform its network
	 * @param platformId the network's id for it (Page id, Instagram user id)
	 * @param handle its user name, where it has one, for matching it to the registry
	 * @param accessToken a token of its own (a Page token), or null when the grant's token reaches it; a secret
	 */
	record Asset(Platform platform, String platformId, @Nullable String handle, @Nullable String accessToken) {

		@Override
		public String toString() {
			return "Asset[platform=" + this.platform + ", platformId=" + this.platformId + ", handle=" + this.handle
					+ "]";
		}

	}

}
