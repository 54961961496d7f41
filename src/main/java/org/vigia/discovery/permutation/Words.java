package org.vigia.discovery.permutation;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where words meet in a name written without separators ({@code aytomadrid} is {@code ayto|madrid}), found from a
 * list of known words at either end of each run of letters and from changes between letters and digits.
 */
final class Words {

	// A known word is split off only when what remains could still be a word of its own.
	private static final int MIN_REST = 3;

	private Words() {
	}

	/**
	 * The positions inside the name (between {@code name[i - 1]} and {@code name[i]}) where one word ends and the
	 * next begins without a separator between them.
	 */
	static SortedSet<Integer> boundaries(String name, List<String> words) {
		var boundaries = new TreeSet<Integer>();
		var start = 0;
		for (var i = 0; i <= name.length(); i++) {
			if (i == name.length() || NameRules.isSeparator(name.charAt(i))) {
				split(name, start, i, words, boundaries);
				start = i + 1;
			}
		}
		return boundaries;
	}

	private static void split(String name, int from, int to, List<String> words, SortedSet<Integer> boundaries) {
		for (var i = from + 1; i < to; i++) {
			if (Character.isDigit(name.charAt(i)) != Character.isDigit(name.charAt(i - 1))) {
				boundaries.add(i);
			}
		}
		for (var start = from;;) {
			var length = longestWord(name, start, to, words, true);
			if (length == 0) {
				break;
			}
			start += length;
			boundaries.add(start);
		}
		for (var end = to;;) {
			var length = longestWord(name, from, end, words, false);
			if (length == 0) {
				break;
			}
			end -= length;
			boundaries.add(end);
		}
	}

	private static int longestWord(String name, int from, int to, List<String> words, boolean atStart) {
		var longest = 0;
		for (var word : words) {
			var length = word.length();
			if (length <= longest || to - from - length < MIN_REST) {
				continue;
			}
			if (name.regionMatches(atStart ? from : to - length, word, 0, length)) {
				longest = length;
			}
		}
		return longest;
	}

}
