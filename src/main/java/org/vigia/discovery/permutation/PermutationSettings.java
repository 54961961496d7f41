package org.vigia.discovery.permutation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.vigia.platform.InvalidHandleException;
import org.vigia.platform.Platform;

/**
 * What {@link HandlePermutations} adds to and changes in a handle; values are cleaned (stripped, lower case, duplicates
 * dropped) and a bad one is refused with a message naming it.
 * @param affixes words impersonators put before or after an official name, such as {@code oficial}, most used first:
 * their order ranks them
 * @param countryCodes the institution's country codes, used as affixes ({@code madrid_es}) and as the top-level domain
 * of a Bluesky custom-domain look-alike ({@code aytomadrid.es})
 * @param mastodonServers the servers where the same name is probed, most used first: their order ranks them
 * @param blueskyDomain the domain under which Bluesky hands out handles, {@code bsky.social}
 * @param words words that tell where one word ends and the next begins in names written without separators
 * ({@code ayto|madrid}); affixes and country codes count as words too
 * @param maxPerHandle how many permutations one handle gives at most, the likeliest kept
 */
public record PermutationSettings(List<String> affixes, List<String> countryCodes, List<String> mastodonServers,
		String blueskyDomain, List<String> words, int maxPerHandle) {

	/** The affixes seen on impersonating accounts of Spanish and English-speaking institutions. */
	public static final List<String> DEFAULT_AFFIXES = List.of("oficial", "official", "info", "prensa", "ayuda",
			"soporte", "news");

	/** Large general-purpose servers, where signing up takes a minute. */
	public static final List<String> DEFAULT_MASTODON_SERVERS = List.of("mastodon.social", "mastodon.online",
			"mstdn.social", "mas.to", "masto.es", "mastodon.world");

	/**
	 * Words public institutions' handles are built from, in Spanish, the co-official languages and English; a handle
	 * split at them gets its separator look-alikes at the likely places.
	 */
	public static final List<String> DEFAULT_WORDS = List.of("ayto", "ayuntamiento", "ajuntament", "concello", "udala",
			"gobierno", "gob", "gov", "govern", "junta", "xunta", "generalitat", "diputacion", "dipu", "cabildo",
			"consell", "consejeria", "conselleria", "ministerio", "policia", "guardia", "bomberos", "cultura", "turismo",
			"educacion", "sanidad", "salud", "deportes", "juventud", "empleo", "universidad", "uni", "biblioteca",
			"museo", "ciudad", "city", "council", "state", "the");

	private static final Pattern WORD = Pattern.compile("[a-z0-9]{2,30}");

	private static final Pattern COUNTRY_CODE = Pattern.compile("[a-z]{2}");

	public PermutationSettings {
		affixes = clean(affixes, "affixes", WORD, "2 to 30 letters or digits");
		countryCodes = clean(countryCodes, "countryCodes", COUNTRY_CODE, "two letters");
		words = clean(words, "words", WORD, "2 to 30 letters or digits");
		mastodonServers = servers(mastodonServers);
		blueskyDomain = blueskyDomain(blueskyDomain);
		if (maxPerHandle < 1) {
			throw new IllegalArgumentException("maxPerHandle must be at least 1, was " + maxPerHandle);
		}
	}

	/** The defaults for an institution in the given countries (ISO 3166 codes such as {@code es}). */
	public static PermutationSettings defaults(String... countryCodes) {
		return new PermutationSettings(DEFAULT_AFFIXES, List.of(countryCodes), DEFAULT_MASTODON_SERVERS, "bsky.social",
				DEFAULT_WORDS, 500);
	}

	/** These settings with another cap per handle. */
	public PermutationSettings withMaxPerHandle(int max) {
		return new PermutationSettings(this.affixes, this.countryCodes, this.mastodonServers, this.blueskyDomain,
				this.words, max);
	}

	private static List<String> clean(List<String> values, String name, Pattern valid, String expected) {
		Objects.requireNonNull(values, name);
		var cleaned = new LinkedHashSet<String>();
		for (var value : values) {
			var word = Objects.requireNonNull(value, name + " must not contain null").strip().toLowerCase(Locale.ROOT);
			if (!valid.matcher(word).matches()) {
				throw new IllegalArgumentException(
						name + ": '" + value + "' is not valid; expected " + expected + " (no separators)");
			}
			cleaned.add(word);
		}
		return List.copyOf(cleaned);
	}

	private static List<String> servers(List<String> servers) {
		Objects.requireNonNull(servers, "mastodonServers");
		var cleaned = new LinkedHashSet<String>();
		for (var server : servers) {
			Objects.requireNonNull(server, "mastodonServers must not contain null");
			String handle;
			try {
				handle = Platform.MASTODON.parse("x@" + server.strip()).handle();
			}
			catch (InvalidHandleException ex) {
				throw new IllegalArgumentException("mastodonServers: '" + server + "' is not a server name", ex);
			}
			cleaned.add(handle.substring(handle.indexOf('@') + 1));
		}
		return List.copyOf(cleaned);
	}

	private static String blueskyDomain(String domain) {
		Objects.requireNonNull(domain, "blueskyDomain");
		String handle;
		try {
			handle = Platform.BLUESKY.parse(domain.strip()).handle();
		}
		catch (InvalidHandleException ex) {
			throw new IllegalArgumentException("blueskyDomain: '" + domain + "' is not a domain name", ex);
		}
		if (handle.startsWith("did:")) {
			throw new IllegalArgumentException("blueskyDomain: '" + domain + "' is not a domain name");
		}
		return handle;
	}

}
