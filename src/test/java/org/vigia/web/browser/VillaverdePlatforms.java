package org.vigia.web.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Mastodon, Bluesky, YouTube, a news feed and Telegram as the fixtures show them, for a fictional town hall's accounts;
 * every name answers with the fixture of its story (active, silent, suspended, moved, deleted...) under its own id,
 * display name and handle, so that the dashboard shows a believable registry.
 * <p>
 * The fixtures' newest posts are dated for {@link DashboardBrowserTests#T0}: the active ones two weeks before it, the
 * silent ones 213 days before it.
 */
final class VillaverdePlatforms extends Dispatcher {

	/** A display name no page may render as markup. */
	static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";

	private static final String FIXTURE_MASTODON_ID = "109348423455212345";

	private static final String FIXTURE_DID = "did:plc:cultura2ministerio3gob4e";

	private static final String FIXTURE_NAME = "Ministerio de Cultura";

	/** A Mastodon account: its fixtures, its id on the mock server and the display name its profile shows. */
	record Mastodon(String account, String statuses, String id, String displayName) {
	}

	/** Mastodon accounts by user name, all on the mock server. */
	static final Map<String, Mastodon> MASTODON = Map.of(
			"ayuntamiento", new Mastodon("account-active.json", "statuses-active.json", "111000000000000001", "Ayuntamiento de Villaverde"),
			"cultura", new Mastodon("account-silent.json", "statuses-silent.json", "111000000000000002", "Villaverde Cultura"),
			"bibliotecas", new Mastodon("account-silent.json", "statuses-silent.json", "111000000000000003", "Bibliotecas de Villaverde"),
			"juventud", new Mastodon("account-moved.json", "statuses-silent.json", "111000000000000004", "Villaverde Joven"),
			"deportes", new Mastodon("account-suspended.json", "statuses-active.json", "111000000000000005", "Deportes Villaverde"),
			"hostil", new Mastodon("account-active.json", "statuses-active.json", "111000000000000006", HOSTILE_NAME));

	/** Bluesky actors that exist, by handle: their DID and display name. */
	static final Map<String, List<String>> BLUESKY = Map.of("villaverde.example",
			List.of("did:plc:villaverde2ayto3es4main5", "Ayuntamiento de Villaverde"));

	/** Requests no fixture answered, for the test to show. */
	final List<String> unexpected = new CopyOnWriteArrayList<>();

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var url = request.getUrl();
		var path = url.encodedPath();
		if (path.equals("/api/v1/accounts/lookup")) {
			var name = String.valueOf(url.queryParameter("acct"));
			var account = MASTODON.get(name);
			return (account != null) ? mastodon(account.account(), account) : unexpected(request);
		}
		if (path.startsWith("/api/v1/accounts/") && path.endsWith("/statuses")) {
			var id = path.substring("/api/v1/accounts/".length(), path.length() - "/statuses".length());
			return MASTODON.values().stream().filter(account -> account.id().equals(id)).findFirst()
				.map(account -> mastodon(account.statuses(), account)).orElseGet(() -> unexpected(request));
		}
		return switch (path) {
			case "/xrpc/app.bsky.actor.getProfile" -> bluesky("bluesky/profile-active.json", url.queryParameter("actor"), request);
			case "/xrpc/app.bsky.feed.getAuthorFeed" -> bluesky("bluesky/feed-active.json", url.queryParameter("actor"), request);
			case "/feeds/videos.xml" -> answer(200, "text/xml; charset=UTF-8", read("feed/youtube-silent.xml"));
			case "/noticias/rss.xml" -> answer(200, "application/rss+xml; charset=utf-8", read("feed/rss2-silent.xml"));
			case "/s/villaverde_turismo", "/s/villaverde_avisos" -> answer(200, "text/html; charset=utf-8",
					read("telegram/channel-silent.html").replace("culturavlc", path.substring("/s/".length())));
			default -> unexpected(request);
		};
	}

	private MockResponse mastodon(String fixture, Mastodon account) {
		return json(200, read("mastodon/" + fixture).replace(FIXTURE_MASTODON_ID, account.id())
			.replace("\"" + FIXTURE_NAME + "\"", jsonString(account.displayName()))
			.replace(FIXTURE_NAME, "Ayuntamiento de Villaverde"));
	}

	/** A Bluesky actor by handle or DID: the fixture under its own identity, or Bluesky's answers for the others. */
	private MockResponse bluesky(String fixture, String actor, RecordedRequest request) {
		for (var entry : BLUESKY.entrySet()) {
			var did = entry.getValue().get(0);
			if (entry.getKey().equals(actor) || did.equals(actor)) {
				return json(200, read(fixture).replace(FIXTURE_DID, did)
					.replace("cultura.gob.example", entry.getKey())
					.replace("\"" + FIXTURE_NAME + "\"", jsonString(entry.getValue().get(1)))
					.replace(FIXTURE_NAME, "Ayuntamiento de Villaverde"));
			}
		}
		return switch (String.valueOf(actor)) {
			case "cultura-villaverde.bsky.social" -> json(400, read("bluesky/error-not-found.json"));
			case "juventud-villaverde.bsky.social" -> json(400, read("bluesky/error-deactivated.json"));
			default -> unexpected(request);
		};
	}

	private MockResponse unexpected(RecordedRequest request) {
		unexpected.add(request.getTarget());
		return answer(418, "text/plain", "no fixture for " + request.getTarget());
	}

	private static String jsonString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static MockResponse json(int code, String body) {
		return answer(code, "application/json; charset=utf-8", body);
	}

	private static MockResponse answer(int code, String contentType, String body) {
		return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
	}

	private static String read(String fixture) {
		try (var in = VillaverdePlatforms.class.getResourceAsStream("/fixtures/" + fixture)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + fixture);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
