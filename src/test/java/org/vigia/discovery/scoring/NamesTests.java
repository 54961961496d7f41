package org.vigia.discovery.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Normalisation of display names and the confusable key: what two names must share to count as the same name, and
 * what two strings must share to look alike.
 */
class NamesTests {

	@ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			Ayuntamiento de Madrid                | ayuntamiento de madrid
			Ayto. de Madrid ✔                     | ayuntamiento de madrid
			AYTO. DE MADRID ✅                    | ayuntamiento de madrid
			Ａｙｕｎｔａｍｉｅｎｔｏ ｄｅ Ｍａｄｒｉｄ | ayuntamiento de madrid
			Excmo. Ayuntamiento de Móstoles       | ayuntamiento de mostoles
			Gob. de la Ciudad de México 🇲🇽         | gobierno de la ciudad de mexico
			Mun. de Lima                          | municipalidad de lima
			Muni de San Isidro                    | municipalidad de san isidro
			Concello da Coruña 🐚                  | concello da coruna
			Ajuntament de l'Hospitalet            | ajuntament de l hospitalet
			Policía Local de Málaga 🚓             | policia local de malaga
			Univ. de Salamanca                    | universidad de salamanca
			Straße                                | strasse
			C.D. Barcelona ⚽                      | cd barcelona
			U.D. Las Palmas                       | ud las palmas
			Aj. de Barcelona                      | ajuntament de barcelona
			""")
	void normalisesDisplayNamesAsPeopleReadThem(String displayName, String normalised) {
		assertThat(Names.normalise(displayName)).isEqualTo(normalised);
	}

	@ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			Ayuntamiento de La Orotava              | La Orotava             | laorotava
			Policía Local de Vilafranca del Penedès | Vilafranca del Penedès | vilafrancadelpenedes
			Ayto. de Madrid                         | Madrid                 | madrid
			Concello de Santiago de Compostela      | Santiago de Compostela | santiagodecompostela
			Universidad de Salamanca                | Salamanca              | salamanca
			Madrid                                  | -                      | -
			Ayuntamiento                            | -                      | -
			""")
	void theNameOfThePlaceIsWhatIsLeftOfAnInstitutionsNameWithoutItsKind(String name, String place, String compact) {
		assertThat(Names.place(name)).isEqualTo(place);
		if (place != null) {
			assertThat(Names.compact(place)).isEqualTo(compact);
		}
	}

	@ParameterizedTest(name = "[{index}] {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Ayunta\u200Bmiento de Madrid | zero-width space
			Ayunta\u200Cmiento de Madrid | zero-width non-joiner
			Ayunta\u2060miento de Madrid | word joiner
			Ayunta\u00ADmiento de Madrid | soft hyphen
			\uFEFFAyuntamiento de Madrid | byte order mark
			Ayuntamiento de \u202EMadrid | right-to-left override
			""")
	void dropsInvisibleCharactersAndFindsThem(String displayName, String what) {
		assertThat(Names.normalise(displayName)).as(what).isEqualTo("ayuntamiento de madrid");
		assertThat(Names.firstInvisible(displayName)).as(what).isNotNegative();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', textBlock = """
			Ayuntamiento de Madrid 🏛️
			Familia 👨‍👩‍👧 de Vigo
			Concello de Vigo
			""")
	void emojiSequencesAreNotHiddenCharacters(String displayName) {
		assertThat(Names.firstInvisible(displayName)).isEqualTo(-1);
	}

	@ParameterizedTest(name = "[{index}] {0} looks like {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Мadrid         | madrid  | Cyrillic capital М
			mаdrid         | madrid  | Cyrillic а
			madrіd         | madrid  | Cyrillic і
			madrιd         | madrid  | Greek iota
			rnadrid        | madrid  | rn for m
			madr1d         | madrid  | 1 for i
			madrld         | madrid  | l for i
			aytomadrid1    | aytomadridl | 1 for l
			t0led0         | toledo  | 0 for o
			vvanchaq       | wanchaq | vv for w
			maclrid        | madrid  | cl for d
			ＭＡＤＲＩＤ   | madrid  | full width
			""")
	void confusableKeysUnifyLookAlikes(String lookAlike, String original, String how) {
		assertThat(Names.confusable(lookAlike)).as(how).isEqualTo(Names.confusable(original));
	}

	@ParameterizedTest(name = "[{index}] {0} does not look like {1}")
	@CsvSource(delimiter = '|', textBlock = """
			madridejos | madrid
			lugones    | lugo
			huelva     | huesca
			toledo     | toledillo
			""")
	void confusableKeysKeepDifferentNamesApart(String one, String other) {
		assertThat(Names.confusable(one)).isNotEqualTo(Names.confusable(other));
	}

	@ParameterizedTest(name = "[{index}] {0}: {1}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			Мadrid                  | Cyrillic+Latin
			Ayuntamiento de Маdrid  | Latin+Cyrillic
			Αyuntamiento            | Greek+Latin
			Ayuntamiento de Madrid  | -
			Москва                  | -
			東京都庁 とうきょう        | -
			Ayto. Madrid 2024 ✔     | -
			""")
	void findsLettersOfMixedScripts(String text, String scripts) {
		assertThat(Names.mixedScripts(text)).isEqualTo(scripts);
	}

}
