package org.vigia.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.vigia.bench.LookalikeCorpus.Case;
import org.vigia.bench.LookalikeCorpus.Entry;
import org.vigia.discovery.permutation.HandlePermutations;
import org.vigia.discovery.permutation.PermutationSettings;
import org.vigia.discovery.scoring.Identity;
import org.vigia.discovery.scoring.Institution;
import org.vigia.discovery.scoring.Link;
import org.vigia.platform.Platform;

/**
 * The look-alike corpus as the platforms would show it, on local servers: one Bluesky AppView and seven Mastodon
 * servers, answering exactly the calls Vigía makes, shaped as the real APIs answer them (see DESIGN.md, "Platform
 * facts"): {@code getProfile}, {@code getProfiles} (the actors that exist, the others left out), {@code getAuthorFeed}
 * and {@code searchActors} on the AppView; {@code /api/v1/accounts/lookup}, {@code /statuses} and
 * {@code /api/v2/search?type=accounts} on each Mastodon server. Avatars are drawn again from the corpus' recipes and
 * served as the images whose hashes the corpus holds.
 * <p>
 * The corpus' Mastodon servers map onto the seven: the five large ones each to its own, the regional ones
 * (mastodon.gal, mastodont.cat, mastodon.eus) to one, the institutions' own ({@code social.*}) to another.
 * <p>
 * <b>Searches</b> match as the platforms' account searches do: every word of the query, accents and case folded and
 * invisible characters dropped, must begin a word of the display name or the handle (look-alike letters from other
 * scripts match nothing, as on the platforms); an account's own server knows it (Mastodon), the AppView knows every
 * Bluesky account. Results come in the order of an exact name match first, then by handle, up to the limit asked.
 * <b>Hidden</b> accounts are left out of every search: half of the impersonators of the handle families (homoglyph,
 * omission, repetition, transposition, separator, affix) whose handle is one Vigía's permutations can reach, as
 * new accounts not yet indexed are; only a probe finds them.
 * <p>
 * <b>Rate limits</b> are the published ones, counted in fixed windows: 300 requests per window on each Mastodon server
 * (X-RateLimit-Limit, -Remaining and -Reset as an ISO time), 3000 on the AppView (RateLimit-*, the reset in Unix
 * seconds); a request beyond the limit gets a 429. The windows last {@code window} instead of 5 minutes, so that a run
 * that has to wait for them takes seconds.
 */
final class LookalikeUniverse {

	/** The handle families an impersonator can be hidden from search in: only a probe reaches them. */
	static final Set<String> PROBE_FAMILIES = Set.of("homoglyph-0/o", "homoglyph-1/l/i", "homoglyph-rn/m",
			"homoglyph-vv/w", "homoglyph-cl/d", "omission", "repetition", "transposition", "separator", "affix");

	/** The corpus' Mastodon servers, by the fake server that plays them. */
	static final List<List<String>> SERVERS = List.of(List.of("mastodon.social"), List.of("mastodon.online"),
			List.of("mstdn.social"), List.of("masto.es"), List.of("mas.to"),
			List.of("mastodon.gal", "mastodont.cat", "mastodon.eus"), List.of("social.*"));

	static final int MASTODON_LIMIT = 300;

	static final int APPVIEW_LIMIT = 3000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One account on a platform, as the fake shows it, and the corpus case it stands for (null for officials). */
	record Account(Platform platform, String handle, String name, int server, String id, Identity identity,
			boolean hidden, @Nullable Case item, int institution, List<String> words, String phrase) {
	}

	/** An institution as registered: its name, aliases, domains and official accounts in the fake's handles. */
	record Registered(Institution institution, List<Account> officials) {
	}

	final MockWebServer appView = new MockWebServer();

	final List<MockWebServer> mastodon = new ArrayList<>();

	private final Duration window;

	// The corpus is dated for its own now; the platforms show its dates moved to the run's, so that young stays young.
	private final Duration shift = Duration.between(LookalikeCorpus.NOW, Instant.now());

	private final Map<String, Account> bluesky = new ConcurrentHashMap<>();

	private final Map<String, Account> dids = new ConcurrentHashMap<>();

	private final List<Map<String, Account>> locals = new ArrayList<>();

	private final List<Map<String, Account>> ids = new ArrayList<>();

	private final List<Registered> registered = new ArrayList<>();

	private final List<Account> candidates = new ArrayList<>();

	private volatile @Nullable LookalikeCorpus corpus;

	/** Requests per fake server and window, for the figures and to check that none went over its limit. */
	final Map<String, AtomicInteger> windows = new ConcurrentHashMap<>();

	final AtomicInteger tooMany = new AtomicInteger();

	final AtomicLong blueskyRequests = new AtomicLong();

	final AtomicLong mastodonRequests = new AtomicLong();

	final AtomicLong avatarRequests = new AtomicLong();

	/** Cases left out because their handle was taken already. */
	int dropped;

	/** Namesakes left out because their town is an institution of the corpus too, to which they are impersonators. */
	int otherInstitutions;

	int hidden;

	LookalikeUniverse(Duration window) {
		this.window = window;
		for (int i = 0; i < SERVERS.size(); i++) {
			this.mastodon.add(new MockWebServer());
			this.locals.add(new ConcurrentHashMap<>());
			this.ids.add(new ConcurrentHashMap<>());
		}
	}

	/** Starts the servers, each on its own port of the loopback address. */
	void start() {
		try {
			var loopback = InetAddress.getByName("127.0.0.1");
			this.appView.setDispatcher(new AppView());
			this.appView.start(loopback, 0);
			for (int i = 0; i < this.mastodon.size(); i++) {
				this.mastodon.get(i).setDispatcher(new Mastodon(i));
				this.mastodon.get(i).start(loopback, 0);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void close() {
		this.appView.close();
		this.mastodon.forEach(MockWebServer::close);
	}

	String appViewUrl() {
		return "http://127.0.0.1:" + this.appView.getPort();
	}

	/** The Mastodon servers as {@code vigia.discovery.mastodon-instances} takes them. */
	List<String> mastodonUrls() {
		return this.mastodon.stream().map(server -> "http://127.0.0.1:" + server.getPort()).toList();
	}

	String authority(int server) {
		return "127.0.0.1:" + this.mastodon.get(server).getPort();
	}

	List<Registered> registered() {
		return this.registered;
	}

	/** Every candidate account, with the case it stands for. */
	List<Account> candidates() {
		return this.candidates;
	}

	/**
	 * Puts the corpus on the platforms: the institutions' official accounts first, then every Bluesky and Mastodon
	 * case of theirs; a case whose handle is taken already is left out (and counted), as a platform would refuse it.
	 */
	void populate(LookalikeCorpus corpus, List<Entry> entries, long seed) {
		this.corpus = corpus;
		var random = new Random(seed ^ 0x5DEECE66DL);
		for (int i = 0; i < entries.size(); i++) {
			var officials = new ArrayList<Account>();
			var identities = new ArrayList<Identity>();
			for (var official : entries.get(i).institution().officialAccounts()) {
				var account = add(official, false, null, i);
				if (account != null) {
					officials.add(account);
					identities.add(account.identity());
				}
			}
			var institution = entries.get(i).institution();
			this.registered.add(new Registered(new Institution(institution.name(), institution.aliases(),
					institution.officialDomains(), identities, Map.of()), officials));
		}
		var permutations = new HandlePermutations(new PermutationSettings(PermutationSettings.DEFAULT_AFFIXES,
				List.of("es"), java.util.stream.IntStream.range(0, this.mastodon.size()).mapToObj(this::authority)
					.toList(), "bsky.social", PermutationSettings.DEFAULT_WORDS, 500));
		var places = new HashSet<String>();
		for (var entry : entries) {
			var place = place(entry.institution().name());
			if (place != null) {
				places.add(place);
			}
		}
		for (int i = 0; i < entries.size(); i++) {
			var reachable = new HashSet<String>();
			for (var official : this.registered.get(i).officials()) {
				permutations.of(official.platform(), official.handle())
					.forEach(permutation -> reachable.add(permutation.handle()));
			}
			for (var item : entries.get(i).cases()) {
				var platform = item.candidate().platform();
				if (platform != Platform.BLUESKY && platform != Platform.MASTODON) {
					continue;
				}
				if (item.family().equals("other-institution")) {
					// Another institution's official account: it is on the platform already, as that institution's.
					continue;
				}
				var place = place(item.candidate().displayName());
				if (!item.positive() && place != null && places.contains(place)
						&& !place.equals(place(entries.get(i).institution().name()))) {
					// A similar town that is an institution of the corpus too: to that one, it is an impersonator.
					this.otherInstitutions++;
					continue;
				}
				var handle = handle(item.candidate());
				boolean hide = item.positive() && PROBE_FAMILIES.contains(item.family()) && handle != null
						&& reachable.contains(handle) && random.nextBoolean();
				var account = add(item.candidate(), hide, item, i);
				if (account == null) {
					this.dropped++;
					continue;
				}
				this.candidates.add(account);
				if (hide) {
					this.hidden++;
				}
			}
		}
	}

	/** The place a name is of ("vilagarciadearousa" of "Concello de Vilagarcía de Arousa"), run together. */
	private static @Nullable String place(@Nullable String name) {
		var place = org.vigia.discovery.scoring.Names.place(name);
		return (place == null) ? null : org.vigia.discovery.scoring.Names.compact(place);
	}

	/** The corpus handle in the fake's terms: Mastodon servers by their fake's authority. */
	private @Nullable String handle(Identity identity) {
		if (identity.platform() == Platform.BLUESKY) {
			return identity.handle().toLowerCase(Locale.ROOT);
		}
		var at = identity.handle().indexOf('@');
		return identity.handle().substring(0, at).toLowerCase(Locale.ROOT) + "@"
				+ authority(server(identity.handle().substring(at + 1)));
	}

	private static int server(String name) {
		for (int i = 0; i < SERVERS.size() - 1; i++) {
			if (SERVERS.get(i).contains(name)) {
				return i;
			}
		}
		return SERVERS.size() - 1;
	}

	private @Nullable Account add(Identity identity, boolean hide, @Nullable Case item, int institution) {
		var handle = handle(identity);
		if (handle == null) {
			return null;
		}
		try {
			handle = identity.platform().parse(handle).handle();
		}
		catch (RuntimeException ex) {
			return null;
		}
		var mapped = new Identity(identity.platform(), handle, identity.displayName(), identity.bio(), identity.links(),
				identity.avatarHash(), identity.createdAt(), identity.followers());
		if (identity.platform() == Platform.BLUESKY) {
			if (this.bluesky.containsKey(handle)) {
				return null;
			}
			var did = "did:plc:corpus" + String.format(Locale.ROOT, "%018d", this.dids.size());
			var account = new Account(Platform.BLUESKY, handle, handle, -1, did, mapped, hide, item, institution,
					indexed(mapped, handle.replaceFirst("\\.bsky\\.social$", "")), phrase(mapped));
			this.bluesky.put(handle, account);
			this.dids.put(did, account);
			return account;
		}
		var at = handle.indexOf('@');
		var name = handle.substring(0, at);
		int server = server(identity.handle().substring(identity.handle().indexOf('@') + 1));
		if (this.locals.get(server).containsKey(name)) {
			return null;
		}
		var id = String.valueOf(110_000_000_000_000_000L + this.locals.get(server).size() * 97L + server);
		var account = new Account(Platform.MASTODON, handle, name, server, id, mapped, hide, item, institution,
				indexed(mapped, name), phrase(mapped));
		this.locals.get(server).put(name, account);
		this.ids.get(server).put(id, account);
		return account;
	}

	// Searches

	/** The words of a text as the fake search indexes and queries them: accents and case folded. */
	static List<String> words(@Nullable String text) {
		if (text == null) {
			return List.of();
		}
		var folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
			.replaceAll("[\\p{Mn}\\p{Cf}]", "")
			.toLowerCase(Locale.ROOT);
		var words = new ArrayList<String>();
		for (var word : folded.split("[^\\p{L}\\p{N}]+")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

	/** What the search indexes of an account: the words of its display name and of its handle's name. */
	private static List<String> indexed(Identity identity, String local) {
		var words = new ArrayList<>(words(identity.displayName()));
		words.addAll(words(local));
		words.add(local.replaceAll("[._-]", ""));
		return List.copyOf(words);
	}

	private static String phrase(Identity identity) {
		return String.join(" ", words(identity.displayName()));
	}

	private static boolean matches(List<String> query, Account account) {
		for (var term : query) {
			if (account.words().stream().noneMatch(word -> word.startsWith(term))) {
				return false;
			}
		}
		return true;
	}

	private static List<Account> search(java.util.Collection<Account> accounts, @Nullable String q, int limit) {
		var query = words(q);
		if (query.isEmpty()) {
			return List.of();
		}
		var phrase = String.join(" ", query);
		return accounts.stream()
			.filter(account -> !account.hidden() && matches(query, account))
			.sorted(java.util.Comparator.comparing((Account account) -> !account.phrase().equals(phrase))
				.thenComparing(Account::handle))
			.limit(limit)
			.toList();
	}

	private static int limit(HttpUrl url, int most) {
		var limit = url.queryParameter("limit");
		return (limit != null && limit.matches("\\d{1,3}")) ? Math.min(most, Integer.parseInt(limit)) : most;
	}

	// Rate limits

	/** Counts the request in its server's window: the headers' values, or null when the window is used up. */
	private String @Nullable [] count(String server, int limit) {
		long now = System.currentTimeMillis();
		long index = now / this.window.toMillis();
		int used = this.windows.computeIfAbsent(server + "#" + index, key -> new AtomicInteger()).incrementAndGet();
		var reset = Instant.ofEpochMilli((index + 1) * this.window.toMillis());
		var headers = new String[] { String.valueOf(limit), String.valueOf(Math.max(0, limit - used)), reset.toString(),
				String.valueOf((reset.toEpochMilli() + 999) / 1000) };
		if (used > limit) {
			this.tooMany.incrementAndGet();
			return new String[] { headers[0], "0", headers[2], headers[3], "429" };
		}
		return headers;
	}

	/** The most requests any window of a server took, by server. */
	Map<String, Integer> busiestWindows() {
		var busiest = new LinkedHashMap<String, Integer>();
		this.windows.forEach((key, count) -> busiest.merge(key.substring(0, key.indexOf('#')), count.get(), Math::max));
		return busiest;
	}

	// Answers

	private final class AppView extends Dispatcher {

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			var url = request.getUrl();
			var path = url.encodedPath();
			if (path.startsWith("/avatars/")) {
				avatarRequests.incrementAndGet();
				return avatar(path);
			}
			blueskyRequests.incrementAndGet();
			var limits = count("appview", APPVIEW_LIMIT);
			if (limits.length > 4) {
				return bluesky(429, "{\"error\": \"RateLimitExceeded\", \"message\": \"Rate Limit Exceeded\"}", limits);
			}
			return switch (path) {
				case "/xrpc/app.bsky.actor.getProfile" -> {
					var account = actor(String.valueOf(url.queryParameter("actor")));
					yield (account == null)
							? bluesky(400, "{\"error\": \"InvalidRequest\", \"message\": \"Profile not found\"}", limits)
							: bluesky(200, profile(account, true), limits);
				}
				case "/xrpc/app.bsky.actor.getProfiles" -> {
					var profiles = new ArrayList<String>();
					var actors = url.queryParameterValues("actors");
					if (actors.size() > 25) {
						yield bluesky(400, "{\"error\": \"InvalidRequest\", \"message\": \"Error: actors must not have "
								+ "more than 25 elements\"}", limits);
					}
					for (var actor : actors) {
						var account = actor(String.valueOf(actor));
						if (account != null) {
							profiles.add(profile(account, true));
						}
					}
					yield bluesky(200, "{\"profiles\": [" + String.join(",", profiles) + "]}", limits);
				}
				case "/xrpc/app.bsky.feed.getAuthorFeed" -> bluesky(200, "{\"feed\": []}", limits);
				case "/xrpc/app.bsky.actor.searchActors" -> {
					var found = search(bluesky.values(), url.queryParameter("q"), limit(url, 100)).stream()
						.map(account -> profile(account, false))
						.toList();
					yield bluesky(200, "{\"actors\": [" + String.join(",", found) + "]}", limits);
				}
				default -> bluesky(400, "{\"error\": \"MethodNotImplemented\", \"message\": \"Method Not Implemented\"}",
						limits);
			};
		}

		private @Nullable Account actor(String actor) {
			return actor.startsWith("did:") ? dids.get(actor) : bluesky.get(actor.toLowerCase(Locale.ROOT));
		}

		private static MockResponse bluesky(int code, String body, String[] limits) {
			return new MockResponse.Builder().code(code)
				.addHeader("Content-Type", "application/json; charset=utf-8")
				.addHeader("RateLimit-Limit", limits[0])
				.addHeader("RateLimit-Remaining", limits[1])
				.addHeader("RateLimit-Reset", limits[3])
				.addHeader("RateLimit-Policy", limits[0] + ";w=300")
				.body(body)
				.build();
		}

	}

	private final class Mastodon extends Dispatcher {

		private final int server;

		Mastodon(int server) {
			this.server = server;
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			mastodonRequests.incrementAndGet();
			var url = request.getUrl();
			var path = url.encodedPath();
			var limits = count("mastodon-" + this.server, MASTODON_LIMIT);
			if (limits.length > 4) {
				return mastodon(429, "{\"error\": \"Too many requests\"}", limits);
			}
			var base = "http://" + authority(this.server);
			if (path.equals("/api/v1/accounts/lookup")) {
				var account = locals.get(this.server).get(String.valueOf(url.queryParameter("acct")));
				return (account == null) ? mastodon(404, "{\"error\": \"Record not found\"}", limits)
						: mastodon(200, account(base, account), limits);
			}
			if (path.equals("/api/v2/search")) {
				var found = search(locals.get(this.server).values(), url.queryParameter("q"), limit(url, 40)).stream()
					.map(account -> account(base, account))
					.toList();
				return mastodon(200, "{\"accounts\": [" + String.join(",", found) + "], \"statuses\": [], "
						+ "\"hashtags\": []}", limits);
			}
			if (path.startsWith("/api/v1/accounts/") && path.endsWith("/statuses")) {
				return mastodon(200, "[]", limits);
			}
			return mastodon(404, "{\"error\": \"Record not found\"}", limits);
		}

		private static MockResponse mastodon(int code, String body, String[] limits) {
			return new MockResponse.Builder().code(code)
				.addHeader("Content-Type", "application/json; charset=utf-8")
				.addHeader("X-RateLimit-Limit", limits[0])
				.addHeader("X-RateLimit-Remaining", limits[1])
				.addHeader("X-RateLimit-Reset", limits[2])
				.body(body)
				.build();
		}

	}

	/** An {@code app.bsky.actor.defs#profileViewDetailed} (getProfile, getProfiles), or a profileView (search). */
	private String profile(Account account, boolean detailed) {
		var identity = account.identity();
		var node = new LinkedHashMap<String, Object>();
		node.put("did", account.id());
		node.put("handle", account.handle());
		putIfPresent(node, "displayName", identity.displayName());
		// Bluesky has no profile fields: a link shows in the bio.
		var bio = (identity.bio() == null) ? "" : identity.bio();
		for (var link : identity.links()) {
			if (!bio.contains(link.url())) {
				bio = (bio + " " + link.url()).strip();
			}
		}
		putIfPresent(node, "description", bio);
		if (identity.avatarHash() != null) {
			node.put("avatar", appViewUrl() + "/avatars/" + Long.toHexString(identity.avatarHash()));
		}
		node.put("associated", Map.of("lists", 0, "feedgens", 0, "starterPacks", 0, "labeler", false));
		node.put("indexedAt", "2026-05-30T10:00:00.000Z");
		putInstant(node, "createdAt", identity.createdAt());
		if (detailed) {
			node.put("followersCount", (identity.followers() == null) ? 0 : identity.followers());
			node.put("followsCount", 12);
			node.put("postsCount", 40);
		}
		node.put("viewer", Map.of("muted", false, "blockedBy", false));
		node.put("labels", List.of());
		return JSON.writeValueAsString(node);
	}

	/** A Mastodon Account entity: links as profile fields, verified where the corpus says so. */
	private String account(String base, Account account) {
		var identity = account.identity();
		var node = new LinkedHashMap<String, Object>();
		node.put("id", account.id());
		node.put("username", account.name());
		node.put("acct", account.name());
		node.put("display_name", (identity.displayName() == null) ? "" : identity.displayName());
		node.put("locked", false);
		node.put("bot", false);
		node.put("discoverable", !account.hidden());
		node.put("group", false);
		putInstant(node, "created_at", identity.createdAt());
		node.put("note", (identity.bio() == null) ? "" : "<p>" + escape(identity.bio()) + "</p>");
		node.put("url", base + "/@" + account.name());
		node.put("uri", base + "/users/" + account.name());
		var avatar = (identity.avatarHash() == null) ? appViewUrl() + "/avatars/missing"
				: appViewUrl() + "/avatars/" + Long.toHexString(identity.avatarHash());
		node.put("avatar", avatar);
		node.put("avatar_static", avatar);
		node.put("header", base + "/headers/original/missing.png");
		node.put("header_static", base + "/headers/original/missing.png");
		node.put("followers_count", (identity.followers() == null) ? 0 : identity.followers());
		node.put("following_count", 12);
		node.put("statuses_count", 40);
		node.put("last_status_at", "2026-05-30");
		node.put("emojis", List.of());
		var fields = new ArrayList<Map<String, Object>>();
		for (Link link : identity.links()) {
			var field = new LinkedHashMap<String, Object>();
			field.put("name", "Web");
			field.put("value", "<a href=\"" + escape(link.url()) + "\" target=\"_blank\" rel=\"nofollow noopener me\">"
					+ escape(link.url()) + "</a>");
			field.put("verified_at", link.verified() ? "2025-01-01T00:00:00.000+00:00" : null);
			fields.add(field);
		}
		node.put("fields", fields);
		return JSON.writeValueAsString(node);
	}

	private MockResponse avatar(String path) {
		var corpus = this.corpus;
		var hex = path.substring("/avatars/".length());
		LookalikeCorpus.Recipe recipe = null;
		if (corpus != null && hex.matches("[0-9a-f]{1,16}")) {
			recipe = corpus.recipe(Long.parseUnsignedLong(hex, 16));
		}
		if (recipe == null) {
			return new MockResponse.Builder().code(404).build();
		}
		var bytes = recipe.bytes();
		boolean png = bytes.length > 4 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", png ? "image/png" : "image/jpeg")
			.body(new okio.Buffer().write(bytes))
			.build();
	}

	private static void putIfPresent(Map<String, Object> node, String key, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			node.put(key, value);
		}
	}

	private void putInstant(Map<String, Object> node, String key, @Nullable Instant instant) {
		node.put(key, (instant == null) ? "2020-01-01T00:00:00.000Z" : instant.plus(this.shift).toString());
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
