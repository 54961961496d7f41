package org.vigia.platform.feed;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FeedParserTests {

	@Test
	void theParserItselfRefusesAnyDoctypeThatReachesIt() {
		var xxe = FeedAdapterTests.fixture("xxe.xml");

		assertThatExceptionOfType(FeedParser.UnreadableFeedException.class)
			.isThrownBy(() -> FeedParser.build(xxe, "rss"))
			.withMessageStartingWith("Malformed feed: ")
			.withMessageContaining("DOCTYPE")
			.withMessageNotContaining("root:");
	}

	@Test
	void theParserItselfRefusesAnEntityExpansionBomb() {
		var bomb = FeedAdapterTests.fixture("billion-laughs.xml");

		assertThatExceptionOfType(FeedParser.UnreadableFeedException.class)
			.isThrownBy(() -> FeedParser.build(bomb, "rss"))
			.withMessageContaining("DOCTYPE");
	}

	@Test
	void cutsADoctypeThatOnlyNamesAnExternalDtd() {
		var text = """
				<?xml version="1.0"?>
				<!-- a comment -->
				<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
					"http://my.netscape.com/publish/formats/rss-0.91.dtd">
				<rss version="0.91"><channel><title>T</title></channel></rss>
				""";

		var prolog = FeedParser.Prolog.of(text);

		assertThat(prolog.root()).isEqualTo("rss");
		assertThat(prolog.internalSubset()).isFalse();
		assertThat(prolog.withoutDoctype(text)).doesNotContain("DOCTYPE")
			.contains("<!-- a comment -->", "<rss version");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			<!DOCTYPE rss [<!ENTITY a "b">]><rss/>                              | true  |
			<!doctype rss SYSTEM "x.dtd" [<!ENTITY a SYSTEM "file:///x">]><rss/> | true  |
			<!DOCTYPE rss SYSTEM "a[b].dtd"><rss/>                               | false | rss
			<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>      | false | feed
			\uFEFF<rdf:RDF/>                                                     | false | rdf:RDF
			<!DOCTYPE html><html lang="es"><body></body></html>                  | false | html
			{"items": []}                                                        | false |
			""")
	void findsTheRootElementAndAnyInternalSubset(String text, boolean internalSubset, String root) {
		var prolog = FeedParser.Prolog.of(text);

		assertThat(prolog.internalSubset()).isEqualTo(internalSubset);
		assertThat(prolog.root()).isEqualTo(root);
	}

	@Test
	void refusesAnEmptyAnswer() {
		assertThatExceptionOfType(FeedParser.UnreadableFeedException.class)
			.isThrownBy(() -> FeedParser.parse(new byte[0], "application/rss+xml", "https://example.org/feed"))
			.withMessage("Not a feed: the answer is empty");
	}

	@Test
	void prefersTheCharsetOfTheContentTypeHeader() throws Exception {
		var body = """
				<rss version="2.0"><channel>
					<title>Logroño</title><link>https://example.es/</link><description>d</description>
				</channel></rss>
				""".getBytes(StandardCharsets.ISO_8859_1);

		var feed = FeedParser.parse(body, "text/xml; charset=ISO-8859-1", "https://example.es/feed");

		assertThat(feed.getTitle()).isEqualTo("Logroño");
	}

}
