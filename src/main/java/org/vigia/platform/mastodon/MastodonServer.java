package org.vigia.platform.mastodon;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.Platform;
import org.vigia.platform.Message;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.JsonCalls;
import org.vigia.platform.http.HttpResult;

/** A Mastodon server's API as the checks and the look-alike searches both talk to it: where it is, how it answers. */
final class MastodonServer {

	static final JsonCalls.Api API = new JsonCalls.Api(Platform.MASTODON, Message.of("check.server.mastodon"), "Mastodon", MastodonError::of,
			MastodonServer::rateLimitReset);

	static final String RECORD_NOT_FOUND = "Record not found";

	private MastodonServer() {
	}

	/** The scheme, host and port of a URL: where the server of a profile URL answers its API. */
	static @Nullable String of(String url) {
		try {
			var parsed = new URI(url);
			if (parsed.getScheme() == null || parsed.getRawAuthority() == null) {
				return null;
			}
			return parsed.getScheme() + "://" + parsed.getRawAuthority();
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/** The name part of a handle ({@code name@server}, with or without a leading @). */
	static String name(String handle) {
		var at = handle.indexOf('@', 1);
		var name = (at < 0) ? handle : handle.substring(0, at);
		return name.startsWith("@") ? name.substring(1) : name;
	}

	/**
	 * Whether an account lookup's answer is Mastodon's own word that no account has the name: 410, or 404 with
	 * "Record not found". A server older than 3.4 (no lookup) or a site that is not Mastodon answers 404 too, and
	 * taking that for a missing account would alarm people for nothing, or call a taken handle free.
	 */
	static boolean saysNoSuchAccount(HttpResult lookup) {
		return lookup.status() == 410 || (lookup.status() == 404
				&& MastodonError.of(lookup).filter(RECORD_NOT_FOUND::equalsIgnoreCase).isPresent());
	}

	/** Why a 404 to an account lookup proves nothing. */
	static Message notMastodon(HttpResult lookup, String server) {
		return Calls.said(Message.of("check.mastodon.notMastodon", String.valueOf(lookup.status()), RECORD_NOT_FOUND,
				server), MastodonError.of(lookup).orElse(null));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** Mastodon's own X-RateLimit-Reset, an ISO time. */
	static @Nullable Instant rateLimitReset(HttpResult answer) {
		var reset = answer.header("X-RateLimit-Reset");
		if (reset == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(reset.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
