package org.vigia.discovery.permutation;

import java.util.List;

/**
 * What a platform accepts as the name part of a handle (lower case ASCII letters and digits, some punctuation, a
 * length), checked before a permutation is kept so that the platform's parser, which has the last word, rarely has to
 * refuse one. Checked by hand rather than by a regular expression: it runs for every candidate.
 * @param minLength the shortest name
 * @param maxLength the longest name
 * @param punctuation the punctuation allowed inside a name
 * @param punctuationAtEnds the punctuation allowed at either end too
 * @param separators the separators people put between words, the usual one first
 */
record NameRules(int minLength, int maxLength, String punctuation, String punctuationAtEnds,
		List<Separator> separators) {

	/**
	 * Local names on a Mastodon server: the parser's up to 30 letters, digits and underscores, with dots or hyphens
	 * inside. Mastodon itself lets its users pick only letters, digits and underscores; dots and hyphens come from
	 * other fediverse software, so they are worth less.
	 */
	static final NameRules MASTODON = new NameRules(1, 30, "_.-", "_",
			List.of(new Separator('_', 1), new Separator('.', 0.5), new Separator('-', 0.4)));

	/**
	 * The first label of a handle under a Bluesky service domain: the PDS hands out 3 to 18 letters, digits and inner
	 * hyphens (a longer name is refused at sign-up, so probing one wastes a lookup).
	 */
	static final NameRules BLUESKY_SERVICE = new NameRules(3, 18, "-", "", List.of(new Separator('-', 1)));

	/** Whether a character separates words in any platform's names. */
	static boolean isSeparator(char c) {
		return c == '_' || c == '.' || c == '-';
	}

	boolean accepts(String name) {
		var length = name.length();
		if (length < this.minLength || length > this.maxLength) {
			return false;
		}
		for (var i = 0; i < length; i++) {
			var c = name.charAt(i);
			if ((c < 'a' || c > 'z') && (c < '0' || c > '9')
					&& ((i == 0 || i == length - 1) ? this.punctuationAtEnds : this.punctuation).indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	Separator usual() {
		return this.separators.get(0);
	}

	boolean separatorAtEnds() {
		return this.punctuationAtEnds.indexOf(usual().symbol()) >= 0;
	}

	/**
	 * A separator and how its look-alikes rank against those with the usual one.
	 * @param symbol the character
	 * @param weight the factor applied to a permutation's likelihood when it uses this separator
	 */
	record Separator(char symbol, double weight) {
	}

}
