package org.vigia.discovery.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.vigia.platform.Message;

import org.jspecify.annotations.Nullable;

/**
 * An institution with everything scoring compares computed once: normalised names and their distinctive words,
 * handle keys, bio trigrams, official link hosts. Immutable and safe to share between threads; build it with
 * {@link Scorer#prepare}.
 */
public final class PreparedInstitution {

	final Institution institution;

	final List<Account> accounts;

	/** The institution's name, its aliases and its accounts' display names. */
	final List<Name> names;

	/** Distinctive words (confusable keys) of all names, each with a readable form for the evidence. */
	final Map<String, String> distinctive;

	/** Distinctive words of the institution's own name, to tell "Alcalá la Real" from "Alcalá de Henares". */
	final Set<String> primaryDistinctive;

	final List<String> domains;

	/** Links of the official accounts, normalised (host without www, path without trailing slash). */
	final Set<String> officialLinks;

	final Map<String, String> allowlist;

	PreparedInstitution(Institution institution) {
		this.institution = institution;
		var accounts = new ArrayList<Account>();
		var names = new ArrayList<Name>();
		var distinctive = new HashMap<String, String>();
		var links = new HashSet<String>();
		names.add(Name.of(Message.of("reason.source.name"), institution.name()));
		for (var alias : institution.aliases()) {
			names.add(Name.of(Message.of("reason.source.alias"), alias));
		}
		for (var official : institution.officialAccounts()) {
			var handle = HandleName.of(official.platform(), official.handle());
			accounts.add(new Account(official, handle, Bio.trigrams(official.bio())));
			if (official.displayName() != null && !official.displayName().isBlank()) {
				names.add(Name.of(Message.of("reason.source.display", "@" + handle.full()), official.displayName()));
			}
			for (var link : official.links()) {
				var normalised = Bio.link(link.url());
				if (normalised != null) {
					links.add(normalised);
				}
			}
		}
		for (var name : names) {
			distinctive.putAll(name.distinctive());
		}
		this.accounts = List.copyOf(accounts);
		this.names = List.copyOf(names);
		this.distinctive = Map.copyOf(distinctive);
		this.primaryDistinctive = Set.copyOf(names.get(0).distinctive().keySet());
		this.domains = OfficialProof.domains(institution.officialDomains());
		this.officialLinks = Set.copyOf(links);
		var allowlist = new HashMap<String, String>();
		institution.allowlist().forEach((handle, reason) -> allowlist.put(canonical(handle), reason));
		this.allowlist = Map.copyOf(allowlist);
	}

	public Institution institution() {
		return this.institution;
	}

	static String canonical(String handle) {
		var lower = handle.strip().toLowerCase(Locale.ROOT);
		return lower.startsWith("@") ? lower.substring(1) : lower;
	}

	/** An official account and its precomputed forms. */
	record Account(Identity identity, HandleName handle, long[] bio) {
	}

	/**
	 * A name as scoring compares it: its key words (connectors and "official" words dropped, confusable keys), their
	 * set, and the distinctive ones (generic institution words dropped) with their readable forms.
	 */
	record Name(Message source, String raw, List<String> keys, Set<String> keySet, String joined,
			Map<String, String> distinctive) {

		static Name of(Message source, String raw) {
			return of(source, raw, Names.displayWords(raw));
		}

		static Name of(Message source, String raw, List<String> words) {
			var keys = new ArrayList<String>();
			var distinctive = new HashMap<String, String>();
			for (var word : words) {
				var key = Names.confusable(word);
				if (Names.IGNORED_KEYS.contains(key)) {
					continue;
				}
				keys.add(key);
				// A number (a year, a phone number such as 010) tells no institution from another; its key no longer
				// reads as one (0 becomes o), so the word is asked.
				if (!Generic.isGeneric(key) && !word.chars().allMatch(Character::isDigit)) {
					distinctive.putIfAbsent(key, word);
				}
			}
			return new Name(source, raw, List.copyOf(keys), Set.copyOf(keys), String.join(" ", keys),
					Map.copyOf(distinctive));
		}

		boolean isEmpty() {
			return this.keys.isEmpty();
		}

	}

	/** Words every institution of a kind shares, in confusable-key form: they tell no town from another. */
	static final class Generic {

		private static final Set<String> KEYS;

		static {
			var words = List.of("ayuntamiento", "concello", "ajuntament", "udaletxea", "municipalidad", "municipio",
					"municipal", "municipales", "gobierno", "government", "gob", "gov", "policia", "police", "local",
					"universidad", "universitat", "universidade", "university", "unibertsitatea", "diputacion",
					"provincia", "provincial", "comunidad", "consell", "consejo", "junta", "cabildo", "comarca",
					"comarcal", "ciudad", "city", "council", "concejo", "alcaldia", "intendencia", "regional",
					"region", "estado", "state", "nacional", "general", "informa", "informacion", "info", "prensa",
					"noticias", "news", "ayuda", "soporte", "atencion", "ciudadana", "ciudadano", "comunicacion",
					"oficina", "sede", "electronica", "web", "online", "es", "ar", "mx", "co", "cl", "pe", "uy", "ve",
					"ec", "bo", "py", "gal", "cat", "eus", "al", "dia", "hoy", "autonoma", "politecnica", "nacional", "publica");
			var keys = new HashSet<String>();
			for (var word : words) {
				keys.add(Names.confusable(word));
			}
			KEYS = Set.copyOf(keys);
		}

		private Generic() {
		}

		static boolean isGeneric(String key) {
			return key.length() < 2 || KEYS.contains(key) || key.chars().allMatch(Character::isDigit);
		}

	}

	/** Bio and link comparison helpers. */
	static final class Bio {

		/** Longer bios are cut: platforms cap them well below this, and hostile input must not cost more. */
		static final int MAX_CHARS = 2000;

		private static final long[] NONE = new long[0];

		private Bio() {
		}

		/** The distinct character trigrams of the normalised text, sorted; empty for a short or missing text. */
		static long[] trigrams(@Nullable String text) {
			return (text == null) ? NONE : trigrams(words(text));
		}

		/** The words of a bio, cut to {@link #MAX_CHARS}. */
		static List<String> words(String text) {
			return Names.words(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
		}

		static long[] trigrams(List<String> words) {
			var normal = String.join(" ", words);
			if (normal.length() < 12) {
				return NONE;
			}
			var grams = new long[normal.length() - 2];
			for (int i = 0; i + 2 < normal.length(); i++) {
				grams[i] = ((long) normal.charAt(i) << 32) | ((long) normal.charAt(i + 1) << 16) | normal.charAt(i + 2);
			}
			java.util.Arrays.sort(grams);
			int distinct = 0;
			for (int i = 0; i < grams.length; i++) {
				if (i == 0 || grams[i] != grams[i - 1]) {
					grams[distinct++] = grams[i];
				}
			}
			return java.util.Arrays.copyOf(grams, distinct);
		}

		/** Dice similarity of two trigram sets, in percent; 0 when either is empty. */
		static int similarity(long[] a, long[] b) {
			if (a.length == 0 || b.length == 0) {
				return 0;
			}
			int common = 0;
			for (int i = 0, j = 0; i < a.length && j < b.length;) {
				if (a[i] == b[j]) {
					common++;
					i++;
					j++;
				}
				else if (a[i] < b[j]) {
					i++;
				}
				else {
					j++;
				}
			}
			return (int) (200L * common / (a.length + b.length));
		}

		/** A link as host (lower case, without www.) and path without trailing slash; null when it is no URL. */
		static @Nullable String link(String url) {
			var host = OfficialProof.hostOf(url);
			if (host == null) {
				return null;
			}
			if (host.startsWith("www.")) {
				host = host.substring(4);
			}
			var text = url.strip();
			int start = text.indexOf("://");
			start = (start < 0) ? 0 : start + 3;
			int slash = text.indexOf('/', start);
			var path = (slash < 0) ? "" : text.substring(slash).replaceFirst("[?#].*$", "").replaceFirst("/+$", "");
			return host + path.toLowerCase(Locale.ROOT);
		}

	}

}
