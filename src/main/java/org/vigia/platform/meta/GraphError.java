package org.vigia.platform.meta;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.vigia.platform.adapter.Json;

/**
 * The error object of a Graph API (or Threads API) answer:
 * {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}.
 * @param message the platform's own description, in English
 * @param type such as {@code OAuthException}
 * @param code the error code
 * @param subcode the error subcode, where there is one
 * @param fbtraceId Meta's support id for the call
 */
public record GraphError(String message, @Nullable String type, int code, @Nullable Integer subcode,
		@Nullable String fbtraceId) {

	// "(#21) Page ID 123 was migrated to page ID 456.  Please update your API calls to the new ID"
	private static final Pattern MIGRATED = Pattern.compile("migrated to page ID (\\d+)", Pattern.CASE_INSENSITIVE);

	/** The error of an answer's body, or null when the body carries none. */
	public static @Nullable GraphError of(@Nullable JsonNode body) {
		var error = Json.object(body, "error");
		if (error == null) {
			return null;
		}
		var code = Json.number(error, "code");
		var subcode = Json.number(error, "error_subcode");
		var message = Json.text(error, "message");
		return new GraphError((message == null) ? "" : message, Json.text(error, "type"),
				(code == null) ? 0 : code.intValue(), (subcode == null) ? null : subcode.intValue(),
				Json.text(error, "fbtrace_id"));
	}

	/**
	 * A throttle: the app's (4), a user's (17), a Page's (32) or a custom one (613), or a Business Use Case limit
	 * (80000 to 80099: 80001 Pages, 80002 Instagram, ...).
	 */
	public boolean throttled() {
		return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code < 80100);
	}

	/** The token expired, was revoked or is invalid (190; 102 is the API session's). */
	public boolean tokenRefused() {
		return code == 190 || code == 102;
	}

	/** A permission the call needs is missing or was removed (10, 200 to 299): the person's role may be gone. */
	public boolean permissionRefused() {
		return code == 10 || (code >= 200 && code <= 299);
	}

	/** The id the Page migrated to, when this is the "Page ID X was migrated to page ID Y" error (code 21). */
	public @Nullable String migratedTo() {
		if (code != 21) {
			return null;
		}
		var matcher = MIGRATED.matcher(message);
		return matcher.find() ? matcher.group(1) : null;
	}

	/**
	 * The object does not exist, cannot be loaded for lack of permissions, or does not support the call (100 with
	 * subcode 33): deleted, unpublished, age- or country-restricted, or simply out of the token's sight.
	 */
	public boolean unavailable() {
		return code == 100 && subcode != null && subcode == 33;
	}

	/** For messages: the code, subcode, the platform's words and the trace id; never a token. */
	public String describe() {
		return "error " + code + ((subcode != null) ? "/" + subcode : "") + ": " + message
				+ ((fbtraceId != null) ? " (fbtrace_id " + fbtraceId + ")" : "");
	}

}
