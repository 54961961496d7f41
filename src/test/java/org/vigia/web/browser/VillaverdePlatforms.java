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
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Mastodon, Bluesky, YouTube, a news feed and Telegram as the fixtures show them, for a fictional town hall's accounts;
 * every name answers with the fixture of its story (active, silent, suspended, moved, deleted...) under its own id,
 * display name and handle, so that the dashboard shows a believable registry.
 * <p>
 * For look-alike discovery, Bluesky's and Mastodon's account searches find the accounts outside the registry that
 * bear the town's name: an impersonator, the sports department's own account under the town hall's domain, and
 * namesakes that are no threat (another town, a fan account, a football club). Every other handle a discovery run
 * probes is unknown, and the platforms say so as they do: Bluesky with HTTP 400 "Profile not found", Mastodon with
 * 404 "Record not found".
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

	/** The town hall's own domain, under which an account proves official control. */
	static final String OFFICIAL_DOMAIN = "villaverde.example";

	/** The official Bluesky bio as the fixture shows it for the town hall, which the impersonator copies. */
	static final String OFFICIAL_BIO = "Cuenta oficial del Ayuntamiento de Villaverde.\nAtención al público: "
			+ "https://www.cultura.example/contacto";

	/** A Bluesky account outside the registry: handle, DID, display name, bio and creation time. */
	record Lookalike(String handle, String did, String displayName, String bio, String createdAt) {
	}

	/** Found twelve days before {@link DashboardBrowserTests#T0}: the alias, a tick, the copied bio and a trap. */
	static final Lookalike IMPERSONATOR = new Lookalike("ayto-villaverde.bsky.social", "did:plc:aytovillaverdefalso00001",
			"Ayto. de Villaverde ✔", OFFICIAL_BIO + " " + HOSTILE_NAME, "2026-05-02T09:30:00.000Z");

	/** The sports department's account, under the town hall's domain but missing from the registry. */
	static final Lookalike UNREGISTERED = new Lookalike("deportes." + OFFICIAL_DOMAIN, "did:plc:deportesvillaverde000001",
			"Deportes Villaverde", "Concejalía de Deportes del Ayuntamiento de Villaverde", "2024-02-01T10:00:00.000Z");

	/** What a search for the town's names finds on Bluesky: the official account, the two above and two namesakes. */
	static final List<Lookalike> BLUESKY_SEARCH = List.of(
			new Lookalike(OFFICIAL_DOMAIN, "did:plc:villaverde2ayto3es4main5", "Ayuntamiento de Villaverde", OFFICIAL_BIO,
					"2023-09-12T08:21:44.812Z"),
			IMPERSONATOR, UNREGISTERED,
			new Lookalike("aytovillaviciosa.bsky.social", "did:plc:aytovillaviciosa00000001", "Ayuntamiento de Villaviciosa",
					"Cuenta oficial del Ayuntamiento de Villaviciosa", "2023-01-01T10:00:00.000Z"),
			new Lookalike("villaverdefotos.bsky.social", "did:plc:villaverdefotos000000001", "Villaverde en fotos",
					"Fotos del pueblo. Cuenta de fans, no oficial.", "2022-01-01T10:00:00.000Z"));

	/** A Mastodon account on the mock server that is no official's: its id, display name and bio. */
	record Namesake(String id, String displayName, String bio) {
	}

	/** Mastodon namesakes by user name: a football club. */
	static final Map<String, Namesake> MASTODON_NAMESAKES = Map.of("cdvillaverde",
			new Namesake("111000000000000077", "Club Deportivo Villaverde", "Fútbol base y primer equipo. ¡Aúpa CD!"));

	/** Requests no fixture answered, for the test to show. */
	final List<String> unexpected = new CopyOnWriteArrayList<>();

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var url = request.getUrl();
		var path = url.encodedPath();
		if (path.equals("/api/v1/accounts/lookup")) {
			var name = String.valueOf(url.queryParameter("acct"));
			var account = MASTODON.get(name);
			if (account != null) {
				return mastodon(account.account(), account);
			}
			var namesake = MASTODON_NAMESAKES.get(name);
			return (namesake != null) ? json(200, mastodonAccount(url, name, namesake))
					: json(404, read("mastodon/not-found.json"));
		}
		if (path.equals("/api/v2/search")) {
			return mastodonSearch(url);
		}
		if (path.startsWith("/api/v1/accounts/") && path.endsWith("/statuses")) {
			var id = path.substring("/api/v1/accounts/".length(), path.length() - "/statuses".length());
			return MASTODON.values().stream().filter(account -> account.id().equals(id)).findFirst()
				.map(account -> mastodon(account.statuses(), account)).orElseGet(() -> unexpected(request));
		}
		return switch (path) {
			case "/xrpc/app.bsky.actor.getProfile" -> bluesky("bluesky/profile-active.json", url.queryParameter("actor"), request);
			case "/xrpc/app.bsky.actor.getProfiles" -> blueskyProfiles(url);
			case "/xrpc/app.bsky.actor.searchActors" -> blueskySearch(url);
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
		if (request.getUrl().encodedPath().equals("/xrpc/app.bsky.actor.getProfile")) {
			// The accounts outside the registry, when a permutation or a reported look-alike is probed again.
			for (var lookalike : BLUESKY_SEARCH.subList(1, BLUESKY_SEARCH.size())) {
				if (lookalike.handle().equals(actor) || lookalike.did().equals(actor)) {
					return json(200, blueskyActor(lookalike, true));
				}
			}
		}
		return switch (String.valueOf(actor)) {
			case "juventud-villaverde.bsky.social" -> json(400, read("bluesky/error-deactivated.json"));
			default -> json(400, read("bluesky/error-not-found.json"));
		};
	}

	/** Several profiles at once, as permutations are probed: those that exist, the others left out. */
	private static MockResponse blueskyProfiles(HttpUrl url) {
		var profiles = new java.util.ArrayList<String>();
		for (var actor : url.queryParameterValues("actors")) {
			for (var lookalike : BLUESKY_SEARCH.subList(1, BLUESKY_SEARCH.size())) {
				if (lookalike.handle().equals(actor) || lookalike.did().equals(actor)) {
					profiles.add(blueskyActor(lookalike, true));
				}
			}
		}
		return json(200, "{\"profiles\": [" + String.join(",", profiles) + "]}");
	}

	/** Bluesky's actor search: the accounts whose handle, name or bio has a word of the query. */
	private static MockResponse blueskySearch(HttpUrl url) {
		var words = words(url.queryParameter("q"));
		var actors = BLUESKY_SEARCH.stream()
			.filter(actor -> matches(words, actor.handle() + " " + actor.displayName() + " " + actor.bio()))
			.limit(limit(url, 25))
			.map(actor -> blueskyActor(actor, false))
			.toList();
		return json(200, "{\"actors\": [" + String.join(",", actors) + "]}");
	}

	/** Mastodon's search, accounts only: the town hall's account and the football club, for the town's name. */
	private static MockResponse mastodonSearch(HttpUrl url) {
		var words = words(url.queryParameter("q"));
		var accounts = new java.util.ArrayList<String>();
		var official = MASTODON.get("ayuntamiento");
		if (matches(words, official.displayName())) {
			accounts.add(mastodonAccount(url, "ayuntamiento",
					new Namesake(official.id(), official.displayName(), OFFICIAL_BIO.replace("\n", " "))));
		}
		MASTODON_NAMESAKES.forEach((name, account) -> {
			if (matches(words, name + " " + account.displayName())) {
				accounts.add(mastodonAccount(url, name, account));
			}
		});
		return json(200, "{\"accounts\": [" + String.join(",", accounts.subList(0, Math.min(accounts.size(),
				limit(url, 40)))) + "], \"statuses\": [], \"hashtags\": []}");
	}

	private static List<String> words(@Nullable String query) {
		return java.util.Arrays.stream(String.valueOf(query).toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter(word -> word.length() >= 4)
			.toList();
	}

	private static boolean matches(List<String> words, String text) {
		var lower = text.toLowerCase(java.util.Locale.ROOT);
		return words.stream().anyMatch(lower::contains);
	}

	private static int limit(HttpUrl url, int fallback) {
		var limit = url.queryParameter("limit");
		return (limit != null && limit.matches("\\d{1,3}")) ? Integer.parseInt(limit) : fallback;
	}

	/** An {@code app.bsky.actor.defs#profileView} as search lists it, or a profileViewDetailed as getProfile has it. */
	private static String blueskyActor(Lookalike actor, boolean detailed) {
		var counts = detailed ? "\"followersCount\": 38, \"followsCount\": 212, \"postsCount\": 9, " : "";
		return """
				{"did": %s, "handle": %s, "displayName": %s, "description": %s,
				 "avatar": "https://cdn.bsky.app/img/avatar/plain/%s/bafkreigh2akiscaildc4lz3xbvgzqbfgqaqy6x2q3f@jpeg",
				 "associated": {"lists": 0, "feedgens": 0, "starterPacks": 0, "labeler": false},
				 "indexedAt": "2026-05-10T10:00:00.000Z", "createdAt": %s, %s
				 "viewer": {"muted": false, "blockedBy": false}, "labels": []}
				""".formatted(jsonString(actor.did()), jsonString(actor.handle()), jsonString(actor.displayName()),
				jsonString(actor.bio()), actor.did(), jsonString(actor.createdAt()), counts);
	}

	/** A Mastodon Account entity of a local account of the server asked. */
	private static String mastodonAccount(HttpUrl url, String name, Namesake account) {
		var base = url.scheme() + "://" + url.host() + ":" + url.port();
		return """
				{"id": %s, "username": %s, "acct": %s, "display_name": %s, "locked": false, "bot": false,
				 "discoverable": true, "group": false, "created_at": "2019-03-01T00:00:00.000Z", "note": %s,
				 "url": %s, "uri": %s,
				 "avatar": "https://files.villaverde.example/accounts/avatars/%s/original/avatar.png",
				 "avatar_static": "https://files.villaverde.example/accounts/avatars/%s/original/avatar.png",
				 "header": "https://files.villaverde.example/headers/original/missing.png",
				 "header_static": "https://files.villaverde.example/headers/original/missing.png",
				 "followers_count": 412, "following_count": 35, "statuses_count": 860,
				 "last_status_at": "2026-05-10", "emojis": [], "fields": []}
				""".formatted(jsonString(account.id()), jsonString(name), jsonString(name),
				jsonString(account.displayName()), jsonString("<p>" + account.bio() + "</p>"), jsonString(base + "/@" + name),
				jsonString(base + "/users/" + name), account.id(), account.id());
	}

	private MockResponse unexpected(RecordedRequest request) {
		unexpected.add(request.getTarget());
		return answer(418, "text/plain", "no fixture for " + request.getTarget());
	}

	private static String jsonString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
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
