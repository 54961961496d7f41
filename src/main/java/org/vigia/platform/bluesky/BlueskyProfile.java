package org.vigia.platform.bluesky;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Json;

/**
 * What {@code app.bsky.actor.defs#profileViewDetailed} says about an account.
 * @param did the account's permanent identifier
 * @param handle the handle the DID currently claims and that verifies, or {@value #INVALID_HANDLE}
 * @param profile the public profile
 */
record BlueskyProfile(String did, @Nullable String handle, Profile profile) {

	/** What the AppView shows instead of a handle that no longer points back to the account's DID. */
	static final String INVALID_HANDLE = "handle.invalid";

	/** The profile in a getProfile answer, or null when the answer is not a profile (no DID). */
	static @Nullable BlueskyProfile from(@Nullable JsonNode node) {
		var did = Json.text(node, "did");
		if (node == null || did == null || !did.startsWith("did:")) {
			return null;
		}
		var profile = new Profile(blankToNull(Json.text(node, "displayName")),
				blankToNull(Json.text(node, "description")), blankToNull(Json.text(node, "avatar")),
				Json.number(node, "followersCount"), Json.number(node, "followsCount"), Json.number(node, "postsCount"),
				List.of(), selfLabelledBot(node, did), Json.instant(node, "createdAt"));
		return new BlueskyProfile(did, blankToNull(Json.text(node, "handle")), profile);
	}

	boolean handleIsInvalid() {
		return INVALID_HANDLE.equals(handle);
	}

	// Only the account's own label counts: a "bot" label from a labeler is someone else's opinion.
	private static boolean selfLabelledBot(JsonNode node, String did) {
		var labels = node.get("labels");
		if (labels == null || !labels.isArray()) {
			return false;
		}
		for (var label : labels) {
			if ("bot".equals(Json.text(label, "val")) && did.equals(Json.text(label, "src"))) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
