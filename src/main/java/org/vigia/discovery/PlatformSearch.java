package org.vigia.discovery;

import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.vigia.discovery.scoring.Names;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.AccountSearch;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformDirectory;

/**
 * Candidates from the platforms' account searches: each name of the organization once on Bluesky and on every
 * configured Mastodon server, in the order that finds most, {@code max-queries} names at most.
 */
@Component
class PlatformSearch implements CandidateSource {

	private static final Logger log = LoggerFactory.getLogger(PlatformSearch.class);

	private final PlatformDirectory directory;

	private final DiscoveryProperties properties;

	PlatformSearch(PlatformDirectory directory, DiscoveryProperties properties) {
		this.directory = directory;
		this.properties = properties;
	}

	@Override
	public void gather(Examination examination) {
		var queries = queries(examination.organization, examination.officials);
		var searchable = directory.searchable();
		var targets = new ArrayList<SearchTarget>();
		if (searchable.contains(Platform.BLUESKY)) {
			targets.add(new SearchTarget(Platform.BLUESKY, null, "Bluesky"));
		}
		if (searchable.contains(Platform.MASTODON)) {
			for (var server : properties.mastodonInstances()) {
				targets.add(new SearchTarget(Platform.MASTODON, server, server.getRawAuthority()));
			}
		}
		for (var target : targets) {
			for (var query : queries) {
				examination.searches.incrementAndGet();
				var result = directory.search(target.platform(), query, target.server(), properties.searchLimit(),
						properties.rateLimitWait());
				if (result.status() != AccountSearch.Status.OK) {
					examination.unanswered.incrementAndGet();
					log.debug("Search for '{}' on {} unanswered: {}", query, target.label(), result.error());
					if (result.status() == AccountSearch.Status.RATE_LIMITED) {
						// Honour the limit: the rest of this target's queries wait for the next run.
						break;
					}
					continue;
				}
				for (var account : result.accounts()) {
					examination.candidate(account).sources
						.add(org.vigia.platform.Message.of("source.search", query, target.label()).encode());
				}
			}
		}
	}

	private record SearchTarget(Platform platform, @Nullable URI server, String label) {
	}

	/**
	 * The names people would search for, most telling first: the organization's, its aliases, its accounts'; then
	 * the place it is named after ("La Orotava"), which impersonators keep when they disguise the rest (a Cyrillic
	 * letter in "Ayuntamiento", a handle such as laorotava_hoy), its accounts' handles, and the place written as
	 * handles write it ("laorotava"). Names the platforms' searches read alike are asked once.
	 */
	private List<String> queries(DiscoveryRepository.Organization organization,
			List<DiscoveryRepository.Official> officials) {
		var queries = new LinkedHashMap<String, String>();
		addQuery(queries, organization.name());
		organization.aliases().forEach(alias -> addQuery(queries, alias));
		for (var official : officials) {
			var profile = official.profile();
			addQuery(queries, (profile != null && profile.displayName() != null) ? profile.displayName()
					: official.registeredName());
		}
		var place = Names.place(organization.name());
		addQuery(queries, place);
		for (var official : officials) {
			if (directory.searchable().contains(official.address().platform())) {
				addQuery(queries, localName(official.address()));
			}
		}
		if (place != null) {
			addQuery(queries, Names.compact(place));
		}
		return queries.values().stream().limit(properties.maxQueries()).toList();
	}

	private static void addQuery(Map<String, String> queries, @Nullable String query) {
		if (query == null || query.isBlank()) {
			return;
		}
		var text = query.strip().replaceAll("\\s+", " ");
		var key = searchKey(text);
		if (!key.isEmpty()) {
			queries.putIfAbsent(key, text);
		}
	}

	/** What a platform's search makes of a query: its words, accents, case and emoji aside. */
	private static String searchKey(String query) {
		return Normalizer.normalize(query, Normalizer.Form.NFKD)
			.replaceAll("[\\p{M}\\p{Cf}]", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", " ")
			.strip();
	}

	/** The name part of a handle: {@code aytomadrid} of {@code aytomadrid@mastodon.social} or {@code aytomadrid.bsky.social}. */
	private static String localName(AccountAddress address) {
		var handle = address.handle();
		if (address.platform() == Platform.MASTODON) {
			var at = handle.indexOf('@');
			return (at > 0) ? handle.substring(0, at) : handle;
		}
		var dot = handle.indexOf('.');
		return (dot > 0) ? handle.substring(0, dot) : handle;
	}

}
