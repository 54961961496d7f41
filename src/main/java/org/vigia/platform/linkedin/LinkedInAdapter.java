package org.vigia.platform.linkedin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Checks LinkedIn company, showcase and school pages through the Community Management API with the token of a
 * connection an administrator of the page granted: the organization by its vanity name, its follower count, and its
 * newest post for the last activity. A 401 means the token expired or was revoked: the connection is told (it is
 * lost) and the next connection of the organization is tried. Member profiles ({@code in/...}) are not read: the API
 * reads only organizations.
 */
@Component
public class LinkedInAdapter implements PlatformAdapter {

	private final PlatformHttpClient http;

	private final LinkedInApi api;

	private final ObjectProvider<Credentials> credentials;

	private final Clock clock;

	public LinkedInAdapter(PlatformHttpClient http, LinkedInApi api, ObjectProvider<Credentials> credentials,
			Clock clock) {
		this.http = http;
		this.api = api;
		this.credentials = credentials;
		this.clock = clock;
	}

	@Override
	public Platform platform() {
		return Platform.LINKEDIN;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		var handle = request.address().handle();
		var what = Message.of("check.linkedin.page", handle);
		var calls = new Calls(http);
		var slash = handle.indexOf('/');
		if (slash < 0 || handle.startsWith("in/")) {
			return CheckResult.failure(CheckOutcome.UNSUPPORTED, null, calls.latency(), 0,
					Message.of("check.linkedin.member", handle).encode(), null);
		}
		var vanityName = handle.substring(slash + 1);
		var available = credentials.getIfAvailable();
		return calls.withCredentials(available, Platform.LINKEDIN, request.account(),
				(credential) -> credential.reach() == Credential.Reach.ADMINISTERS,
				(credential) -> new Read(calls, available, credential, what).page(request, vanityName), what,
				Message.of("check.linkedin.unconnected", what));
	}

	/** One credential's reading of a page. */
	private final class Read {

		private final Calls calls;

		private final Credentials credentials;

		private final Credential credential;

		private final Message what;

		Read(Calls calls, Credentials credentials, Credential credential, Message what) {
			this.calls = calls;
			this.credentials = credentials;
			this.credential = credential;
			this.what = what;
		}

		@Nullable CheckResult page(CheckRequest request, String vanityName) throws HttpFailure {
			var lookup = api.get(calls, "/rest/organizations?q=vanityName&vanityName=" + encode(vanityName),
					credential.accessToken());
			if (!lookup.ok()) {
				return failure(lookup, what);
			}
			var organization = first(lookup.body());
			if (organization == null) {
				var known = (credential.subjectId() != null) ? credential.subjectId() : request.platformId();
				if (known != null) {
					return renamed(known, vanityName);
				}
				return calls.error(lookup.status(), Message.of("check.linkedin.noVanity", vanityName));
			}
			var id = Json.id(organization, "id");
			if (id == null) {
				return malformed(lookup);
			}
			var size = api.get(calls, "/rest/networkSizes/" + encode("urn:li:organization:" + id)
					+ "?edgeType=COMPANY_FOLLOWED_BY_MEMBER", credential.accessToken());
			if (!size.ok()) {
				return failure(size, Message.of("check.linkedin.followersOf", what));
			}
			var posts = api.get(calls, "/rest/posts?q=author&author=" + encode("urn:li:organization:" + id)
					+ "&count=1&sortBy=LAST_MODIFIED", credential.accessToken());
			if (!posts.ok()) {
				return failure(posts, Message.of("check.postsOf", what));
			}
			credentials.worked(credential);
			var newest = first(posts.body());
			var urn = Json.text(newest, "id");
			return new CheckResult(CheckOutcome.OK, lookup.status(), calls.latency(), calls.requests(), null,
					published(newest), (urn == null) ? null : "https://www.linkedin.com/feed/update/" + urn + "/",
					false, profile(organization, Json.number(size.body(), "firstDegreeSize")), null, null, null, id,
					null, null, null);
		}

		/** The vanity name finds nothing, but the page's id is known: it may have changed its vanity name. */
		private @Nullable CheckResult renamed(String id, String vanityName) throws HttpFailure {
			var organization = api.get(calls, "/rest/organizations/" + encode(id), credential.accessToken());
			if (!organization.ok()) {
				return failure(organization, what);
			}
			var now = Json.text(organization.body(), "vanityName");
			if (now != null && !now.equalsIgnoreCase(vanityName)) {
				credentials.worked(credential);
				return new CheckResult(CheckOutcome.MOVED, organization.status(), calls.latency(), calls.requests(),
						Message.of("check.linkedin.renamed", id, now).encode(), null, null, false, null, null,
						null, "https://www.linkedin.com/company/" + now + "/", id, null, null, null);
			}
			return calls.error(organization.status(), Message.of("check.linkedin.vanityLost", id, vanityName));
		}

		/**
		 * The result of an answer the check cannot use, or null when LinkedIn refused the token (401: expired or
		 * revoked) or a permission (403): then the connection is told and the next credential may be tried.
		 */
		private @Nullable CheckResult failure(LinkedInApi.Answer answer, Message about) {
			var status = answer.status();
			if (status == 401 || status == 403) {
				var code = (status == 401) ? "platform.refused.token" : "platform.refused.permission";
				calls.refused(credentials, credential,
						Message.of(code, Platform.LINKEDIN.label(), answer.describe()), LinkedInApi.NAME, answer.describe());
				return null;
			}
			if (status == 429) {
				return CheckResult.failure(CheckOutcome.RATE_LIMITED, status, calls.latency(), calls.requests(),
						Calls.said(Message.of("check.api.limited", LinkedInApi.NAME, about), answer.describe()).encode(),
						answer.answer().retryAfter(clock));
			}
			if (!answer.answer().isSuccessful()) {
				return calls.error(status, Calls.said(Message.of("check.api.answered", LinkedInApi.NAME, about),
						answer.describe()));
			}
			return malformed(answer);
		}

		private CheckResult malformed(LinkedInApi.Answer answer) {
			return calls.error(answer.status(), Message.of("check.api.malformed", what, LinkedInApi.NAME));
		}

	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** The first element of a finder's {@code elements}, or null when it is empty. */
	static @Nullable JsonNode first(@Nullable JsonNode answer) {
		var elements = (answer == null) ? null : answer.get("elements");
		return (elements != null && elements.isArray() && !elements.isEmpty()) ? elements.get(0) : null;
	}

	/** When a post was published (epoch milliseconds), else created; null for none. */
	static @Nullable Instant published(@Nullable JsonNode post) {
		var at = Json.number(post, "publishedAt");
		if (at == null) {
			at = Json.number(post, "createdAt");
		}
		return (at == null) ? null : Instant.ofEpochMilli(at);
	}

	static Profile profile(JsonNode organization, @Nullable Long followers) {
		var fields = new ArrayList<Profile.Field>();
		for (var name : List.of("vanityName", "localizedWebsite")) {
			var value = Json.text(organization, name);
			if (value != null && !value.isBlank()) {
				fields.add(new Profile.Field(name, value, null));
			}
		}
		return new Profile(Json.text(organization, "localizedName"), Json.text(organization, "localizedDescription"),
				null, followers, null, null, fields, false, null);
	}

}
