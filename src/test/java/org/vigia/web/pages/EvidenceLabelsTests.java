package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every key a finding's evidence can carry has a label in every language, so the finding page never shows a key as a
 * rule wrote it. The keys are read from the code that writes evidence: a key added there without a label fails here.
 */
class EvidenceLabelsTests {

	/** The code that writes findings' evidence, at any depth. */
	static final List<String> WRITERS = List.of("health/Rules.java", "health/Attestations.java",
			"health/CitizenReports.java", "health/ConnectionFindings.java", "discovery/Evidence.java");

	/** A key put into a map, or the keys of a {@code Map.of}: lower camel case, as evidence keys are. */
	private static final Pattern PUT = Pattern.compile("\\.put\\(\"([a-z][A-Za-z]*)\"");

	private static final Pattern MAP_OF = Pattern.compile("Map\\.of\\(((?:\"[a-z][A-Za-z]*\",[^,)]+\\)?,?\\s*)+)\\)");

	private static final Pattern QUOTED = Pattern.compile("\"([a-z][A-Za-z]*)\"");

	static TreeSet<String> keys() throws IOException {
		var keys = new TreeSet<String>();
		for (var writer : WRITERS) {
			var source = Files.readString(Path.of("src/main/java/org/vigia").resolve(writer));
			var put = PUT.matcher(source);
			while (put.find()) {
				keys.add(put.group(1));
			}
			var of = MAP_OF.matcher(source);
			while (of.find()) {
				var quoted = QUOTED.matcher(of.group(1));
				while (quoted.find()) {
					keys.add(quoted.group(1));
				}
			}
		}
		return keys;
	}

	@Test
	void everyEvidenceKeyHasALabelInEveryLanguage() throws IOException {
		var keys = keys();
		// What the writers are known to write, so that a change in how they write cannot empty the list unnoticed.
		assertThat(keys).contains("silentDays", "limitSource", "lastCheckedAt", "newestPostUrl", "lastActivityAt",
				"dormantAfterDays", "abandonedAfterDays", "answeredBy", "roundClosedAt", "reportedByThePublic",
				"connections", "expiresAt", "candidate", "released", "accountId", "handle", "state", "administers");
		assertThat(keys).hasSizeGreaterThan(60);
		for (var language : List.of("", "_en", "_es", "_ca", "_gl", "_eu")) {
			var bundle = bundle("messages" + language);
			assertThat(keys.stream().filter(key -> !bundle.containsKey("evidence.key." + key)))
				.as("evidence keys without a label in messages%s.properties", language)
				.isEmpty();
		}
	}

	@Test
	void everyCodeARuleWritesHasAName() throws IOException {
		var names = List.of("evidence.value.limitSource.DEFAULT", "evidence.value.limitSource.PLATFORM",
				"evidence.value.limitSource.ACCOUNT", "evidence.value.source.REPORTED", "evidence.value.source.CHECKED",
				"evidence.value.reason.NO_UNIT", "evidence.value.reason.NO_CONTACT", "evidence.value.broken.HANDLE_PATTERN",
				"evidence.value.broken.AVATAR", "evidence.value.broken.DISPLAY_NAME", "evidence.value.broken.OFFICIAL_LINK",
				"evidence.value.true", "evidence.value.false");
		var rules = Files.readString(Path.of("src/main/java/org/vigia/health/Rules.java"));
		for (var code : List.of("\"DEFAULT\"", "\"PLATFORM\"", "\"ACCOUNT\"", "\"REPORTED\"", "\"CHECKED\"", "\"NO_UNIT\"",
				"\"NO_CONTACT\"", "\"HANDLE_PATTERN\"", "\"AVATAR\"", "\"DISPLAY_NAME\"", "\"OFFICIAL_LINK\"")) {
			assertThat(rules).as("Rules.java writes %s", code).contains(code);
		}
		for (var language : List.of("", "_en", "_es", "_ca", "_gl", "_eu")) {
			var bundle = bundle("messages" + language);
			assertThat(names.stream().filter(name -> !bundle.containsKey(name)))
				.as("evidence values without a name in messages%s.properties", language)
				.isEmpty();
		}
	}

	private static Properties bundle(String name) throws IOException {
		var properties = new Properties();
		try (var in = Files.newInputStream(Path.of("src/main/resources/" + name + ".properties"))) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
