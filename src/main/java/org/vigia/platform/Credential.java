package org.vigia.platform;

import org.jspecify.annotations.Nullable;

/**
 * A credential that may reach an account on a network that answers only an authorized app: a token from a connection
 * that a person of the account's organization granted. Its token is a secret: never logged, never shown.
 * @param connectionId the connection it comes from
 * @param platform the network it is for
 * @param reach whether it administers the account or can only look it up
 * @param accessToken the token to send (a Page token for a Facebook Page or its linked Instagram account)
 * @param subjectId the network's id of what the token acts as: the Page, the Instagram professional account, the
 *     Threads or TikTok user; null where the network needs none
 * @param subjectHandle that subject's handle, where known
 */
public record Credential(long connectionId, Platform platform, Reach reach, String accessToken,
		@Nullable String subjectId, @Nullable String subjectHandle) {

	/** How a credential reaches an account. */
	public enum Reach {

		/** The connection administers the account itself (its Page token, its own user token). */
		ADMINISTERS,

		/**
		 * The connection administers another account of the same organization, through which the network lets an app
		 * look this one up (Instagram's Business Discovery).
		 */
		LOOKS_UP

	}

	@Override
	public String toString() {
		return "Credential[connectionId=" + this.connectionId + ", platform=" + this.platform + ", reach=" + this.reach
				+ ", subjectId=" + this.subjectId + ", accessToken=(secret)]";
	}

}
