package org.vigia.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvQuotingTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			plain fields                      | a,b,c\\nnext              | 6
			quoted field with a comma         | a,"b,c",d\\nnext          | 10
			doubled quote inside quotes       | "say ""hi""\",b\\nnext     | 15
			quoted line break                 | "one\\ntwo",b\\nnext      | 12
			CR LF line end                    | a,b\\r\\nnext             | 5
			lone CR line end                  | a,b\\rnext                | 4
			empty line                        | \\nnext                   | 1
			last record without a line break  | a,"b"                     | 5
			quote inside an unquoted field    | a,b"c,d\\nnext            | 8
			""")
	void findsTheEndOfAWellFormedRecord(String example, String escaped, int end) {
		var scan = CsvQuoting.record(unescape(escaped), 0);

		assertThat(scan.problem()).isNull();
		assertThat(scan.end()).isEqualTo(end);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			quote never closed                   | a,b,"c\\nd,e\\n                     | 2 | never closed
			text after the closing quote         | a,"b"c,d\\n                          | 1 | followed by 'c'
			space after the closing quote        | "a" ,b\\n                            | 0 | followed by a space
			quote closed on a later line         | a,"b\\nc,d\\ne,"f",g\\n              | 1 | runs on to line 3, where a quote is followed by 'f'
			tab after the closing quote          | a,b,c,"d"\\t\\n                      | 3 | followed by U+0009
			""")
	void namesTheFieldWhoseQuoteBreaksTheRecord(String example, String escaped, int field, String message) {
		var problem = CsvQuoting.record(unescape(escaped), 0).problem();

		assertThat(problem).isNotNull();
		assertThat(problem.field()).isEqualTo(field);
		assertThat(problem.message().english()).contains(message);
	}

	@Test
	void countsLinesAsAnEditorDoes() {
		var text = "one\r\ntwo\nthree\rfour";

		assertThat(CsvQuoting.line(text, 0)).isEqualTo(1);
		assertThat(CsvQuoting.line(text, 5)).isEqualTo(2);
		assertThat(CsvQuoting.line(text, 9)).isEqualTo(3);
		assertThat(CsvQuoting.line(text, 15)).isEqualTo(4);
	}

	private static String unescape(String escaped) {
		return escaped.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
	}

}
