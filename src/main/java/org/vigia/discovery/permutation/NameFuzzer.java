package org.vigia.discovery.permutation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * The families of {@link PermutationFamily} that change the name part of a handle, in the manner of dnstwist's fuzzers
 * but over the characters handles allow. Each permutation makes one change (one glyph, one key, one separator), except
 * the homoglyph that replaces every occurrence of a character, which imitators of whole names use.
 */
final class NameFuzzer {

	/** Receives each look-alike name the platform's rules accept, other than the official name itself. */
	@FunctionalInterface
	interface Sink {

		void accept(String name, PermutationFamily family, String detail, double likelihood);

	}

	// Likelihoods: see HandlePermutations for why the families rank this way.
	static final double AFFIX = 0.95;

	static final double AFFIX_STEP = 0.02;

	static final double AFFIX_FLOOR = 0.75;

	static final double COUNTRY_CODE = 0.8;

	static final double SEPARATOR_REMOVED = 0.85;

	static final double SEPARATOR_AT_WORD = 0.85;

	static final double SEPARATOR_REPLACED = 0.8;

	static final double SEPARATOR_AT_ENDS = 0.6;

	static final double SEPARATOR_INSIDE_WORD = 0.3;

	static final double REPETITION = 0.45;

	static final double OMISSION = 0.4;

	static final double TRANSPOSITION = 0.35;

	static final double VOWEL_SWAP = 0.35;

	static final double REPLACEMENT = 0.25;

	static final double INSERTION = 0.2;

	private static final List<Glyph> GLYPHS = glyphs();

	private static final String VOWELS = "aeiou";

	// dnstwist's QWERTY map: the keys around each key, digits row included.
	private static final String[] NEIGHBOURS = neighbours();

	private final List<String> affixes;

	private final List<String> countryCodes;

	private final List<String> words;

	NameFuzzer(PermutationSettings settings) {
		this.affixes = settings.affixes();
		this.countryCodes = settings.countryCodes();
		var words = new ArrayList<String>(settings.words());
		words.addAll(settings.affixes());
		words.addAll(settings.countryCodes());
		this.words = List.copyOf(words);
	}

	/**
	 * Gives the sink every look-alike of the name.
	 * @param knownBoundaries word boundaries known from elsewhere (the labels of a domain name), added to those found
	 * in the name
	 */
	void fuzz(String name, Set<Integer> knownBoundaries, NameRules rules, Sink sink) {
		var out = new Checked(name, rules, sink);
		var boundaries = Words.boundaries(name, this.words);
		boundaries.addAll(knownBoundaries);
		boundaries.removeIf((position) -> position <= 0 || position >= name.length());
		affixes(name, rules, out);
		separators(name, boundaries, rules, out);
		homoglyphs(name, out);
		typos(name, out);
	}

	private void affixes(String name, NameRules rules, Checked out) {
		for (var i = 0; i < this.affixes.size(); i++) {
			affix(name, this.affixes.get(i), Math.max(AFFIX_FLOOR, AFFIX - i * AFFIX_STEP), rules, out);
		}
		for (var i = 0; i < this.countryCodes.size(); i++) {
			affix(name, this.countryCodes.get(i), Math.max(AFFIX_FLOOR, COUNTRY_CODE - i * AFFIX_STEP), rules, out);
		}
	}

	// A suffix reads as a qualifier of the official name, so it fools more readers than a prefix, which moves the name.
	private static void affix(String name, String word, double likelihood, NameRules rules, Checked out) {
		if (!endsWithWord(name, word)) {
			for (var separator : rules.separators()) {
				out.emit(name + separator.symbol() + word, PermutationFamily.AFFIX,
						"suffix '" + separator.symbol() + word + "'", likelihood * separator.weight());
			}
			out.emit(name + word, PermutationFamily.AFFIX, "suffix '" + word + "'", likelihood - 0.05);
		}
		if (!startsWithWord(name, word)) {
			for (var separator : rules.separators()) {
				out.emit(word + separator.symbol() + name, PermutationFamily.AFFIX,
						"prefix '" + word + separator.symbol() + "'", (likelihood - 0.1) * separator.weight());
			}
			out.emit(word + name, PermutationFamily.AFFIX, "prefix '" + word + "'", likelihood - 0.15);
		}
	}

	// policia_oficial needs no second _oficial; cdmx still gets cdmx_mx.
	private static boolean endsWithWord(String name, String word) {
		var at = name.length() - word.length();
		return name.endsWith(word) && (at == 0 || NameRules.isSeparator(name.charAt(at - 1)));
	}

	private static boolean startsWithWord(String name, String word) {
		return name.startsWith(word)
				&& (name.length() == word.length() || NameRules.isSeparator(name.charAt(word.length())));
	}

	private static void separators(String name, SortedSet<Integer> boundaries, NameRules rules, Checked out) {
		var present = new ArrayList<Integer>();
		for (var i = 0; i < name.length(); i++) {
			if (NameRules.isSeparator(name.charAt(i))) {
				present.add(i);
			}
		}
		for (var position : present) {
			var symbol = name.charAt(position);
			out.emit(name.substring(0, position) + name.substring(position + 1), PermutationFamily.SEPARATOR,
					"'" + symbol + "' removed", SEPARATOR_REMOVED);
			for (var separator : rules.separators()) {
				if (separator.symbol() != symbol) {
					out.emit(replaceAt(name, position, 1, String.valueOf(separator.symbol())),
							PermutationFamily.SEPARATOR, "'" + symbol + "' replaced by '" + separator.symbol() + "'",
							SEPARATOR_REPLACED * separator.weight());
				}
			}
		}
		if (present.size() > 1) {
			var words = List.of(name.split("[_.-]+"));
			out.emit(String.join("", words), PermutationFamily.SEPARATOR, "separators removed", SEPARATOR_REMOVED);
			for (var separator : rules.separators()) {
				out.emit(String.join(String.valueOf(separator.symbol()), words), PermutationFamily.SEPARATOR,
						"every separator replaced by '" + separator.symbol() + "'",
						SEPARATOR_REPLACED * separator.weight());
			}
		}
		for (var position = 1; position < name.length(); position++) {
			if (NameRules.isSeparator(name.charAt(position - 1)) || NameRules.isSeparator(name.charAt(position))) {
				continue;
			}
			var before = wordBefore(name, position, boundaries);
			if (boundaries.contains(position)) {
				var after = wordAfter(name, position, boundaries);
				for (var separator : rules.separators()) {
					out.emit(insertAt(name, position, separator.symbol()), PermutationFamily.SEPARATOR,
							"'" + separator.symbol() + "' inserted between '" + before + "' and '" + after + "'",
							SEPARATOR_AT_WORD * separator.weight());
				}
			}
			else {
				// dnstwist's hyphenation: a separator anywhere, with the usual separator only.
				var usual = rules.usual().symbol();
				out.emit(insertAt(name, position, usual), PermutationFamily.SEPARATOR,
						"'" + usual + "' inserted after '" + before + "'", SEPARATOR_INSIDE_WORD);
			}
		}
		if (rules.separatorAtEnds()) {
			var usual = rules.usual().symbol();
			out.emit(usual + name, PermutationFamily.SEPARATOR, "leading '" + usual + "'", SEPARATOR_AT_ENDS);
			out.emit(name + usual, PermutationFamily.SEPARATOR, "trailing '" + usual + "'", SEPARATOR_AT_ENDS);
		}
	}

	private static String wordBefore(String name, int position, SortedSet<Integer> boundaries) {
		var start = position - 1;
		while (start > 0 && !NameRules.isSeparator(name.charAt(start - 1)) && !boundaries.contains(start)) {
			start--;
		}
		return name.substring(start, position);
	}

	private static String wordAfter(String name, int position, SortedSet<Integer> boundaries) {
		var end = position + 1;
		while (end < name.length() && !NameRules.isSeparator(name.charAt(end)) && !boundaries.contains(end)) {
			end++;
		}
		return name.substring(position, end);
	}

	private static void homoglyphs(String name, Checked out) {
		for (var glyph : GLYPHS) {
			var count = 0;
			for (var at = name.indexOf(glyph.from()); at >= 0; at = name.indexOf(glyph.from(), at + 1)) {
				out.emit(replaceAt(name, at, glyph.from().length(), glyph.to()), PermutationFamily.HOMOGLYPH,
						"'" + glyph.from() + "' replaced by '" + glyph.to() + "'", glyph.likelihood());
				count++;
			}
			if (count > 1) {
				out.emit(name.replace(glyph.from(), glyph.to()), PermutationFamily.HOMOGLYPH,
						"every '" + glyph.from() + "' replaced by '" + glyph.to() + "'", glyph.likelihood() - 0.05);
			}
		}
	}

	private static void typos(String name, Checked out) {
		for (var i = 0; i < name.length(); i++) {
			var c = name.charAt(i);
			if (NameRules.isSeparator(c)) {
				continue;
			}
			out.emit(name.substring(0, i) + name.substring(i + 1), PermutationFamily.OMISSION, "'" + c + "' omitted",
					OMISSION);
			out.emit(insertAt(name, i, c), PermutationFamily.REPETITION, "'" + c + "' doubled", REPETITION);
			if (i + 1 < name.length()) {
				var next = name.charAt(i + 1);
				if (next != c && !NameRules.isSeparator(next)) {
					out.emit(name.substring(0, i) + next + c + name.substring(i + 2), PermutationFamily.TRANSPOSITION,
							"'" + c + next + "' swapped to '" + next + c + "'", TRANSPOSITION);
				}
			}
			if (VOWELS.indexOf(c) >= 0) {
				for (var v = 0; v < VOWELS.length(); v++) {
					var vowel = VOWELS.charAt(v);
					if (vowel != c) {
						out.emit(replaceAt(name, i, 1, String.valueOf(vowel)), PermutationFamily.VOWEL_SWAP,
								"vowel '" + c + "' replaced by '" + vowel + "'", VOWEL_SWAP);
					}
				}
			}
			var keys = (c < NEIGHBOURS.length) ? NEIGHBOURS[c] : null;
			if (keys == null) {
				continue;
			}
			for (var k = 0; k < keys.length(); k++) {
				var key = keys.charAt(k);
				out.emit(replaceAt(name, i, 1, String.valueOf(key)), PermutationFamily.REPLACEMENT,
						"'" + c + "' replaced by neighbouring key '" + key + "'", REPLACEMENT);
				out.emit(insertAt(name, i, key), PermutationFamily.INSERTION,
						"neighbouring key '" + key + "' typed before '" + c + "'", INSERTION);
				out.emit(insertAt(name, i + 1, key), PermutationFamily.INSERTION,
						"neighbouring key '" + key + "' typed after '" + c + "'", INSERTION);
			}
		}
	}

	private static String replaceAt(String name, int at, int length, String with) {
		return name.substring(0, at) + with + name.substring(at + length);
	}

	private static String insertAt(String name, int at, char c) {
		return name.substring(0, at) + c + name.substring(at);
	}

	/*
	 * Glyphs that read alike in the sans-serif fonts the platforms use, both ways. Mastodon shows names in the case
	 * people typed, so an 'l' passes for the 'I' of a capitalised name: 1, l and i rank with 0/o and rn/m. Digits for
	 * letters (leet) and the looser pairs dnstwist lists are noticed more easily.
	 */
	private static List<Glyph> glyphs() {
		var glyphs = new ArrayList<Glyph>();
		both(glyphs, "o", "0", 0.75);
		both(glyphs, "l", "1", 0.75);
		both(glyphs, "i", "1", 0.7);
		both(glyphs, "l", "i", 0.7);
		both(glyphs, "rn", "m", 0.75);
		both(glyphs, "vv", "w", 0.65);
		both(glyphs, "cl", "d", 0.65);
		both(glyphs, "nn", "m", 0.5);
		both(glyphs, "u", "v", 0.5);
		both(glyphs, "q", "g", 0.5);
		both(glyphs, "s", "5", 0.45);
		both(glyphs, "e", "3", 0.45);
		both(glyphs, "a", "4", 0.45);
		return List.copyOf(glyphs);
	}

	private static void both(List<Glyph> glyphs, String one, String other, double likelihood) {
		glyphs.add(new Glyph(one, other, likelihood));
		glyphs.add(new Glyph(other, one, likelihood));
	}

	private static String[] neighbours() {
		var rows = new String[] { "1:2q", "2:3wq1", "3:4ew2", "4:5re3", "5:6tr4", "6:7yt5", "7:8uy6", "8:9iu7",
				"9:0oi8", "0:po9", "q:12wa", "w:3esaq2", "e:4rdsw3", "r:5tfde4", "t:6ygfr5", "y:7uhgt6", "u:8ijhy7",
				"i:9okju8", "o:0plki9", "p:lo0", "a:qwsz", "s:edxzaw", "d:rfcxse", "f:tgvcdr", "g:yhbvft", "h:ujnbgy",
				"j:ikmnhu", "k:olmji", "l:kop", "z:asx", "x:zsdc", "c:xdfv", "v:cfgb", "b:vghn", "n:bhjm", "m:njk" };
		var map = new String[128];
		for (var row : rows) {
			map[row.charAt(0)] = row.substring(2);
		}
		return map;
	}

	private record Glyph(String from, String to, double likelihood) {
	}

	/** Drops what the platform would refuse and the official name itself before it reaches the sink. */
	private record Checked(String official, NameRules rules, Sink sink) {

		void emit(String name, PermutationFamily family, String detail, double likelihood) {
			if (!name.equals(this.official) && this.rules.accepts(name)) {
				this.sink.accept(name, family, detail, likelihood);
			}
		}

	}

}
