package org.vigia.discovery.scoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Says which look-alike substitutions turn one string into another of the same confusable key, e.g. "rn/m, 0/o". */
final class ConfusableSubstitutions {

	private ConfusableSubstitutions() {
	}

	/** The substitutions, "candidate/official" pairs; "look-alike characters" when they cannot be lined up. */
	static String describe(String candidate, String official) {
		var a = chunks(candidate);
		var b = chunks(official);
		var pairs = new LinkedHashSet<String>();
		int i = 0;
		int j = 0;
		while (i < a.size() && j < b.size()) {
			var fromA = new StringBuilder(a.get(i)[0]);
			var keyA = new StringBuilder(a.get(i)[1]);
			var fromB = new StringBuilder(b.get(j)[0]);
			var keyB = new StringBuilder(b.get(j)[1]);
			i++;
			j++;
			while (!keyA.toString().equals(keyB.toString())) {
				if (keyA.length() < keyB.length() && i < a.size() && keyB.toString().startsWith(keyA.toString())) {
					fromA.append(a.get(i)[0]);
					keyA.append(a.get(i)[1]);
					i++;
				}
				else if (keyB.length() < keyA.length() && j < b.size() && keyA.toString().startsWith(keyB.toString())) {
					fromB.append(b.get(j)[0]);
					keyB.append(b.get(j)[1]);
					j++;
				}
				else {
					return "look-alike characters";
				}
			}
			if (!fromA.toString().equals(fromB.toString())) {
				pairs.add(fromA + "/" + fromB);
			}
		}
		return pairs.isEmpty() ? "look-alike characters" : String.join(", ", pairs);
	}

	private static List<String[]> chunks(String text) {
		var chunks = new ArrayList<String[]>();
		for (int k = 0; k < text.length();) {
			int cp = text.codePointAt(k);
			var character = new String(Character.toChars(cp));
			chunks.add(new String[] { character, Names.confusable(character) });
			k += Character.charCount(cp);
		}
		return chunks;
	}

}
