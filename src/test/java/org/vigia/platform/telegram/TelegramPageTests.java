package org.vigia.platform.telegram;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramPageTests {

	@ParameterizedTest(name = "''{0}'' -> {1}")
	@CsvSource(nullValues = "null", textBlock = """
			950,    950
			12.3K,  12300
			48.2K,  48200
			1.2M,   1200000
			8.86M,  8860000
			1K,     1000
			'1,234', 1234
			2B,     2000000000
			'',     null
			many,   null
			""")
	void readsCountersAsTelegramAbbreviatesThem(String value, Long expected) {
		assertThat(TelegramPage.count(value)).isEqualTo(expected);
	}

	@Test
	void readsEveryPostWithItsTimeAndLinkInPageOrder() {
		var page = TelegramPage.parse(TelegramAdapterTests.fixture("channel.html"), "https://t.me/s/valenciaciudad");

		assertThat(page.telegram()).isTrue();
		assertThat(page.posts()).extracting(TelegramPage.Post::id)
			.containsExactly("valenciaciudad/4410", "valenciaciudad/4411", "valenciaciudad/4412");
		assertThat(page.posts()).extracting(TelegramPage.Post::at)
			.containsExactly(Instant.parse("2026-11-26T09:15:02Z"), Instant.parse("2026-11-27T11:40:00Z"),
					Instant.parse("2026-11-28T17:04:12Z"));
	}

	@Test
	void linksAPostWithoutADateLinkByItsId() {
		var page = TelegramPage.parse("""
				<div class="tgme_widget_message js-widget_message" data-post="valenciaciudad/7">
					<div class="tgme_widget_message_text">Sin fecha</div>
				</div>
				""", "https://t.me/s/valenciaciudad");

		assertThat(page.posts()).singleElement().satisfies((post) -> {
			assertThat(post.at()).isNull();
			assertThat(post.url()).isEqualTo("https://t.me/valenciaciudad/7");
		});
	}

	@Test
	void findsNoProfileOnTelegramsGenericPage() {
		var page = TelegramPage.parse(TelegramAdapterTests.fixture("generic-page.html"),
				"https://t.me/s/ayto_fantasma");

		assertThat(page.telegram()).isTrue();
		assertThat(page.profile()).isNull();
		assertThat(page.posts()).isEmpty();
	}

}
