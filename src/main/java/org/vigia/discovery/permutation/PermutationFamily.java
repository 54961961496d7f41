package org.vigia.discovery.permutation;

/** How a look-alike handle was derived from the official one. */
public enum PermutationFamily {

	/** A character or pair swapped for one that looks the same in a handle: {@code 0/o}, {@code 1/l/i}, {@code rn/m}. */
	HOMOGLYPH,

	/** One character left out: {@code polica}. */
	OMISSION,

	/** One character doubled: {@code policcia}. */
	REPETITION,

	/** Two neighbouring characters swapped: {@code poilcia}. */
	TRANSPOSITION,

	/** A key next to one of the handle's characters typed along with it: {@code polkicia}. */
	INSERTION,

	/** A character replaced by a key next to it: {@code pokicia}. */
	REPLACEMENT,

	/** One vowel replaced by another: {@code polocia}. */
	VOWEL_SWAP,

	/** A word separator added, removed or changed: {@code ayto_madrid}, {@code aytomadrid}, {@code ayto-madrid}. */
	SEPARATOR,

	/** A word that sounds official or local added before or after the name: {@code policia_oficial}. */
	AFFIX,

	/** The same name where the official account is not: another Mastodon server, or bsky.social for a domain handle. */
	OTHER_SERVER

}
