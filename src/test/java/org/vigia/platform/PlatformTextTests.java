package org.vigia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTextTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			CR LF and a header                 | Cultura\\r\\nBcc: everyone@example.org          | Cultura Bcc: everyone@example.org
			LF                                 | Cultura\\nVillaverde                             | Cultura Villaverde
			lone CR                            | Cultura\\rVillaverde                             | Cultura Villaverde
			line separator U+2028              | Cultura\\u2028Subject: hi                        | Cultura Subject: hi
			paragraph separator U+2029         | Cultura\\u2029Villaverde                         | Cultura Villaverde
			next line U+0085 (C1)              | Cultura\\u0085Villaverde                         | Cultura Villaverde
			other C1 control U+009B            | Cultura\\u009B31mVillaverde                      | Cultura 31mVillaverde
			NUL and escape (C0)                | Cultura\\u0000\\u001B[2JVillaverde               | Cultura [2JVillaverde
			tab                                | Cultura\\tVillaverde                             | Cultura Villaverde
			delete                             | Cultura\\u007FVillaverde                         | Cultura Villaverde
			a run with spaces around it        | Cultura  \\r\\n \\n  Villaverde                  | Cultura Villaverde
			breaks at both ends                | \\r\\n Cultura \\n                               | Cultura
			right-to-left override             | Factura\\u202Efdp.exe                            | Factura<U+202E>fdp.exe
			left-to-right embedding and pop    | a\\u202Ab\\u202Cc                                | a<U+202A>b<U+202C>c
			right-to-left isolate and pop      | a\\u2067b\\u2069c                                | a<U+2067>b<U+2069>c
			first strong isolate               | a\\u2068b                                        | a<U+2068>b
			""")
	void keepsPlatformTextOnOneLineAndShowsWhatWouldReorderIt(String example, String escaped, String expected) {
		assertThat(PlatformText.oneLine(unescape(escaped))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} is kept as it is")
	@ValueSource(strings = { "Ayuntamiento de Villaverde", "Concejalía de Educación · Ñandú", "Museo 🏛️ del Prado",
			"👩‍👩‍👧 Familias", "بلدية مدريد", "עיריית מדריד", "cultura@social.villaverde.example on Mastodon",
			"<img src=x onerror=alert(1)>", "Cultura  y   deportes", "x\u200dy" })
	void keepsEverythingElse(String text) {
		assertThat(PlatformText.oneLine(text)).isEqualTo(text);
	}

	private static String unescape(String escaped) {
		var out = new StringBuilder();
		for (int i = 0; i < escaped.length(); i++) {
			char c = escaped.charAt(i);
			if (c == '\\' && i + 1 < escaped.length()) {
				char next = escaped.charAt(++i);
				switch (next) {
					case 'r' -> out.append('\r');
					case 'n' -> out.append('\n');
					case 't' -> out.append('\t');
					case 'u' -> {
						out.append((char) Integer.parseInt(escaped.substring(i + 1, i + 5), 16));
						i += 4;
					}
					default -> out.append('\\').append(next);
				}
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
