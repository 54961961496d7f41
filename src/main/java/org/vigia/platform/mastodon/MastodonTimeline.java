package org.vigia.platform.mastodon;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.vigia.platform.adapter.Json;

/**
 * What an account's recent statuses show.
 * @param newestAt when the newest status or boost was made, null when there is none
 * @param newestUrl the link to it
 * @param posts how many of the statuses are the account's own posts (boosts and pinned statuses left out)
 * @param replies how many of those posts answer someone else
 */
record MastodonTimeline(@Nullable Instant newestAt, @Nullable String newestUrl, int posts, int replies) {

	/** The statuses in an answer of {@code /api/v1/accounts/:id/statuses}, or null when it is not a list. */
	static @Nullable MastodonTimeline from(@Nullable JsonNode statuses, String accountId) {
		if (statuses == null || !statuses.isArray()) {
			return null;
		}
		Instant newestAt = null;
		String newestUrl = null;
		int posts = 0;
		int replies = 0;
		for (var status : statuses) {
			// Pinned statuses come first whatever their age, and also appear in their own place when recent.
			if (!status.isObject() || Json.flag(status, "pinned")) {
				continue;
			}
			var reblog = Json.object(status, "reblog");
			if (reblog == null) {
				posts++;
				var repliedTo = Json.id(status, "in_reply_to_account_id");
				// A reply to oneself continues a thread: it is not a conversation with anyone.
				if (repliedTo != null && !repliedTo.equals(accountId)) {
					replies++;
				}
			}
			// A boost's own created_at is when the account boosted, which is activity; the reblog's is someone else's.
			var createdAt = Json.instant(status, "created_at");
			if (createdAt != null && (newestAt == null || createdAt.isAfter(newestAt))) {
				newestAt = createdAt;
				newestUrl = url(status, reblog);
			}
		}
		return new MastodonTimeline(newestAt, newestUrl, posts, replies);
	}

	@Nullable Double replyShare() {
		return (posts == 0) ? null : (double) replies / posts;
	}

	// A boost's own url is its ActivityPub activity, which shows nothing in a browser; the boosted post does.
	private static @Nullable String url(JsonNode status, @Nullable JsonNode reblog) {
		var reblogUrl = Json.text(reblog, "url");
		if (reblogUrl != null) {
			return reblogUrl;
		}
		var url = Json.text(status, "url");
		return (url != null) ? url : Json.text(status, "uri");
	}

}
