package org.vigia.platform;

import java.net.URI;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * The platform directory over the networks' {@link LookalikeSource}s: it cleans what discovery asks before any source
 * sees it, and fetches avatars itself, because an avatar URL comes from a hostile profile and may point anywhere.
 */
@Service
class DefaultPlatformDirectory implements PlatformDirectory {

	/** Longer queries are cut: names of institutions fit, and platforms answer long queries with nothing or errors. */
	static final int MAX_QUERY_LENGTH = 100;

	private static final Logger log = LoggerFactory.getLogger(DefaultPlatformDirectory.class);

	// Followed by hand, so that every hop is held to the scheme rule and not only the first.
	private static final int MAX_REDIRECTS = 3;

	// Control and format characters (zero-width joiners, direction marks) match nothing anyone searches for.
	private static final Pattern NOISE = Pattern.compile("[\\p{Cc}\\p{Cf}\\s]+");

	private final Map<Platform, LookalikeSource> sources = new EnumMap<>(Platform.class);

	private final PlatformHttpClient http;

	private final boolean plainHttp;

	@Autowired
	DefaultPlatformDirectory(List<LookalikeSource> sources, PlatformHttpClient http) {
		// Where private addresses are allowed (tests, intranets) plain http is as well: local servers rarely have TLS.
		this(sources, http, http.allowsPrivateAddresses());
	}

	/** @param plainHttp whether avatars may come over http, which tests need to reach a guarded local server */
	DefaultPlatformDirectory(List<LookalikeSource> sources, PlatformHttpClient http, boolean plainHttp) {
		for (var source : sources) {
			var previous = this.sources.put(source.platform(), source);
			if (previous != null) {
				throw new IllegalStateException("Two look-alike sources for " + source.platform() + ": "
						+ previous.getClass().getName() + " and " + source.getClass().getName());
			}
		}
		this.http = http;
		this.plainHttp = plainHttp;
	}

	@Override
	public Set<Platform> searchable() {
		return Collections.unmodifiableSet(sources.keySet());
	}

	@Override
	public AccountSearch search(Platform platform, String query, @Nullable URI server, int limit) {
		return search(platform, query, server, limit, Duration.ZERO);
	}

	@Override
	public AccountSearch search(Platform platform, String query, @Nullable URI server, int limit, Duration patience) {
		var source = sources.get(platform);
		if (source == null) {
			throw new IllegalArgumentException("Vigía cannot search " + platform.label() + " accounts; it searches "
					+ sources.keySet());
		}
		if (limit < 1) {
			throw new IllegalArgumentException("the search limit must be at least 1, but is " + limit);
		}
		return source.search(clean(query), server, Math.min(limit, source.maxResults()), patience);
	}

	@Override
	public HandleProbe probe(AccountAddress address) {
		var source = sources.get(address.platform());
		if (source == null) {
			return HandleProbe.unknown("Vigía cannot look up handles on " + address.platform().label(), null);
		}
		return source.probe(address);
	}

	@Override
	public int probeBatch(Platform platform) {
		var source = sources.get(platform);
		return (source == null) ? 1 : source.probeBatch();
	}

	@Override
	public Map<AccountAddress, HandleProbe> probe(List<AccountAddress> addresses, Duration patience) {
		if (addresses.isEmpty()) {
			return Map.of();
		}
		var platform = addresses.get(0).platform();
		if (addresses.stream().anyMatch(address -> address.platform() != platform)) {
			throw new IllegalArgumentException("handles of several platforms in one probe: " + addresses);
		}
		var source = sources.get(platform);
		if (source == null) {
			var answers = new java.util.LinkedHashMap<AccountAddress, HandleProbe>();
			addresses.forEach(address -> answers.put(address, probe(address)));
			return answers;
		}
		if (addresses.size() > source.probeBatch()) {
			throw new IllegalArgumentException(platform.label() + " looks up at most " + source.probeBatch()
					+ " handles at once, not " + addresses.size());
		}
		return source.probe(List.copyOf(addresses), patience);
	}

	@Override
	public byte @Nullable [] image(String url, int maxBytes) {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be at least 1, but is " + maxBytes);
		}
		var target = HttpUrl.parse(url.strip());
		for (int redirects = 0; target != null && redirects <= MAX_REDIRECTS; redirects++) {
			if (!target.isHttps() && !plainHttp) {
				log.debug("Not fetching the image {}: not https", target.redact());
				return null;
			}
			HttpResult answer;
			try {
				answer = http.get(HttpGet.of(owner(target), target.toString())
					.withoutRedirects()
					.limit(maxBytes)
					.header("Accept", "image/*"));
			}
			catch (HttpFailure failure) {
				log.debug("Not fetching the image {}: {}", target.redact(), Calls.describe(failure));
				return null;
			}
			if (answer.status() >= 300 && answer.status() < 400) {
				var location = answer.header("Location");
				target = (location == null) ? null : target.resolve(location);
				continue;
			}
			return image(answer, target);
		}
		log.debug("Not fetching the image {}: not an http(s) URL, or too many redirects", url);
		return null;
	}

	private static byte @Nullable [] image(HttpResult answer, HttpUrl url) {
		if (answer.status() != 200 || answer.body().length == 0) {
			log.debug("Not fetching the image {}: HTTP {} with {} bytes", url.redact(), answer.status(),
					answer.body().length);
			return null;
		}
		var type = mediaType(answer.header("Content-Type"));
		// SVG is a document that can carry scripts, and no avatar needs it.
		if (!type.startsWith("image/") || type.startsWith("image/svg")) {
			log.debug("Not fetching the image {}: its content type is '{}'", url.redact(), type);
			return null;
		}
		return answer.body();
	}

	private static String mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return "";
		}
		var semicolon = contentType.indexOf(';');
		return ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
	}

	/** Whose traffic an avatar is, for the client's metrics: Bluesky's CDN, or else a Mastodon media host. */
	private static Platform owner(HttpUrl url) {
		var host = url.host();
		return (host.equals("bsky.app") || host.endsWith(".bsky.app") || host.endsWith(".bsky.network"))
				? Platform.BLUESKY : Platform.MASTODON;
	}

	/**
	 * The query as composed Unicode (so that "Mo\u0301stoles" finds "Móstoles"), with runs of whitespace and invisible
	 * characters turned into one space, and cut at {@value #MAX_QUERY_LENGTH} characters without splitting one.
	 */
	static String clean(String query) {
		var cleaned = NOISE.matcher(Normalizer.normalize(query, Normalizer.Form.NFC)).replaceAll(" ").strip();
		if (cleaned.isEmpty()) {
			throw new IllegalArgumentException("the search query is empty");
		}
		if (cleaned.codePointCount(0, cleaned.length()) > MAX_QUERY_LENGTH) {
			cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX_QUERY_LENGTH)).strip();
		}
		return cleaned;
	}

}
