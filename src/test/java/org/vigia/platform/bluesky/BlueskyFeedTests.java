package org.vigia.platform.bluesky;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.vigia.platform.adapter.Json;

import static org.assertj.core.api.Assertions.assertThat;

class BlueskyFeedTests {

	private static final String DID = "did:plc:cultura2ministerio3gob4e";

	@ParameterizedTest(name = "createdAt {0}, indexedAt {1} -> {2}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			2026-04-30T09:30:00.000Z      | 2026-04-30T09:30:01.234Z | 2026-04-30T09:30:00Z
			2031-01-01T00:00:00.000Z      | 2026-04-30T09:30:01.234Z | 2026-04-30T09:30:01.234Z
			2026-04-30T09:30:05.000Z      | 2026-04-30T09:30:01.234Z | 2026-04-30T09:30:01.234Z
			2019-03-01T10:00:00.000Z      | 2026-04-30T09:30:01.234Z | 2019-03-01T10:00:00Z
			2026-04-30T11:30:00.000+02:00 | 2026-04-30T09:30:01.234Z | 2026-04-30T09:30:00Z
			yesterday                     | 2026-04-30T09:30:01.234Z | 2026-04-30T09:30:01.234Z
			-                             | 2026-04-30T09:30:01.234Z | 2026-04-30T09:30:01.234Z
			2026-04-30T09:30:00.000Z      | -                        | 2026-04-30T09:30:00Z
			""")
	void datesAPostByTheEarlierOfItsClaimedAndItsIndexedTime(String createdAt, String indexedAt, String expected) {
		var feed = BlueskyFeed.from(Json.parse("""
				{"feed": [{"post": {"uri": "at://%s/app.bsky.feed.post/3lnx3ysrdbk2c",
				  "author": {"did": "%s", "handle": "cultura.gob.example"},
				  "record": {"$type": "app.bsky.feed.post", "text": "Hola"%s}%s}}]}
				""".formatted(DID, DID, field("createdAt", createdAt), field("indexedAt", indexedAt))), DID);

		assertThat(feed).isNotNull();
		assertThat(feed.newestAt()).isEqualTo(expected);
	}

	@Test
	void linksToAPostUnderItsDidWhenTheAuthorsHandleNoLongerVerifies() {
		var feed = BlueskyFeed.from(Json.parse("""
				{"feed": [{"post": {"uri": "at://%s/app.bsky.feed.post/3lnx3ysrdbk2c", "indexedAt": "2026-04-30T09:30:01Z",
				  "author": {"did": "%s", "handle": "handle.invalid"}, "record": {"text": "Hola"}}}]}
				""".formatted(DID, DID)), DID);

		assertThat(feed).isNotNull();
		assertThat(feed.newestUrl()).isEqualTo("https://bsky.app/profile/" + DID + "/post/3lnx3ysrdbk2c");
	}

	@Test
	void skipsItemsItCannotReadAndReasonsItDoesNotKnow() {
		var feed = BlueskyFeed.from(Json.parse("""
				{"feed": [
				  "not an item",
				  {"post": null},
				  {"post": {"uri": "at://%1$s/app.bsky.feed.post/3a", "indexedAt": "2030-01-01T00:00:00Z",
				   "author": {"did": "%1$s"}, "record": {}}, "reason": {"$type": "app.bsky.feed.defs#reasonSomethingNew"}},
				  {"post": {"uri": "at://%1$s/app.bsky.feed.post/3b", "indexedAt": "2026-04-30T09:30:01Z",
				   "author": {"did": "%1$s"}, "record": {"createdAt": "2026-04-30T09:30:00Z"}}}
				]}""".formatted(DID)), DID);

		assertThat(feed).isNotNull();
		assertThat(feed.newestAt()).isEqualTo("2026-04-30T09:30:00Z");
		assertThat(feed.posts()).isEqualTo(1);
	}

	@Test
	void takesAnAnswerWithoutAFeedForNoFeed() {
		assertThat(BlueskyFeed.from(Json.parse("{\"error\": \"InvalidRequest\"}"), DID)).isNull();
		assertThat(BlueskyFeed.from(Json.parse("[]"), DID)).isNull();
		assertThat(BlueskyFeed.from(null, DID)).isNull();
	}

	private static String field(String name, String value) {
		return (value == null) ? "" : ", \"" + name + "\": \"" + value + "\"";
	}

}
