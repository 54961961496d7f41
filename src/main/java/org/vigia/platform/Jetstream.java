package org.vigia.platform;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.vigia.platform.adapter.Json;

/**
 * Bluesky's Jetstream: a WebSocket that relays accounts' repository commits as JSON. The DIDs are sent in a
 * subscriber options update right after the socket opens ({@code requireHello} holds the events until then), as
 * thousands of DIDs make a query string servers refuse.
 */
@Component
public class Jetstream {

	/** The most DIDs one socket may ask for (Jetstream's own limit on wantedDids). */
	public static final int MAX_DIDS = 10_000;

	static final String POST = "app.bsky.feed.post";

	static final String REPOST = "app.bsky.feed.repost";

	private final JsonMapper json;

	private final OkHttpClient client = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS)
		.readTimeout(0, TimeUnit.SECONDS)
		// Pings keep idle sockets through proxies and tell a dead peer within a minute.
		.pingInterval(30, TimeUnit.SECONDS)
		.build();

	Jetstream(JsonMapper json) {
		this.json = json;
	}

	/** What a socket reports, on OkHttp's reader thread. */
	public interface Listener {

		void event(JetstreamEvent event);

		/** The socket closed or failed; no more events come from it. */
		void closed(String reason);

	}

	/**
	 * Opens a socket to an instance for the DIDs, from the cursor on (null: from now).
	 * @param instance the instance's subscribe URL, such as {@code wss://jetstream2.us-east.bsky.network/subscribe}
	 */
	public WebSocket subscribe(URI instance, Collection<String> dids, @Nullable Long cursor, Listener listener) {
		if (dids.size() > MAX_DIDS) {
			throw new IllegalArgumentException(dids.size() + " DIDs for one socket; Jetstream takes " + MAX_DIDS);
		}
		var url = instance.toString() + (instance.getRawQuery() == null ? "?" : "&") + "wantedCollections=" + POST
				+ "&wantedCollections=" + REPOST + "&requireHello=true" + ((cursor != null) ? "&cursor=" + cursor : "");
		var hello = json.writeValueAsString(Map.of("type", "options_update", "payload",
				Map.of("wantedCollections", new String[] { POST, REPOST }, "wantedDids", dids, "maxMessageSizeBytes", 0)));
		return client.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {

			@Override
			public void onOpen(WebSocket socket, Response response) {
				socket.send(hello);
			}

			@Override
			public void onMessage(WebSocket socket, String text) {
				var event = parse(text);
				if (event != null) {
					listener.event(event);
				}
			}

			@Override
			public void onClosing(WebSocket socket, int code, String reason) {
				socket.close(1000, null);
			}

			@Override
			public void onClosed(WebSocket socket, int code, String reason) {
				listener.closed("closed (" + code + (reason.isEmpty() ? "" : " " + reason) + ")");
			}

			@Override
			public void onFailure(WebSocket socket, Throwable failure, @Nullable Response response) {
				listener.closed("failed: " + failure + ((response != null) ? " (HTTP " + response.code() + ")" : ""));
			}

		});
	}

	/** The event in a Jetstream message, or null for what Vigía does not follow (deletions, other collections). */
	public static @Nullable JetstreamEvent parse(String text) {
		JsonNode node = Json.parse(text);
		if (node == null) {
			return null;
		}
		var did = Json.text(node, "did");
		var timeUs = node.get("time_us");
		if (did == null || timeUs == null || !timeUs.isIntegralNumber()) {
			return null;
		}
		long time = timeUs.asLong();
		var kind = Json.text(node, "kind");
		if ("commit".equals(kind)) {
			var commit = Json.object(node, "commit");
			var collection = Json.text(commit, "collection");
			var rkey = Json.text(commit, "rkey");
			if (!"create".equals(Json.text(commit, "operation")) || rkey == null) {
				return null;
			}
			var record = Json.object(commit, "record");
			var at = earlier(Json.instant(record, "createdAt"), time);
			if (POST.equals(collection)) {
				return new JetstreamEvent(JetstreamEvent.Kind.POST, did, time, at, postUrl("at://" + did + "/" + POST + "/" + rkey),
						null, null);
			}
			if (REPOST.equals(collection)) {
				// When the account reposted, whatever the age of the post.
				var reposted = Json.text(Json.object(record, "subject"), "uri");
				return new JetstreamEvent(JetstreamEvent.Kind.REPOST, did, time, at, postUrl(reposted), null, null);
			}
			return null;
		}
		if ("account".equals(kind)) {
			var account = Json.object(node, "account");
			boolean active = account != null && account.path("active").asBoolean(false);
			var status = active ? null : Json.text(account, "status");
			return new JetstreamEvent(JetstreamEvent.Kind.ACCOUNT, did, time, null, null,
					active ? null : (status != null ? status : "inactive"), null);
		}
		if ("identity".equals(kind)) {
			return new JetstreamEvent(JetstreamEvent.Kind.IDENTITY, did, time, null, null, null,
					Json.text(Json.object(node, "identity"), "handle"));
		}
		return null;
	}

	/** Anyone's client can date a record in the future: the instance's own time bounds it, as the AppView does. */
	private static Instant earlier(@Nullable Instant createdAt, long timeUs) {
		var seen = Instant.ofEpochSecond(Math.floorDiv(timeUs, 1_000_000L), Math.floorMod(timeUs, 1_000_000L) * 1000);
		return (createdAt == null || createdAt.isAfter(seen)) ? seen : createdAt;
	}

	private static @Nullable String postUrl(@Nullable String uri) {
		if (uri == null || !uri.startsWith("at://")) {
			return null;
		}
		var parts = uri.substring(5).split("/");
		if (parts.length != 3 || !parts[1].equals(POST) || parts[2].isEmpty()) {
			return null;
		}
		return "https://bsky.app/profile/" + parts[0] + "/post/" + parts[2];
	}

}
