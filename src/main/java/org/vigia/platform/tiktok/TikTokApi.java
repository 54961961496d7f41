package org.vigia.platform.tiktok;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpPost;
import org.vigia.platform.http.HttpResult;

/**
 * TikTok's API v2 ({@code open.tiktokapis.com}) through the guarded platform client: the user's token as a bearer for
 * {@code /v2/user/info/} and {@code /v2/video/list/}, the app's key and secret in the form body of
 * {@code /v2/oauth/token/} and {@code /v2/oauth/revoke/}.
 */
@Component
public class TikTokApi {

	public static final String NAME = "TikTok API";

	private final TikTokProperties properties;

	public TikTokApi(TikTokProperties properties) {
		this.properties = properties;
	}

	TikTokProperties properties() {
		return properties;
	}

	/**
	 * Reads a resource as the user whose token it is.
	 * @param pathAndQuery such as {@code /v2/user/info/?fields=open_id}, already encoded
	 */
	Answer get(Calls calls, String pathAndQuery, String accessToken) throws HttpFailure {
		var answer = calls.get(HttpGet.of(Platform.TIKTOK, properties.api() + pathAndQuery)
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + accessToken)
			.withoutRedirects());
		return new Answer(answer, Json.parse(answer.text()));
	}

	/** Sends a JSON body as the user whose token it is ({@code /v2/video/list/} is a POST that reads). */
	Answer post(Calls calls, String pathAndQuery, String json, String accessToken) throws HttpFailure {
		var answer = calls.post(HttpPost.json(Platform.TIKTOK, properties.api() + pathAndQuery, json)
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + accessToken)
			.withoutRedirects());
		return new Answer(answer, Json.parse(answer.text()));
	}

	/** Sends form fields to an OAuth endpoint ({@code /v2/oauth/token/}, {@code /v2/oauth/revoke/}). */
	Answer form(Calls calls, String path, Map<String, String> fields) throws HttpFailure {
		var answer = calls.post(HttpPost.form(Platform.TIKTOK, properties.api() + path, fields)
			.header("Accept", "application/json")
			.header("Cache-Control", "no-cache")
			.withoutRedirects());
		return new Answer(answer, Json.parse(answer.text()));
	}

	/**
	 * What a call brought back. The API answers {@code {"data": {...}, "error": {"code", "message", "log_id"}}}, with
	 * {@code "code": "ok"} on success; the OAuth endpoints answer {@code {"error", "error_description", "log_id"}}.
	 */
	record Answer(HttpResult answer, @Nullable JsonNode body) {

		/** A successful answer: HTTP 2xx, JSON, and an error code of {@code ok} (or none). */
		boolean ok() {
			if (!answer.isSuccessful() || body == null || !body.isObject()) {
				return false;
			}
			var code = code();
			return code == null || "ok".equals(code);
		}

		int status() {
			return answer.status();
		}

		/** The API's error code ({@code access_token_invalid}) or the OAuth error ({@code invalid_grant}). */
		@Nullable String code() {
			var error = (body == null) ? null : body.get("error");
			if (error != null && error.isString()) {
				return error.stringValue();
			}
			return Json.text(Json.object(body, "error"), "code");
		}

		@Nullable JsonNode data() {
			return Json.object(body, "data");
		}

		/** For messages: the status, TikTok's code, its words and log id; never a token. */
		String describe() {
			var code = code();
			var error = Json.object(body, "error");
			var message = (error != null) ? Json.text(error, "message") : Json.text(body, "error_description");
			var logId = (error != null) ? Json.text(error, "log_id") : Json.text(body, "log_id");
			return "HTTP " + answer.status() + ((code != null) ? " " + code : "")
					+ ((message != null && !message.isBlank()) ? ": " + message : "")
					+ ((logId != null) ? " (log_id " + logId + ")" : "");
		}

	}

}
