package org.vigia.discovery.permutation;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigia.platform.InvalidHandleException;
import org.vigia.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandlePermutationsTests {

	private final HandlePermutations permutations = new HandlePermutations(PermutationSettings.defaults("es"));

	@ParameterizedTest(name = "{0} {1} -> {2} ({3})")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			MASTODON | policia@mastodon.social         | po1icia@mastodon.social            | HOMOGLYPH     | 'l' replaced by '1'
			MASTODON | policia@mastodon.social         | p0licia@mastodon.social            | HOMOGLYPH     | 'o' replaced by '0'
			MASTODON | aytomadrid@mastodon.social      | aytornadrid@mastodon.social        | HOMOGLYPH     | 'm' replaced by 'rn'
			MASTODON | dgtes@mastodon.social           | dgt3s@mastodon.social              | HOMOGLYPH     | 'e' replaced by '3'
			MASTODON | policia@mastodon.social         | polica@mastodon.social             | OMISSION      | 'i' omitted
			MASTODON | policia@mastodon.social         | pollicia@mastodon.social           | REPETITION    | 'l' doubled
			MASTODON | policia@mastodon.social         | poilcia@mastodon.social            | TRANSPOSITION | 'li' swapped to 'il'
			MASTODON | policia@mastodon.social         | polkicia@mastodon.social           | INSERTION     | neighbouring key 'k' typed after 'l'
			MASTODON | policia@mastodon.social         | pokicia@mastodon.social            | REPLACEMENT   | 'l' replaced by neighbouring key 'k'
			MASTODON | policia@mastodon.social         | polecia@mastodon.social            | VOWEL_SWAP    | vowel 'i' replaced by 'e'
			MASTODON | ayto_madrid@mastodon.social     | aytomadrid@mastodon.social         | SEPARATOR     | '_' removed
			MASTODON | ayto_madrid@mastodon.social     | ayto.madrid@mastodon.social        | SEPARATOR     | '_' replaced by '.'
			MASTODON | ayto_madrid@mastodon.social     | ayto-madrid@mastodon.social        | SEPARATOR     | '_' replaced by '-'
			MASTODON | aytomadrid@mastodon.social      | ayto_madrid@mastodon.social        | SEPARATOR     | '_' inserted between 'ayto' and 'madrid'
			MASTODON | policiaoficial@masto.es         | policia_oficial@masto.es           | SEPARATOR     | '_' inserted between 'policia' and 'oficial'
			MASTODON | madrid2030@masto.es             | madrid_2030@masto.es               | SEPARATOR     | '_' inserted between 'madrid' and '2030'
			MASTODON | policia@mastodon.social         | _policia@mastodon.social           | SEPARATOR     | leading '_'
			MASTODON | policia@mastodon.social         | policia_oficial@mastodon.social    | AFFIX         | suffix '_oficial'
			MASTODON | aytomadrid@mastodon.social      | aytomadrid_oficial@mastodon.social | AFFIX         | suffix '_oficial'
			MASTODON | policia@mastodon.social         | prensa_policia@mastodon.social     | AFFIX         | prefix 'prensa_'
			MASTODON | policia@mastodon.social         | policiaes@mastodon.social          | AFFIX         | suffix 'es'
			MASTODON | policia@mastodon.social         | policia@mastodon.online            | OTHER_SERVER  | same name on mastodon.online
			MASTODON | bundesregierung@social.bund.de  | bundesregierung@mastodon.social    | OTHER_SERVER  | same name on mastodon.social
			BLUESKY  | aytomadrid.bsky.social          | aytornadrid.bsky.social            | HOMOGLYPH     | 'm' replaced by 'rn'
			BLUESKY  | aytomadrid.bsky.social          | ayt0madrid.bsky.social             | HOMOGLYPH     | 'o' replaced by '0'
			BLUESKY  | aytomadrid.bsky.social          | aytomadrd.bsky.social              | OMISSION      | 'i' omitted
			BLUESKY  | aytomadrid.bsky.social          | aytomaddrid.bsky.social            | REPETITION    | 'd' doubled
			BLUESKY  | aytomadrid.bsky.social          | aytomdarid.bsky.social             | TRANSPOSITION | 'ad' swapped to 'da'
			BLUESKY  | aytomadrid.bsky.social          | aytomadrisd.bsky.social            | INSERTION     | neighbouring key 's' typed before 'd'
			BLUESKY  | aytomadrid.bsky.social          | aytomadrix.bsky.social             | REPLACEMENT   | 'd' replaced by neighbouring key 'x'
			BLUESKY  | aytomadrid.bsky.social          | aytomadred.bsky.social             | VOWEL_SWAP    | vowel 'i' replaced by 'e'
			BLUESKY  | aytomadrid.bsky.social          | ayto-madrid.bsky.social            | SEPARATOR     | '-' inserted between 'ayto' and 'madrid'
			BLUESKY  | ayto-madrid.bsky.social         | aytomadrid.bsky.social             | SEPARATOR     | '-' removed
			BLUESKY  | aytomadrid.bsky.social          | aytomadrid-oficial.bsky.social     | AFFIX         | suffix '-oficial'
			BLUESKY  | aytomadrid.bsky.social          | oficialaytomadrid.bsky.social      | AFFIX         | prefix 'oficial'
			BLUESKY  | aytomadrid.bsky.social          | aytomadrid.es                      | OTHER_SERVER  | same name as the custom domain aytomadrid.es
			BLUESKY  | madrid.es                       | madrid.bsky.social                 | OTHER_SERVER  | same name under bsky.social
			BLUESKY  | madrid.es                       | madrides.bsky.social               | SEPARATOR     | 'madrid.es' without its dots
			BLUESKY  | madrid.es                       | madrid-es.bsky.social              | SEPARATOR     | 'madrid.es' with '-' for its dots
			BLUESKY  | madrid.es                       | madrid-oficial.bsky.social         | AFFIX         | suffix '-oficial'
			BLUESKY  | madrid.es                       | rnadrid.bsky.social                | HOMOGLYPH     | 'm' replaced by 'rn'
			BLUESKY  | cultura.gob.es                  | cultura.bsky.social                | OTHER_SERVER  | same name under bsky.social
			BLUESKY  | cultura.gob.es                  | cultura-gob.bsky.social            | SEPARATOR     | 'cultura.gob' (from cultura.gob.es) with '-' for its dots
			BLUESKY  | cultura.madrid.es               | culturamadrid.bsky.social          | OTHER_SERVER  | same name under bsky.social
			BLUESKY  | cultura.madrid.es               | cultura-madrid.bsky.social         | SEPARATOR     | 'cultura.madrid' (from cultura.madrid.es) with '-' for its dots
			BLUESKY  | cultura.madrid.es               | cultura-madrid-es.bsky.social      | SEPARATOR     | 'cultura.madrid.es' with '-' for its dots
			""")
	void derivesRealWorldLookAlikesInEveryFamily(Platform platform, String official, String expected,
			PermutationFamily family, String detail) {
		assertThat(this.permutations.of(platform, official)).filteredOn((p) -> p.handle().equals(expected))
			.singleElement()
			.satisfies((p) -> {
				assertThat(p.family()).isEqualTo(family);
				assertThat(p.detail()).isEqualTo(detail);
			});
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("officialHandles")
	void givesOnlyDistinctCanonicalHandlesTheParserAcceptsAndNeverTheOfficialOne(Platform platform, String official) {
		var result = this.permutations.of(platform, official);
		var canonicalOfficial = platform.parse(official).handle();

		assertThat(result).isNotEmpty().hasSizeLessThanOrEqualTo(500);
		assertThat(result).extracting(Permutation::handle).doesNotHaveDuplicates().doesNotContain(canonicalOfficial);
		assertThat(result).allSatisfy((p) -> {
			assertThat(platform.parse(p.handle()).handle()).isEqualTo(p.handle());
			assertThat(p.likelihood()).isGreaterThan(0).isLessThanOrEqualTo(1);
			assertThat(p.detail()).isNotBlank();
		});
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("officialHandles")
	void ranksTheMostLikelyFirstThenByHandle(Platform platform, String official) {
		var result = this.permutations.of(platform, official);

		assertThat(result).isSortedAccordingTo(
				Comparator.comparingDouble(Permutation::likelihood).reversed().thenComparing(Permutation::handle));
	}

	static Stream<Arguments> officialHandles() {
		return Stream.of(Arguments.of(Platform.MASTODON, "policia@mastodon.social"),
				Arguments.of(Platform.MASTODON, "https://social.bund.de/@Bundesregierung"),
				Arguments.of(Platform.MASTODON, "@ayto.madrid-oficial@mastodon.social"),
				Arguments.of(Platform.MASTODON, "ayuntamientodemadrid_cultura@masto.es"),
				Arguments.of(Platform.MASTODON, "_x_@mastodon.social"),
				Arguments.of(Platform.MASTODON, "cultura@127.0.0.1:8089"),
				Arguments.of(Platform.BLUESKY, "aytomadrid.bsky.social"),
				Arguments.of(Platform.BLUESKY, "https://bsky.app/profile/Ayto-Madrid.bsky.social"),
				Arguments.of(Platform.BLUESKY, "ayuntamientomadrid.bsky.social"),
				Arguments.of(Platform.BLUESKY, "madrid.es"), Arguments.of(Platform.BLUESKY, "cultura.gob.es"),
				Arguments.of(Platform.BLUESKY, "www.ayuntamiento-de-malaga.es"),
				Arguments.of(Platform.BLUESKY, "nasa.gov"));
	}

	@Test
	void ranksAffixesAndOtherServersAndHomoglyphsAboveKeyboardSlips() {
		var result = this.permutations.of(Platform.MASTODON, "policia@mastodon.social");
		var handles = result.stream().map(Permutation::handle).toList();

		assertThat(result.get(0)).isEqualTo(new Permutation("policia_oficial@mastodon.social", PermutationFamily.AFFIX,
				"suffix '_oficial'", 0.95));
		assertThat(handles.indexOf("policia@mastodon.online")).isLessThan(handles.indexOf("po1icia@mastodon.social"));
		assertThat(handles.indexOf("po1icia@mastodon.social")).isLessThan(handles.indexOf("polica@mastodon.social"));
		assertThat(handles.indexOf("polica@mastodon.social")).isLessThan(handles.indexOf("pokicia@mastodon.social"));
		assertThat(handles.indexOf("pokicia@mastodon.social")).isLessThan(handles.indexOf("polkicia@mastodon.social"));
		var lowestDeliberate = minimum(result, EnumSet.of(PermutationFamily.OTHER_SERVER, PermutationFamily.HOMOGLYPH));
		var highestSlip = result.stream()
			.filter((p) -> EnumSet.of(PermutationFamily.INSERTION, PermutationFamily.REPLACEMENT).contains(p.family()))
			.mapToDouble(Permutation::likelihood)
			.max()
			.orElseThrow();
		assertThat(lowestDeliberate).isGreaterThan(highestSlip);
	}

	@Test
	void ranksTheSeparatorsMastodonGivesOutAboveThoseOnlyOtherSoftwareAllows() {
		var likelihoods = likelihoods(this.permutations.of(Platform.MASTODON, "aytomadrid@mastodon.social"));

		assertThat(likelihoods.get("ayto_madrid@mastodon.social"))
			.isGreaterThan(likelihoods.get("ayto.madrid@mastodon.social"));
		assertThat(likelihoods.get("ayto.madrid@mastodon.social"))
			.isGreaterThan(likelihoods.get("ayto-madrid@mastodon.social"));
		assertThat(likelihoods.get("aytomadrid_oficial@mastodon.social"))
			.isGreaterThan(likelihoods.get("aytomadrid.oficial@mastodon.social"));
	}

	@Test
	void ranksServersInTheirConfiguredOrder() {
		var servers = this.permutations.of(Platform.MASTODON, "cultura@social.example.es")
			.stream()
			.filter((p) -> p.family() == PermutationFamily.OTHER_SERVER)
			.map(Permutation::handle)
			.toList();

		assertThat(servers).containsExactly("cultura@mastodon.social", "cultura@mastodon.online",
				"cultura@mstdn.social", "cultura@mas.to", "cultura@masto.es", "cultura@mastodon.world");
	}

	@Test
	void neverProposesTheOfficialServerAsAnotherServer() {
		var result = this.permutations.of(Platform.MASTODON, "policia@mastodon.social");

		assertThat(result).filteredOn((p) -> p.family() == PermutationFamily.OTHER_SERVER)
			.extracting(Permutation::handle)
			.hasSize(PermutationSettings.DEFAULT_MASTODON_SERVERS.size() - 1)
			.doesNotContain("policia@mastodon.social");
	}

	@Test
	void keepsTheLikeliestDerivationOfAHandleReachedInSeveralWays() {
		// p0licia is a homoglyph and a neighbouring-key slip; madrid-es is the domain flattened and a country affix.
		var mastodon = this.permutations.of(Platform.MASTODON, "policia@mastodon.social");
		var bluesky = this.permutations.of(Platform.BLUESKY, "madrid.es");

		assertThat(mastodon).filteredOn((p) -> p.handle().equals("p0licia@mastodon.social"))
			.singleElement()
			.extracting(Permutation::family)
			.isEqualTo(PermutationFamily.HOMOGLYPH);
		assertThat(bluesky).filteredOn((p) -> p.handle().equals("madrid-es.bsky.social"))
			.singleElement()
			.satisfies((p) -> assertThat(p.family()).isEqualTo(PermutationFamily.SEPARATOR))
			.satisfies((p) -> assertThat(p.likelihood()).isEqualTo(0.85));
	}

	@Test
	void replacesEveryOccurrenceOfAGlyphAsWellAsEachOne() {
		var result = likelihoods(this.permutations.of(Platform.MASTODON, "policia@mastodon.social"));

		assertThat(result).containsKeys("pol1cia@mastodon.social", "polic1a@mastodon.social", "pol1c1a@mastodon.social");
		assertThat(result.get("pol1c1a@mastodon.social")).isLessThan(result.get("pol1cia@mastodon.social"));
	}

	@Test
	void treatsProfileUrlsAndHandlesOfOneAccountAlike() {
		assertThat(this.permutations.of(Platform.MASTODON, "https://mastodon.social/@Policia"))
			.isEqualTo(this.permutations.of(Platform.MASTODON, "@policia@mastodon.social"));
		assertThat(this.permutations.of(Platform.BLUESKY, "https://bsky.app/profile/AytoMadrid.bsky.social"))
			.isEqualTo(this.permutations.of(Platform.BLUESKY, "aytomadrid.bsky.social"));
	}

	@Test
	void keepsMastodonNamesWithinThirtyCharacters() {
		var result = this.permutations.of(Platform.MASTODON, "ayuntamientodemadrid_cultura@masto.es");

		assertThat(result).extracting((p) -> p.handle().substring(0, p.handle().indexOf('@')))
			.allSatisfy((name) -> assertThat(name).hasSizeLessThanOrEqualTo(30));
		assertThat(result).extracting(Permutation::handle)
			.contains("ayuntamientodemadrid_cultura@mastodon.social", "ayuntamientodemadrid_culturaes@masto.es")
			.doesNotContain("ayuntamientodemadrid_cultura_es@masto.es");
	}

	@Test
	void keepsBlueskyNamesWithinWhatTheServiceHandsOut() {
		var result = this.permutations.of(Platform.BLUESKY, "ayuntamientomadrid.bsky.social");

		assertThat(result).filteredOn((p) -> p.handle().endsWith(".bsky.social"))
			.extracting((p) -> p.handle().substring(0, p.handle().length() - ".bsky.social".length()))
			.isNotEmpty()
			.allSatisfy((name) -> assertThat(name).hasSizeBetween(3, 18).doesNotContain(".").doesNotStartWith("-"));
		assertThat(result).extracting(Permutation::handle)
			.contains("ayuntamientomadrd.bsky.social", "ayuntamient0madrid.bsky.social")
			.doesNotContain("ayuntamiento-madrid.bsky.social", "ayuntamientornadrid.bsky.social");
	}

	@Test
	void proposesOnlyServiceNamesForADomainHandleBesidesNoOtherDomain() {
		var result = this.permutations.of(Platform.BLUESKY, "madrid.es");

		assertThat(result).extracting(Permutation::handle).allSatisfy((h) -> assertThat(h).endsWith(".bsky.social"));
	}

	@Test
	void givesAFewHundredPermutationsForATwentyCharacterHandle() {
		var result = this.permutations.of(Platform.MASTODON, "ayuntamientodemadrid@mastodon.social");

		assertThat(result).hasSizeBetween(200, 500);
		assertThat(result.stream().map(Permutation::family).collect(Collectors.toSet()))
			.containsAll(EnumSet.allOf(PermutationFamily.class));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 10, 100 })
	void capsThePermutationsPerHandleKeepingTheLikeliest(int max) {
		var capped = new HandlePermutations(PermutationSettings.defaults("es").withMaxPerHandle(max));
		var all = this.permutations.of(Platform.BLUESKY, "aytomadrid.bsky.social");

		assertThat(capped.of(Platform.BLUESKY, "aytomadrid.bsky.social")).isEqualTo(all.subList(0, max));
	}

	@ParameterizedTest
	@EnumSource(value = Platform.class, names = { "MASTODON", "BLUESKY" }, mode = EnumSource.Mode.EXCLUDE)
	void givesNothingOnPlatformsWithoutPermutations(Platform platform) {
		assertThat(this.permutations.of(platform, "policia")).isEmpty();
	}

	@Test
	void givesNothingForABlueskyDidWhichHasNoName() {
		assertThat(this.permutations.of(Platform.BLUESKY, "did:plc:z72i7hdynmk6r22z27h6tvur")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			MASTODON | policia
			MASTODON | https://bsky.app/profile/policia.bsky.social
			BLUESKY  | policia
			BLUESKY  | policia@mastodon.social
			""")
	void refusesAnOfficialHandleThePlatformDoesNotAccept(Platform platform, String official) {
		assertThatExceptionOfType(InvalidHandleException.class).isThrownBy(() -> this.permutations.of(platform, official))
			.withMessageContaining(official);
	}

	@Test
	void usesTheConfiguredAffixesCountriesServersAndDomain() {
		var settings = new PermutationSettings(List.of(" Oficial ", "oficial", "comunicacion"), List.of("MX"),
				List.of("Mastodon.Example.MX"), "bsky.example.org", List.of(), 500);
		var custom = new HandlePermutations(settings);

		assertThat(settings.affixes()).containsExactly("oficial", "comunicacion");
		assertThat(settings.mastodonServers()).containsExactly("mastodon.example.mx");
		assertThat(custom.of(Platform.MASTODON, "cdmx@mastodon.social")).extracting(Permutation::handle)
			.contains("cdmx_comunicacion@mastodon.social", "cdmx_mx@mastodon.social", "cdmx@mastodon.example.mx")
			.doesNotContain("cdmx_prensa@mastodon.social", "cdmx@mastodon.online");
		assertThat(custom.of(Platform.BLUESKY, "cdmx.gob.mx")).extracting(Permutation::handle)
			.contains("cdmx.bsky.example.org", "cdmx-oficial.bsky.example.org")
			.noneMatch((h) -> h.endsWith(".bsky.social"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			affixes         | of icial
			countryCodes    | esp
			mastodonServers | not a server
			blueskyDomain   | did:plc:z72i7hdynmk6r22z27h6tvur
			maxPerHandle    | 0
			""")
	void refusesBadSettingsNamingTheSetting(String setting, String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> new PermutationSettings(
				setting.equals("affixes") ? List.of(value) : PermutationSettings.DEFAULT_AFFIXES,
				setting.equals("countryCodes") ? List.of(value) : List.of("es"),
				setting.equals("mastodonServers") ? List.of(value) : PermutationSettings.DEFAULT_MASTODON_SERVERS,
				setting.equals("blueskyDomain") ? value : "bsky.social", PermutationSettings.DEFAULT_WORDS,
				setting.equals("maxPerHandle") ? Integer.parseInt(value) : 500))
			.withMessageStartingWith(setting);
	}

	@Test
	void refusesAPermutationOutsideTheLikelihoodRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Permutation("x@mastodon.social", PermutationFamily.AFFIX, "", 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Permutation("x@mastodon.social", PermutationFamily.AFFIX, "", 1.5));
	}

	private static double minimum(List<Permutation> permutations, EnumSet<PermutationFamily> families) {
		return permutations.stream()
			.filter((p) -> families.contains(p.family()))
			.mapToDouble(Permutation::likelihood)
			.min()
			.orElseThrow();
	}

	private static Map<String, Double> likelihoods(List<Permutation> permutations) {
		return permutations.stream().collect(Collectors.toMap(Permutation::handle, Permutation::likelihood));
	}

}
