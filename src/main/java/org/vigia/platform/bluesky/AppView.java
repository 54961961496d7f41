package org.vigia.platform.bluesky;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.Platform;
import org.vigia.platform.Message;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.adapter.JsonCalls;
import org.vigia.platform.http.HttpResult;

/** The public AppView as the checks and the look-alike searches both talk to it: where it is and how it answers. */
final class AppView {

	static final JsonCalls.Api API = new JsonCalls.Api(Platform.BLUESKY, Message.of("check.server.appview"), Message.of("check.server.appview"),
			(answer) -> BlueskyError.of(answer).map(BlueskyError::toString), AppView::rateLimitReset);

	private AppView() {
	}

	/** The XRPC URL of a method, such as {@code app.bsky.actor.getProfile}, before its parameters. */
	static String method(PlatformProperties properties, String method) {
		var base = properties.bluesky().apiUrl().toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/xrpc/" + method;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** The AppView's RateLimit-Reset, in Unix seconds. */
	static @Nullable Instant rateLimitReset(HttpResult answer) {
		var reset = answer.header("RateLimit-Reset");
		if (reset == null) {
			return null;
		}
		try {
			return Instant.ofEpochSecond(Long.parseLong(reset.strip()));
		}
		catch (NumberFormatException | java.time.DateTimeException ex) {
			return null;
		}
	}

}
