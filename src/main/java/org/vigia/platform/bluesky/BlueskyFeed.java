package org.vigia.platform.bluesky;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.vigia.platform.adapter.Json;

/**
 * What an account's author feed shows.
 * @param newestAt when the account last posted or reposted, null when the feed is empty
 * @param newestUrl the link to that post, or to the reposted post, on bsky.app
 * @param posts how many feed items are the account's own posts (reposts and the pinned post left out)
 * @param replies how many of those posts answer someone else
 */
record BlueskyFeed(@Nullable Instant newestAt, @Nullable String newestUrl, int posts, int replies) {

	private static final String REPOST = "app.bsky.feed.defs#reasonRepost";

	private static final String PIN = "app.bsky.feed.defs#reasonPin";

	private static final String POST_COLLECTION = "app.bsky.feed.post";

	/** The items of a getAuthorFeed answer, or null when it has no feed. */
	static @Nullable BlueskyFeed from(@Nullable JsonNode answer, String did) {
		var feed = (answer == null) ? null : answer.get("feed");
		if (feed == null || !feed.isArray()) {
			return null;
		}
		Instant newestAt = null;
		String newestUrl = null;
		int posts = 0;
		int replies = 0;
		for (var item : feed) {
			var post = Json.object(item, "post");
			if (post == null) {
				continue;
			}
			var reason = Json.object(item, "reason");
			var type = Json.text(reason, "$type");
			Instant at;
			if (reason == null) {
				// The author feed holds only the account's own posts besides reposts; guard anyway.
				if (!did.equals(Json.text(Json.object(post, "author"), "did"))) {
					continue;
				}
				posts++;
				if (answersSomeoneElse(post, did)) {
					replies++;
				}
				at = postedAt(post);
			}
			else if (REPOST.equals(type) && did.equals(Json.text(Json.object(reason, "by"), "did"))) {
				// When the account reposted, not when the author posted.
				at = Json.instant(reason, "indexedAt");
			}
			else if (PIN.equals(type)) {
				// The pinned post is shown first whatever its age, and in its own place too when it is recent.
				continue;
			}
			else {
				// A reason Vigía does not know says the item is there for something other than the account's doing.
				continue;
			}
			if (at != null && (newestAt == null || at.isAfter(newestAt))) {
				newestAt = at;
				newestUrl = url(post);
			}
		}
		return new BlueskyFeed(newestAt, newestUrl, posts, replies);
	}

	@Nullable Double replyShare() {
		return (posts == 0) ? null : (double) replies / posts;
	}

	/** A reply whose parent is the account's own post continues a thread: it is not a conversation with anyone. */
	private static boolean answersSomeoneElse(JsonNode post, String did) {
		var reply = Json.object(Json.object(post, "record"), "reply");
		if (reply == null) {
			return false;
		}
		var parent = Json.text(Json.object(reply, "parent"), "uri");
		return parent == null || !parent.startsWith("at://" + did + "/");
	}

	/**
	 * The earlier of the time the author's client wrote ({@code record.createdAt}, which anyone can set to any
	 * date) and the time the AppView first saw the post ({@code indexedAt}): a post dated in the future must not
	 * make a silent account look active for years. The AppView sorts feeds by the same rule. A backdated post (an
	 * imported archive) keeps its old date: bringing in old posts is not news.
	 */
	private static @Nullable Instant postedAt(JsonNode post) {
		var createdAt = Json.instant(Json.object(post, "record"), "createdAt");
		var indexedAt = Json.instant(post, "indexedAt");
		if (createdAt == null) {
			return indexedAt;
		}
		return (indexedAt != null && indexedAt.isBefore(createdAt)) ? indexedAt : createdAt;
	}

	/** {@code at://did/app.bsky.feed.post/rkey} as https://bsky.app/profile/handle/post/rkey. */
	private static @Nullable String url(JsonNode post) {
		var uri = Json.text(post, "uri");
		if (uri == null || !uri.startsWith("at://")) {
			return null;
		}
		var parts = uri.substring(5).split("/");
		if (parts.length != 3 || !parts[1].equals(POST_COLLECTION) || parts[2].isEmpty()) {
			return null;
		}
		var handle = Json.text(Json.object(post, "author"), "handle");
		// bsky.app shows a profile under its DID as well, and a DID never stops working.
		var profile = (handle == null || handle.isBlank() || handle.equals(BlueskyProfile.INVALID_HANDLE)) ? parts[0]
				: handle;
		return "https://bsky.app/profile/" + profile + "/post/" + parts[2];
	}

}
