package org.vigia.platform.linkedin;

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
 * LinkedIn's versioned REST API ({@code /rest}) through the guarded platform client: every call carries the member's
 * token as a bearer, {@code LinkedIn-Version} and {@code X-Restli-Protocol-Version: 2.0.0}.
 */
@Component
public class LinkedInApi {

	public static final String NAME = "LinkedIn API";

	private final LinkedInProperties properties;

	public LinkedInApi(LinkedInProperties properties) {
		this.properties = properties;
	}

	/**
	 * Reads a resource.
	 * @param pathAndQuery such as {@code /rest/organizations?q=vanityName&vanityName=x}, already encoded
	 */
	public Answer get(Calls calls, String pathAndQuery, String accessToken) throws HttpFailure {
		var answer = calls.get(HttpGet.of(Platform.LINKEDIN, properties.api() + pathAndQuery)
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + accessToken)
			.header("LinkedIn-Version", properties.version())
			.header("X-Restli-Protocol-Version", "2.0.0")
			.withoutRedirects());
		return new Answer(answer, Json.parse(answer.text()));
	}

	/**
	 * Reads who the member is, {@code GET /v2/userinfo} (Sign In with LinkedIn using OpenID Connect, scopes
	 * {@code openid} and {@code profile}): {@code sub}, {@code name}, {@code given_name}, {@code family_name}. It is
	 * no versioned {@code /rest} resource: no {@code LinkedIn-Version}.
	 */
	public Answer userinfo(Calls calls, String accessToken) throws HttpFailure {
		var answer = calls.get(HttpGet.of(Platform.LINKEDIN, properties.api() + "/v2/userinfo")
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + accessToken)
			.withoutRedirects());
		return new Answer(answer, Json.parse(answer.text()));
	}

	LinkedInProperties properties() {
		return properties;
	}

	/** Sends form fields to LinkedIn's token endpoint, {@code /oauth/v2/accessToken} (a refresh). */
	public Answer token(Calls calls, Map<String, String> fields) throws HttpFailure {
		var answer = calls.post(HttpPost.form(Platform.LINKEDIN, properties.oauth() + "/oauth/v2/accessToken", fields)
			.header("Accept", "application/json")
			.withoutRedirects());
		return new Answer(answer, Json.parse(answer.text()));
	}

	/**
	 * What a call brought back: LinkedIn's errors are {@code {"status":401,"serviceErrorCode":65601,"code":
	 * "REVOKED_ACCESS_TOKEN","message":"..."}}.
	 */
	public record Answer(HttpResult answer, @Nullable JsonNode body) {

		public boolean ok() {
			return answer.isSuccessful() && body != null && body.isObject();
		}

		public int status() {
			return answer.status();
		}

		/** For messages: the status, LinkedIn's code and words; never a token. */
		public String describe() {
			var code = Json.text(body, "code");
			if (code == null) {
				// The OAuth 2.0 endpoints answer {"error": "invalid_request", "error_description": "..."}.
				code = Json.text(body, "error");
			}
			var service = Json.number(body, "serviceErrorCode");
			var message = Json.text(body, "message");
			if (message == null) {
				message = Json.text(body, "error_description");
			}
			return "HTTP " + answer.status() + ((code != null) ? " " + code : "")
					+ ((service != null) ? " (serviceErrorCode " + service + ")" : "")
					+ ((message != null) ? ": " + message : "");
		}

	}

}
