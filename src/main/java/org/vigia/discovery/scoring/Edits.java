package org.vigia.discovery.scoring;

import java.text.Normalizer;

/**
 * The edit distance between two handles or names (optimal string alignment: omissions, insertions, replacements and
 * transpositions of neighbours), only as far as a small limit, as the scorer asks for it: most pairs it compares (a
 * candidate against each of an organization's hundreds of official handles) are far apart, and are told so by their
 * letters alone or within a band of the limit's width around the diagonal, stopping as soon as every way is over the
 * limit. Texts are compared in NFC by code points, so that an accented letter written in two ways is the same letter
 * and an emoji or a mathematical letter is one edit, not two (commons-text counts UTF-16 chars).
 */
final class Edits {

	private Edits() {
	}

	/** The edit distance between the texts if it is at most {@code limit}, -1 beyond. */
	static int within(String a, String b, int limit) {
		return within(codePoints(a), codePoints(b), limit);
	}

	/** The distance between two texts' code points if it is at most {@code limit}, -1 beyond. */
	static int within(int[] a, int[] b, int limit) {
		if (limit < 0 || !lettersWithin(a, b, limit)) {
			return -1;
		}
		int n = a.length;
		int m = b.length;
		if (n == 0 || m == 0) {
			return Math.max(n, m);
		}
		// Over the limit: every cell outside the band |i - j| <= limit is at least this, and so is any sum beyond it.
		int over = limit + 1;
		var before = new int[m + 1];
		var previous = new int[m + 1];
		var row = new int[m + 1];
		for (int j = 0; j <= m; j++) {
			row[j] = Math.min(j, over);
		}
		for (int i = 1; i <= n; i++) {
			var recycled = before;
			before = previous;
			previous = row;
			row = recycled;
			int from = Math.max(1, i - limit);
			int to = Math.min(m, i + limit);
			row[0] = Math.min(i, over);
			if (from > 1) {
				row[from - 1] = over;
			}
			if (to < m) {
				row[to + 1] = over;
			}
			int least = (from == 1) ? row[0] : over;
			int x = a[i - 1];
			for (int j = from; j <= to; j++) {
				int y = b[j - 1];
				int cell = Math.min(Math.min(row[j - 1], previous[j]) + 1, previous[j - 1] + ((x == y) ? 0 : 1));
				if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y && x != y) {
					cell = Math.min(cell, before[j - 2] + 1);
				}
				row[j] = Math.min(cell, over);
				least = Math.min(least, row[j]);
			}
			// A row's least cell never falls in the rows below: beyond the limit here, beyond it at the end.
			if (least > limit) {
				return -1;
			}
		}
		return (row[m] <= limit) ? row[m] : -1;
	}

	/**
	 * False when the two texts are certainly more than {@code limit} edits apart, told by their letters alone: an
	 * insertion or deletion changes the count of one letter by one, a replacement two counts by one each, a
	 * transposition none, so texts whose letter counts differ by more than twice the limit in all are further apart
	 * than the limit. Letters are counted by their low seven bits: sharing a count only lowers the difference, so the
	 * bound holds.
	 */
	static boolean lettersWithin(int[] a, int[] b, int limit) {
		if (Math.abs(a.length - b.length) > limit) {
			return false;
		}
		var counts = new int[128];
		for (int letter : a) {
			counts[letter & 127]++;
		}
		for (int letter : b) {
			counts[letter & 127]--;
		}
		int difference = 0;
		for (int count : counts) {
			difference += Math.abs(count);
		}
		return difference <= 2 * limit;
	}

	/** The text's code points in NFC. */
	static int[] codePoints(String text) {
		for (int i = 0; i < text.length(); i++) {
			// Below U+0300 (where combining marks begin) every char is a code point of its own, already in NFC.
			if (text.charAt(i) >= '\u0300') {
				return Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().toArray();
			}
		}
		var points = new int[text.length()];
		for (int i = 0; i < points.length; i++) {
			points[i] = text.charAt(i);
		}
		return points;
	}

	/** How many code points the text has in NFC. */
	static int length(String text) {
		return codePoints(text).length;
	}

}
