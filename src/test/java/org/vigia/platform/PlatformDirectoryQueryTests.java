package org.vigia.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlatformDirectoryQueryTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Ayuntamiento de Móstoles              | Ayuntamiento de Móstoles
			'  Ayuntamiento   de\tMóstoles\n'    | Ayuntamiento de Móstoles
			Ayuntamiento de Mo\u0301stoles        | Ayuntamiento de Móstoles
			Ayunta\u200bmiento\u202e de Móstoles  | Ayunta miento de Móstoles
			@ayto_mostoles                        | @ayto_mostoles
			""")
	void searchesForTheQueryAsComposedTextWithSingleSpaces(String query, String cleaned) {
		assertThat(DefaultPlatformDirectory.clean(query)).isEqualTo(cleaned);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t\n", "\u200b\u200d", "\u0000" })
	void refusesAQueryWithNothingToSearchFor(String query) {
		assertThatIllegalArgumentException().isThrownBy(() -> DefaultPlatformDirectory.clean(query))
			.withMessage("the search query is empty");
	}

	@Test
	void cutsALongQueryWithoutSplittingACharacter() {
		var query = "🏛".repeat(150);

		var cleaned = DefaultPlatformDirectory.clean(query);

		assertThat(cleaned.codePointCount(0, cleaned.length())).isEqualTo(DefaultPlatformDirectory.MAX_QUERY_LENGTH);
		assertThat(cleaned).isEqualTo("🏛".repeat(100));
	}

}
