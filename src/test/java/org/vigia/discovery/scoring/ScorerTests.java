package org.vigia.discovery.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigia.platform.Platform;

/**
 * Every scoring signal with real-world look-alikes, for and against, and the decision the lead's discovery run takes
 * from them: registered, unregistered official account, impersonation, or nothing to report.
 */
class ScorerTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private static final String BIO = "Cuenta oficial del Ayuntamiento de Madrid. Información municipal, servicios y "
			+ "atención a la ciudadanía. Teléfono 010.";

	private static final long AVATAR = 0x3C7E_FF81_8199_C3E7L;

	private static final Identity X = new Identity(Platform.X, "madrid", "Ayuntamiento de Madrid", BIO,
			List.of(new Link("https://www.madrid.es/", false)), AVATAR, Instant.parse("2009-03-01T00:00:00Z"), 1_900_000L);

	private static final Identity MASTODON = new Identity(Platform.MASTODON, "aytomadrid@mastodon.social",
			"Ayto. de Madrid", BIO, List.of(new Link("https://www.madrid.es/", true)), AVATAR,
			Instant.parse("2022-11-10T00:00:00Z"), 12_000L);

	private static final Identity BLUESKY = new Identity(Platform.BLUESKY, "aytomadrid.bsky.social",
			"Ayuntamiento de Madrid", BIO, List.of(), AVATAR, Instant.parse("2024-11-20T00:00:00Z"), 30_000L);

	private static final Institution MADRID = new Institution("Ayuntamiento de Madrid", List.of("Ayto. de Madrid"),
			List.of("madrid.es"), List.of(X, MASTODON, BLUESKY),
			Map.of("madridfc", "Madrid FC, the football club: not us", "@cultura.madrid@mastodon.social", "our culture department"));

	private final Scorer scorer = new Scorer(ScoringWeights.defaults());

	private final PreparedInstitution madrid = scorer.prepare(MADRID);

	// Handles

	@ParameterizedTest(name = "[{index}] {0} {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			MASTODON | ayto_rnadrid@mastodon.social  | handle-confusable | reads as aytomadrid (rn/m)
			MASTODON | aytornadrid@mastodon.social   | handle-confusable | (rn/m)
			BLUESKY  | ayt0madrid.bsky.social        | handle-confusable | (0/o)
			BLUESKY  | aytomadr1d.bsky.social        | handle-confusable | (1/i)
			BLUESKY  | aytomadrld.bsky.social        | handle-confusable | (l/i)
			BLUESKY  | aytomaclrid.bsky.social       | handle-confusable | (cl/d)
			X        | rnadrid                       | handle-confusable | reads as madrid
			MASTODON | aytomadrid@mastodon.online    | handle-same-name  | on another server (mastodon.online)
			BLUESKY  | ayto-madrid.bsky.social       | handle-same-name  | only in separators
			MASTODON | ayto.madrid@mastodon.social   | handle-same-name  | only in separators
			TELEGRAM | aytomadrid                    | handle-same-name  | the official @aytomadrid@mastodon.social on Mastodon
			BLUESKY  | aytomadird.bsky.social        | handle-edit       | one edit
			BLUESKY  | aytomadri.bsky.social         | handle-edit       | one edit
			BLUESKY  | aytomaddrid.bsky.social       | handle-edit       | one edit
			BLUESKY  | aytomasrid.bsky.social        | handle-edit       | one edit
			BLUESKY  | aytomadred.bsky.social        | handle-edit       | one edit
			BLUESKY  | aytomadridd1.bsky.social      | handle-edit       | two edits
			BLUESKY  | aytomadrid-oficial.bsky.social | handle-affix     | with the affix 'oficial'
			X        | madrid_info                   | handle-affix      | with the affix 'info'
			X        | madridprensa                  | handle-affix      | with the affix 'prensa'
			X        | es_madrid                     | handle-affix      | with the affix 'es'
			X        | madrid_ciudad                 | handle-affix      | with the affix 'ciudad'
			""")
	void handlesThatImitateAnOfficialOne(Platform platform, String handle, String signal, String detail) {
		var score = scorer.score(Identity.of(platform, handle, null), madrid, NOW);
		assertThat(reason(score, signal).english()).contains(detail);
		assertThat(score.reasons()).filteredOn((r) -> r.signal().startsWith("handle-")).hasSize(1);
		assertThat(score.imitated()).isNotNull();
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			X        | madridejos
			X        | lugones
			X        | realmadrid
			X        | cdmadrid
			BLUESKY  | culturamadrid.bsky.social
			BLUESKY  | ayuntamientodegetafe.bsky.social
			X        | pepe_garcia
			""")
	void handlesThatDoNotImitateOne(Platform platform, String handle) {
		var score = scorer.score(Identity.of(platform, handle, null), madrid, NOW);
		assertThat(score.reasons()).noneMatch((r) -> r.signal().startsWith("handle-"));
	}

	// Display names

	@ParameterizedTest(name = "[{index}] ''{0}''")
	@CsvSource(delimiter = '|', textBlock = """
			Ayuntamiento de Madrid
			Ayto. de Madrid ✔
			AYUNTAMIENTO DE MADRID ✅
			Ayuntamiento de Madrid Oficial
			Ayuntamiento de Madrid (cuenta oficial)
			Excmo. Ayto. Madrid
			Ayuntamiento de Маdrid
			Ayunta\u200Bmiento de Madrid
			""")
	void displayNamesEqualToAnOfficialOneAfterNormalisation(String displayName) {
		var score = scorer.score(Identity.of(Platform.X, "someone_else", displayName), madrid, NOW);
		assertThat(reason(score, "display-equal").english()).startsWith("display name '").contains("after normalisation");
		assertThat(score.has("distinctive-token")).isFalse();
	}

	@ParameterizedTest(name = "[{index}] ''{0}''")
	@CsvSource(delimiter = '|', textBlock = """
			Ayuntamiento de Madird
			Ayuntamiento Madrir
			""")
	void displayNamesNearAnOfficialOne(String displayName) {
		var score = scorer.score(Identity.of(Platform.X, "someone_else", displayName), madrid, NOW);
		assertThat(score.has("display-near")).isTrue();
		assertThat(score.has("display-equal")).isFalse();
	}

	@ParameterizedTest(name = "[{index}] ''{0}''")
	@CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
			Ayuntamiento de Madrid Informa
			Ayuntamiento de Madrid Noticias
			Información · Ayuntamiento de Madrid
			🇪🇸 Ayuntamiento de Madrid 🇪🇸
			📢📢📢 Ayto. de Madrid 📢📢📢
			<b>Ayuntamiento de Madrid</b>
			Ayuntamiento de Madrid <span class="verified">✔</span>
			[b]Ayto. de Madrid[/b] &amp; 010
			Ayuntamiento de Madrid :verified: :flag_es:
			Atención ciudadana del Ayuntamiento de Madrid 2026
			""")
	void aNameWornInsideALongerOneScoresAsMuchAsAnEqualName(String displayName) {
		var score = scorer.score(Identity.of(Platform.X, "someone_else", displayName), madrid, NOW);
		assertThat(score.reasons()).as(score.toString()).filteredOn(r -> r.signal().startsWith("display-"))
			.singleElement()
			.satisfies(reason -> assertThat(reason.points()).isEqualTo(scorer.weights().displayEqual()));
		assertThat(score.points()).as(score.toString()).isEqualTo(scorer.weights().displayEqual());
	}

	@Test
	void aWornNameIsSaidToBeContainedWholeButNotWithADistinctiveWordAroundIt() {
		var worn = scorer.score(Identity.of(Platform.X, "someone_else", "📢 Información · Ayto. de Madrid 📢"), madrid,
				NOW);
		assertThat(reason(worn, "display-contains").english()).isEqualTo("display name '📢 Información · Ayto. de Madrid "
				+ "📢' contains the institution's name 'Ayuntamiento de Madrid' whole");
		// A department's name, as far as the name tells.
		var department = scorer.score(Identity.of(Platform.X, "someone_else", "Cultura · Ayuntamiento de Madrid"), madrid,
				NOW);
		assertThat(department.reasons()).noneMatch(r -> r.signal().startsWith("display-"));
		assertThat(department.points()).isZero();
	}

	@Test
	void aClubAbbreviatedCDIsNotNearAnAbbreviatedTownHall() {
		var barcelona = scorer.prepare(new Institution("Ajuntament de Barcelona", List.of("Aj. de Barcelona"),
				List.of("barcelona.cat"), List.of(new Identity(Platform.BLUESKY, "barcelona.cat", "Aj. de Barcelona", null,
						List.of(), null, null, null)), Map.of()));
		var club = new Identity(Platform.BLUESKY, "cdbarcelona.bsky.social", "🇪🇸 C.D. Barcelona", "Fútbol base",
				List.of(), null, NOW.minus(Duration.ofDays(20)), 100L);

		var score = scorer.score(club, barcelona, NOW);

		assertThat(score.reasons()).as(score.toString()).noneMatch(r -> r.signal().startsWith("display-"));
		assertThat(score.points()).as(score.toString()).isLessThan(scorer.weights().impersonationThreshold());
	}

	@ParameterizedTest(name = "[{index}] {0} ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			hotelmadrid | Hotel Madrid
			cdmadrid    | C.D. Madrid
			visitmadrid | Madrid
			radiomadrid | Madrid Noticias
			""")
	void namesakesThatMerelyShareTheTownsNameWearNoOfficialName(String handle, String displayName) {
		var candidate = new Identity(Platform.BLUESKY, handle + ".bsky.social", displayName,
				"Toda la actualidad de Madrid.", List.of(), null, NOW.minus(Duration.ofDays(20)), 100L);
		var score = scorer.score(candidate, madrid, NOW);
		assertThat(score.reasons()).as(score.toString()).noneMatch(r -> r.signal().startsWith("display-"));
		assertThat(score.points()).as(score.toString()).isLessThan(scorer.weights().impersonationThreshold());
	}

	@Test
	void reportsMixedScriptsAndInvisibleCharactersNextToAResemblance() {
		var cyrillic = scorer.score(Identity.of(Platform.X, "madrid_es", "Ayuntamiento de Маdrid"), madrid, NOW);
		assertThat(reason(cyrillic, "mixed-script").english()).contains("Latin+Cyrillic");
		var hidden = scorer.score(Identity.of(Platform.X, "madrid_es", "Ayuntamiento\u200B de Madrid"), madrid, NOW);
		assertThat(reason(hidden, "invisible").english()).contains("U+200B ZERO WIDTH SPACE");
	}

	@Test
	void mixedScriptsAloneAreNoSignOfImpersonation() {
		var score = scorer.score(Identity.of(Platform.X, "olga_k", "Ольга from Kyiv"), madrid, NOW);
		assertThat(score.reasons()).isEmpty();
		assertThat(score.points()).isZero();
	}

	// Bio, links, avatar, age

	@Test
	void aCopiedBioCountsWithItsSimilarity() {
		var candidate = new Identity(Platform.X, "madrid_al_dia", null, BIO + " ¡Síguenos!", List.of(), null, null, null);
		assertThat(reason(scorer.score(candidate, madrid, NOW), "bio-copied").english())
			.matches("bio \\d\\d% identical to @\\S+'s");
	}

	@Test
	void aBioOnTheSameSubjectIsNotACopy() {
		var candidate = new Identity(Platform.X, "vecina", null,
				"Vecina de Madrid. Opino sobre el ayuntamiento, los servicios municipales y lo que pasa en mi barrio.",
				List.of(), null, null, null);
		assertThat(scorer.score(candidate, madrid, NOW).has("bio-copied")).isFalse();
	}

	@Test
	void linksToTheOfficialDomainCount() {
		var candidate = new Identity(Platform.X, "madrid_tramites", null, null,
				List.of(new Link("https://sede.madrid.es/portal/site/tramites", false)), null, null, null);
		assertThat(reason(scorer.score(candidate, madrid, NOW), "links-copied").english())
			.contains("the official domain madrid.es (not verified)");
		var elsewhere = new Identity(Platform.X, "madrid_tramites", null, null,
				List.of(new Link("https://madrid-tramites.com/", false)), null, null, null);
		assertThat(scorer.score(elsewhere, madrid, NOW).has("links-copied")).isFalse();
	}

	@Test
	void anAvatarAFewBitsAwayCounts() {
		var close = new Identity(Platform.X, "madrid_es", null, null, List.of(), AVATAR ^ 0b1011L, null, null);
		assertThat(reason(scorer.score(close, madrid, NOW), "avatar-similar").english())
			.isEqualTo("avatar 3 bits from @madrid's (64-bit dHash)");
		var far = new Identity(Platform.X, "madrid_es", null, null, List.of(), ~AVATAR, null, null);
		assertThat(scorer.score(far, madrid, NOW).has("avatar-similar")).isFalse();
	}

	@Test
	void aYoungAccountCountsOnlyNextToAResemblance() {
		var young = new Identity(Platform.X, "ayto_rnadrid", null, null, List.of(), null, NOW.minus(Duration.ofDays(12)),
				3L);
		assertThat(scorer.score(young, madrid, NOW).has("young-account")).isTrue();
		var old = new Identity(Platform.X, "ayto_rnadrid", null, null, List.of(), null, NOW.minus(Duration.ofDays(900)),
				3L);
		assertThat(scorer.score(old, madrid, NOW).has("young-account")).isFalse();
		var unrelated = new Identity(Platform.X, "pepe_garcia", "Pepe García", null, List.of(), null,
				NOW.minus(Duration.ofDays(12)), 3L);
		assertThat(scorer.score(unrelated, madrid, NOW).reasons()).isEmpty();
	}

	// Against

	@ParameterizedTest(name = "[{index}] ''{0}''")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Ayuntamiento de Madridejos   | 'madridejos', not 'madrid'
			Ayuntamiento de Móstoles     | 'mostoles', not 'madrid'
			Ayto. de Getafe ✔            | 'getafe', not 'madrid'
			Ayuntamiento de Ma​dridejos | 'madridejos', not 'madrid'
			""")
	void anotherTownsNameCountsAgainst(String displayName, String detail) {
		// Neighbouring towns write their bios from the same template: the resemblance is real, the town is not.
		var town = displayName.substring(displayName.lastIndexOf(' ') + 1);
		var candidate = new Identity(Platform.X, "ayto" + town.toLowerCase(java.util.Locale.ROOT), displayName,
				BIO.replace("Madrid", town), List.of(), null, null, null);
		var score = scorer.score(candidate, madrid, NOW);
		assertThat(score.has("bio-copied")).isTrue();
		assertThat(reason(score, "distinctive-token").english()).contains(detail);
		assertThat(score.points()).isLessThan(scorer.weights().impersonationThreshold());
	}

	@Test
	void alcalaLaRealIsNotAlcalaDeHenares() {
		var alcala = scorer.prepare(new Institution("Ayuntamiento de Alcalá de Henares", List.of("Ayto. Alcalá"),
				List.of("ayto-alcaladehenares.es"), List.of(Identity.of(Platform.X, "ayto_alcalah", "Ayto. Alcalá de Henares"))));
		var score = scorer.score(Identity.of(Platform.X, "ayto_alcalar", "Ayuntamiento de Alcalá la Real"), alcala, NOW);
		assertThat(reason(score, "distinctive-token").english()).contains("'real', not 'henares'");
		assertThat(score.points()).isLessThan(scorer.weights().impersonationThreshold());
	}

	@ParameterizedTest(name = "[{index}] {0} ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			bibliotecasmadrid | Bibliotecas Municipales de Madrid
			realmadrid        | Real Madrid C.F.
			hotelmadrid       | Hotel Madrid Centro
			culturamadrid     | Cultura - Ayto. de Madrid
			""")
	void departmentsClubsAndBusinessesOfTheSameTownStayBelowTheThreshold(String handle, String displayName) {
		var candidate = new Identity(Platform.X, handle, displayName, "Toda la actualidad de " + displayName + ".",
				List.of(new Link("https://www.madrid.es/bibliotecas", false)), null, null, null);
		var score = scorer.score(candidate, madrid, NOW);
		assertThat(score.has("extra-token")).as(score.toString()).isTrue();
		assertThat(score.points()).as(score.toString()).isLessThan(scorer.weights().impersonationThreshold());
	}

	@ParameterizedTest(name = "[{index}] ''{0}'' / ''{1}''")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			Ayuntamiento de Madrid (parodia)  | -
			Ayuntamiento de Madrid            | Cuenta parodia. No somos el Ayuntamiento.
			Ayuntamiento de Madrid            | Parody account, not affiliated with the city council.
			Fans de Madrid                    | -
			Ayuntamiento de Madrid            | Esta cuenta no es oficial.
			Ayuntamiento de Madrid            | Cuenta NO oficial
			Ayuntamiento de Madrid            | Unofficial fan account
			""")
	void aDeclaredParodyOrFanAccountCountsStronglyAgainst(String displayName, String bio) {
		var candidate = new Identity(Platform.X, "ayto_rnadrid", displayName, bio, List.of(), AVATAR, null, null);
		var score = scorer.score(candidate, madrid, NOW);
		assertThat(score.has("declared-parody")).as(score.toString()).isTrue();
		assertThat(score.points()).isLessThan(scorer.weights().impersonationThreshold());
	}

	@Test
	void anOfficialBioSayingOficialIsNoDeclaration() {
		var candidate = new Identity(Platform.X, "ayto_rnadrid", "Ayuntamiento de Madrid",
				"Cuenta oficial. No respondemos mensajes privados; atención oficial en el 010.", List.of(), null, null, null);
		assertThat(scorer.score(candidate, madrid, NOW).has("declared-parody")).isFalse();
	}

	@Test
	void anAllowlistedNamesakeCountsStronglyAgainstWithItsReason() {
		var score = scorer.score(Identity.of(Platform.X, "MadridFC", "Madrid FC"), madrid, NOW);
		assertThat(reason(score, "allowlisted").english()).isEqualTo("@madridfc is allowlisted: Madrid FC, the football club: not us");
		var mastodon = scorer.score(Identity.of(Platform.MASTODON, "cultura.madrid@mastodon.social", null), madrid, NOW);
		assertThat(mastodon.has("allowlisted")).isTrue();
		assertThat(mastodon.points()).isNegative();
	}

	// The decision

	@Test
	void aTypicalImpersonatorScoresAboveTheThresholdWithEveryReason() {
		var impersonator = new Identity(Platform.BLUESKY, "ayto-rnadrid.bsky.social", "Ayto. de Madrid ✔", BIO,
				List.of(new Link("https://www.madrid.es/", false)), AVATAR ^ 0b11L, NOW.minus(Duration.ofDays(3)), 12L);
		var classification = scorer.classify(impersonator, madrid, NOW);
		assertThat(classification.verdict()).isEqualTo(Verdict.IMPERSONATION);
		var score = classification.score();
		assertThat(score.imitated()).isEqualTo(BLUESKY);
		assertThat(score.reasons()).extracting(Reason::signal)
			.containsExactly("handle-confusable", "bio-copied", "avatar-similar", "display-equal", "links-copied",
					"young-account");
		assertThat(score.points()).isEqualTo(score.reasons().stream().mapToInt(Reason::points).sum());
		assertThat(reason(score, "handle-confusable").english())
			.isEqualTo("handle ayto-rnadrid.bsky.social reads as aytomadrid (rn/m)");
		assertThat(reason(score, "display-equal").english())
			.isEqualTo("display name 'Ayto. de Madrid ✔' equals the institution's name 'Ayuntamiento de Madrid' after normalisation");
	}

	@Test
	void theThresholdIsConfigurable() {
		var candidate = Identity.of(Platform.X, "ayto_rnadrid", null);
		int points = scorer.score(candidate, madrid, NOW).points();
		assertThat(new Scorer(ScoringWeights.defaults().withThreshold(points)).classify(candidate, madrid, NOW).verdict())
			.isEqualTo(Verdict.IMPERSONATION);
		assertThat(new Scorer(ScoringWeights.defaults().withThreshold(points + 1)).classify(candidate, madrid, NOW)
			.verdict()).isEqualTo(Verdict.BELOW_THRESHOLD);
	}

	@Test
	void aRegisteredAccountIsSkipped() {
		assertThat(scorer.classify(Identity.of(Platform.MASTODON, "@AytoMadrid@mastodon.social", "Ayto. de Madrid"),
				madrid, NOW).verdict()).isEqualTo(Verdict.REGISTERED);
	}

	@Test
	void anAccountProvingOfficialControlIsUnregisteredNotAnImpersonation() {
		var domainHandle = scorer.classify(Identity.of(Platform.BLUESKY, "madrid.es", "Ayuntamiento de Madrid"), madrid, NOW);
		assertThat(domainHandle.verdict()).isEqualTo(Verdict.UNREGISTERED);
		assertThat(domainHandle.proof()).isEqualTo("the handle madrid.es is under the official domain madrid.es");
		var verified = new Identity(Platform.MASTODON, "aytomadrid@mastodon.online", "Ayuntamiento de Madrid", null,
				List.of(new Link("https://www.madrid.es/", true)), null, null, null);
		assertThat(scorer.classify(verified, madrid, NOW).verdict()).isEqualTo(Verdict.UNREGISTERED);
	}

	@Test
	void weightsAreValidated() {
		var defaults = ScoringWeights.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withThreshold(0))
			.withMessageContaining("impersonationThreshold");
		assertThatIllegalArgumentException().isThrownBy(() -> new ScoringWeights(60, 60, 60, 50, 30, 50, 25, 50, 25, 20,
				20, 30, 80, 20, 35, 20, 6, 12, 10, 70, -25, -100, -1000, Duration.ofDays(90)))
			.withMessageContaining("distinctiveToken");
	}

	@Test
	void hostileInputScoresWithoutThrowing() {
		var hostile = new Identity(Platform.X, "\u202E\u0000x", "\uD800" + "ǅ".repeat(10_000) + "\u200B", "🏛️".repeat(5000),
				List.of(new Link("http://[::1", false), new Link("", true)), null, NOW.plus(Duration.ofDays(1)), -1L);
		assertThat(scorer.score(hostile, madrid, NOW)).isNotNull();
		var empty = scorer.prepare(new Institution("", List.of(), List.of(), List.of()));
		assertThat(scorer.score(Identity.of(Platform.X, "madrid", "Madrid"), empty, NOW).points()).isZero();
	}

	@Test
	void scoresTheSameInParallel() {
		var candidates = IntStream.range(0, 200)
			.mapToObj((i) -> Identity.of(Platform.X, (i % 2 == 0) ? "ayto_rnadrid" + i : "madrid" + i,
					(i % 3 == 0) ? "Ayuntamiento de Маdrid" : "Ayto. Getafe"))
			.toList();
		var sequential = candidates.stream().map((c) -> scorer.score(c, madrid, NOW)).toList();
		var parallel = candidates.parallelStream().map((c) -> scorer.score(c, madrid, NOW)).toList();
		assertThat(parallel).isEqualTo(sequential);
	}

	private static Reason reason(Score score, String signal) {
		return score.reasons().stream().filter((r) -> r.signal().equals(signal)).findFirst()
			.orElseThrow(() -> new AssertionError("no " + signal + " in " + score));
	}

	@Test
	void lettersAloneRuleOutOnlyPairsMoreThanTwoEditsApart() {
		// The cheap bound before the edit distance: it must never turn away a pair within two edits. The exact distance
		// is the plain table's: commons-text's DamerauLevenshteinDistance (1.15) finds 1 or 2 edits between identical
		// texts with letters beyond ASCII ("nilñnteaco1" and itself).
		var random = new java.util.Random(20261205);
		var letters = "aeiocuntl01rñá";
		int ruledOut = 0;
		for (int i = 0; i < 20_000; i++) {
			var a = new StringBuilder();
			for (int n = 4 + random.nextInt(8); n > 0; n--) {
				a.append(letters.charAt(random.nextInt(letters.length())));
			}
			var b = new StringBuilder(a);
			for (int edits = random.nextInt(5); edits > 0 && b.length() > 1; edits--) {
				int at = random.nextInt(b.length() - 1);
				switch (random.nextInt(4)) {
					case 0 -> b.insert(at, letters.charAt(random.nextInt(letters.length())));
					case 1 -> b.deleteCharAt(at);
					case 2 -> b.setCharAt(at, letters.charAt(random.nextInt(letters.length())));
					default -> {
						char c = b.charAt(at);
						b.setCharAt(at, b.charAt(at + 1));
						b.setCharAt(at + 1, c);
					}
				}
			}
			int exact = EditsTests.reference(a.toString(), b.toString());
			if (exact <= 2) {
				assertThat(Scorer.withinEdits(a.toString(), b.toString(), 2)).as(a + " / " + b).isTrue();
				assertThat(Scorer.edits(a.toString(), b.toString())).isEqualTo(exact);
			}
			else {
				assertThat(Scorer.edits(a.toString(), b.toString())).isEqualTo(-1);
				ruledOut += Scorer.withinEdits(a.toString(), b.toString(), 2) ? 0 : 1;
			}
		}
		assertThat(ruledOut).as("pairs ruled out by their letters").isPositive();
		assertThat(Scorer.withinEdits("cuentaa1234", "cuenta5678", 2)).isFalse();
		assertThat(Scorer.withinEdits("cuentaa1234", "cuenta1234", 2)).isTrue();
		assertThat(Scorer.withinEdits("aytomadird", "aytomadrid", 2)).isTrue();
	}

}
