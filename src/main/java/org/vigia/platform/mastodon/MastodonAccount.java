package org.vigia.platform.mastodon;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.vigia.platform.InvalidHandleException;
import org.vigia.platform.Platform;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Json;

/**
 * What Mastodon's Account entity says about an account.
 * @param id the server's id of the account, stable while the account exists
 * @param acct the handle as the server writes it: the bare name for its own accounts
 * @param suspended whether the server suspended the account (its profile is then blanked)
 * @param moved whether the owner migrated the account elsewhere
 * @param movedTo the new account as {@code name@server}, when {@code moved} and the server names it
 * @param lastStatusDay the start of the day of the last status, the only activity date an Account carries
 * @param profile the public profile
 */
record MastodonAccount(String id, @Nullable String acct, boolean suspended, boolean moved, @Nullable String movedTo,
		@Nullable Instant lastStatusDay, Profile profile) {

	// Mastodon serves this placeholder, under the server's own files host, to accounts without an avatar.
	private static final String MISSING_AVATAR = "/avatars/original/missing.png";

	/** The account in a lookup answer, or null when the answer is not an Account (no id). */
	static @Nullable MastodonAccount from(@Nullable JsonNode node) {
		var id = Json.id(node, "id");
		if (node == null || !node.isObject() || id == null) {
			return null;
		}
		var moved = Json.object(node, "moved");
		return new MastodonAccount(id, Json.text(node, "acct"), Json.flag(node, "suspended"), moved != null,
				(moved != null) ? movedTo(moved) : null, Json.day(node, "last_status_at"), profile(node));
	}

	private static Profile profile(JsonNode node) {
		var fields = new ArrayList<Profile.Field>();
		var array = node.get("fields");
		if (array != null && array.isArray()) {
			for (var field : array) {
				var name = Json.text(field, "name");
				var value = Json.text(field, "value");
				if (name != null && value != null) {
					fields.add(new Profile.Field(name.strip(), HtmlText.of(value), Json.instant(field, "verified_at")));
				}
			}
		}
		var note = Json.text(node, "note");
		var avatar = Json.text(node, "avatar");
		return new Profile(blankToNull(Json.text(node, "display_name")), (note == null) ? null : blankToNull(HtmlText.of(note)),
				(avatar == null || avatar.endsWith(MISSING_AVATAR)) ? null : blankToNull(avatar),
				Json.number(node, "followers_count"), Json.number(node, "following_count"),
				Json.number(node, "statuses_count"), fields, Json.flag(node, "bot"), Json.instant(node, "created_at"));
	}

	/**
	 * The new account's {@code acct}, which names its server when it lives on another one; a bare name lives on the
	 * server of its profile URL. Canonical when Vigía can parse it, so that it compares with registered handles.
	 */
	static @Nullable String movedTo(JsonNode moved) {
		var acct = Json.text(moved, "acct");
		var url = Json.text(moved, "url");
		String handle;
		if (acct != null && acct.indexOf('@') > 0) {
			handle = acct;
		}
		else if (acct != null && !acct.isBlank() && authority(url) != null) {
			handle = acct + "@" + authority(url);
		}
		else if (url != null) {
			handle = url;
		}
		else {
			return null;
		}
		try {
			return Platform.MASTODON.parse(handle).handle();
		}
		catch (InvalidHandleException ex) {
			return handle.toLowerCase(Locale.ROOT);
		}
	}

	private static @Nullable String authority(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			return new URI(url).getRawAuthority();
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
