package org.vigia.discovery.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Random;

import org.apache.commons.text.similarity.DamerauLevenshteinDistance;
import org.junit.jupiter.api.Test;

class EditsTests {

	/** Letters of several kinds: ASCII, precomposed and decomposed accents, a bare mark, astral letters, Cyrillic. */
	static final String[] PIECES = { "a", "e", "o", "c", "n", "t", "1", "0", "ñ", "á", "a\u0301", "n\u0303", "\u0308",
			"😀", "🇪🇸", "𝐚", "𝐜", "а", "о", "ß", "İ" };

	@Test
	void agreesWithThePlainDistanceOnRandomTextsOfEveryKind() {
		var random = new Random(20261205);
		int near = 0;
		for (int i = 0; i < 30_000; i++) {
			var a = randomText(random, random.nextInt(12));
			var b = (random.nextInt(4) == 0) ? randomText(random, random.nextInt(12)) : mutated(random, a, PIECES);
			int exact = reference(a, b);
			for (int limit = 0; limit <= 4; limit++) {
				assertThat(Edits.within(a, b, limit)).as("%s / %s within %d (exactly %d)", a, b, limit, exact)
					.isEqualTo((exact <= limit) ? exact : -1);
			}
			near += (exact <= 2) ? 1 : 0;
		}
		assertThat(near).as("pairs within two edits").isGreaterThan(5_000);
	}

	@Test
	void agreesWithCommonsTextOnAsciiHandles() {
		var random = new Random(5);
		var distance = new DamerauLevenshteinDistance(2);
		var letters = "aeiocuntl01r_";
		var pieces = letters.split("");
		for (int i = 0; i < 20_000; i++) {
			var a = new StringBuilder();
			for (int n = random.nextInt(14); n > 0; n--) {
				a.append(letters.charAt(random.nextInt(letters.length())));
			}
			var b = mutated(random, a.toString(), pieces);
			assertThat(Edits.within(a.toString(), b, 2)).as(a + " / " + b).isEqualTo(distance.apply(a.toString(), b));
		}
	}

	@Test
	void countsLettersNotUtf16Chars() {
		assertThat(Edits.within("ayto😀madrid", "aytomadrid", 2)).isEqualTo(1);
		assertThat(Edits.within("ayto𝐦adrid", "aytomadrid", 2)).isEqualTo(1);
		assertThat(Edits.within("ayto🇪🇸", "ayto", 2)).as("a flag is two regional indicators").isEqualTo(2);
		assertThat(Edits.within("malaga\u0301", "malagá", 0)).as("decomposed and precomposed").isZero();
		assertThat(Edits.within("málaga", "malaga", 2)).isEqualTo(1);
		assertThat(new DamerauLevenshteinDistance(2).apply("ayto😀madrid", "aytomadrid")).isEqualTo(2);
	}

	@Test
	void transposesOnlyNeighboursOnce() {
		assertThat(Edits.within("aytomadird", "aytomadrid", 2)).isEqualTo(1);
		assertThat(Edits.within("ca", "abc", 2)).as("optimal string alignment").isEqualTo(-1);
		assertThat(Edits.within("ca", "abc", 3)).isEqualTo(3);
		assertThat(Edits.within("", "ab", 2)).isEqualTo(2);
		assertThat(Edits.within("", "", 0)).isZero();
		assertThat(Edits.within("cuentaa1234", "cuenta5678", 2)).isEqualTo(-1);
	}

	@Test
	void lettersAloneRuleOutOnlyPairsMoreThanTheLimitApart() {
		var random = new Random(7);
		int ruledOut = 0;
		for (int i = 0; i < 20_000; i++) {
			var a = randomText(random, 4 + random.nextInt(8));
			var b = mutated(random, a, PIECES);
			var x = Edits.codePoints(a);
			var y = Edits.codePoints(b);
			if (reference(a, b) <= 2) {
				assertThat(Edits.lettersWithin(x, y, 2)).as(a + " / " + b).isTrue();
			}
			else {
				ruledOut += Edits.lettersWithin(x, y, 2) ? 0 : 1;
			}
		}
		assertThat(ruledOut).isPositive();
	}

	private static String randomText(Random random, int pieces) {
		var text = new StringBuilder();
		for (int n = 0; n < pieces; n++) {
			text.append(PIECES[random.nextInt(PIECES.length)]);
		}
		return text.toString();
	}

	/** Up to four edits of whole code points: insertions, omissions, replacements and swaps of neighbours. */
	private static String mutated(Random random, String text, String[] pieces) {
		var points = new java.util.ArrayList<Integer>();
		text.codePoints().forEach(points::add);
		for (int edits = random.nextInt(5); edits > 0; edits--) {
			int at = points.isEmpty() ? 0 : random.nextInt(points.size());
			var piece = pieces[random.nextInt(pieces.length)].codePointAt(0);
			switch (random.nextInt(4)) {
				case 0 -> points.add(at, piece);
				case 1 -> {
					if (!points.isEmpty()) {
						points.remove(at);
					}
				}
				case 2 -> {
					if (!points.isEmpty()) {
						points.set(at, piece);
					}
				}
				default -> {
					if (at + 1 < points.size()) {
						points.add(at, points.remove(at + 1));
					}
				}
			}
		}
		var result = new StringBuilder();
		points.forEach(result::appendCodePoint);
		return result.toString();
	}

	/** The optimal string alignment distance of the texts' NFC code points, the whole table, no shortcut. */
	static int reference(String a, String b) {
		var x = Normalizer.normalize(a, Normalizer.Form.NFC).codePoints().toArray();
		var y = Normalizer.normalize(b, Normalizer.Form.NFC).codePoints().toArray();
		var d = new int[x.length + 1][y.length + 1];
		for (int i = 0; i <= x.length; i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= y.length; j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= x.length; i++) {
			for (int j = 1; j <= y.length; j++) {
				int cost = (x[i - 1] == y[j - 1]) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[x.length][y.length];
	}

}
