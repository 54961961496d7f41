package org.vigia.platform;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlatformHandlesTests {

	private static final String CHANNEL = "UC_x5XG1OV2P6uZZ5FSM9Ttw";

	@ParameterizedTest(name = "{0} ''{1}'' -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			MASTODON  | https://mastodon.social/@Foo                         | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | https://mastodon.social/@Foo/                        | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | https://mastodon.social/@foo/with_replies            | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | https://mastodon.social/@foo/111234567890123456      | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | https://mastodon.social/users/foo                    | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | https://mastodon.social/users/Foo/statuses/1112345   | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | https://mastodon.social/web/@foo                     | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | @foo@mastodon.social                                 | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | foo@mastodon.social                                  | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | @Foo@Mastodon.Social                                 | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | acct:foo@mastodon.social                             | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | mastodon.social/@foo                                 | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | https://mastodon.social:443/@foo?utm_source=web      | foo@mastodon.social                 | https://mastodon.social/@foo
			MASTODON  | https://mastodon.social/@foo@other.example           | foo@other.example                   | https://other.example/@foo
			MASTODON  | http://127.0.0.1:8089/@cultura                       | cultura@127.0.0.1:8089              | http://127.0.0.1:8089/@cultura
			MASTODON  | cultura@127.0.0.1:8089                               | cultura@127.0.0.1:8089              | https://127.0.0.1:8089/@cultura
			MASTODON  | https://social.bund.de/@Bundesregierung              | bundesregierung@social.bund.de      | https://social.bund.de/@bundesregierung
			MASTODON  | @ayto.madrid-oficial@mastodon.social                 | ayto.madrid-oficial@mastodon.social | https://mastodon.social/@ayto.madrid-oficial
			MASTODON  | @foo@mastodon.café                                   | foo@mastodon.xn--caf-dma            | https://mastodon.xn--caf-dma/@foo
			BLUESKY   | https://bsky.app/profile/foo.bsky.social             | foo.bsky.social                     | https://bsky.app/profile/foo.bsky.social
			BLUESKY   | https://bsky.app/profile/Foo.bsky.social/            | foo.bsky.social                     | https://bsky.app/profile/foo.bsky.social
			BLUESKY   | bsky.app/profile/foo.bsky.social?ref_src=embed       | foo.bsky.social                     | https://bsky.app/profile/foo.bsky.social
			BLUESKY   | @foo.bsky.social                                     | foo.bsky.social                     | https://bsky.app/profile/foo.bsky.social
			BLUESKY   | foo.bsky.social                                      | foo.bsky.social                     | https://bsky.app/profile/foo.bsky.social
			BLUESKY   | Ayuntamiento.Example.ES                              | ayuntamiento.example.es             | https://bsky.app/profile/ayuntamiento.example.es
			BLUESKY   | https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3k44deefqdk2g | did:plc:z72i7hdynmk6r22z27h6tvur | https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur
			BLUESKY   | did:plc:z72i7hdynmk6r22z27h6tvur                     | did:plc:z72i7hdynmk6r22z27h6tvur    | https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur
			BLUESKY   | did:web:example.com                                  | did:web:example.com                 | https://bsky.app/profile/did:web:example.com
			BLUESKY   | at://foo.bsky.social/app.bsky.feed.post/3k44deefqdk2g | foo.bsky.social                    | https://bsky.app/profile/foo.bsky.social
			X         | https://x.com/Foo                                    | foo                                 | https://x.com/foo
			X         | twitter.com/foo?lang=es                              | foo                                 | https://x.com/foo
			X         | mobile.twitter.com/foo                               | foo                                 | https://x.com/foo
			X         | https://www.twitter.com/Foo/                         | foo                                 | https://x.com/foo
			X         | https://x.com/foo/status/1234567890123456789         | foo                                 | https://x.com/foo
			X         | https://x.com/foo?s=20&t=AbCdEf                      | foo                                 | https://x.com/foo
			X         | HTTPS://X.COM/FOO                                    | foo                                 | https://x.com/foo
			X         | //x.com/foo                                          | foo                                 | https://x.com/foo
			X         | https://twitter.com/#!/foo                           | foo                                 | https://x.com/foo
			X         | @foo                                                 | foo                                 | https://x.com/foo
			X         | Foo_Bar                                              | foo_bar                             | https://x.com/foo_bar
			FACEBOOK  | facebook.com/ayuntamientomadrid                      | ayuntamientomadrid                  | https://www.facebook.com/ayuntamientomadrid
			FACEBOOK  | https://www.facebook.com/AyuntamientoMadrid/         | ayuntamientomadrid                  | https://www.facebook.com/ayuntamientomadrid
			FACEBOOK  | m.facebook.com/ayto.madrid                           | ayto.madrid                         | https://www.facebook.com/ayto.madrid
			FACEBOOK  | fb.com/ayuntamientomadrid                            | ayuntamientomadrid                  | https://www.facebook.com/ayuntamientomadrid
			FACEBOOK  | https://es-es.facebook.com/ayuntamientomadrid        | ayuntamientomadrid                  | https://www.facebook.com/ayuntamientomadrid
			FACEBOOK  | https://www.facebook.com/ayuntamientomadrid?fbclid=IwAR0abc&ref=page_internal | ayuntamientomadrid | https://www.facebook.com/ayuntamientomadrid
			FACEBOOK  | https://www.facebook.com/ayuntamientomadrid/?utm_source=newsletter&utm_medium=email | ayuntamientomadrid | https://www.facebook.com/ayuntamientomadrid
			FACEBOOK  | https://www.facebook.com/ayuntamientomadrid/posts/pfbid02abc | ayuntamientomadrid          | https://www.facebook.com/ayuntamientomadrid
			FACEBOOK  | facebook.com/pages/Some-Name/123456789               | 123456789                           | https://www.facebook.com/123456789
			FACEBOOK  | facebook.com/pages/category/Government-Organization/Some-Name-123456789/ | 123456789 | https://www.facebook.com/123456789
			FACEBOOK  | facebook.com/p/Some-Name-100064123456789/            | 100064123456789                     | https://www.facebook.com/100064123456789
			FACEBOOK  | facebook.com/profile.php?id=100064123456789          | 100064123456789                     | https://www.facebook.com/100064123456789
			FACEBOOK  | https://m.facebook.com/profile.php?id=100064123456789&ref=bookmarks | 100064123456789      | https://www.facebook.com/100064123456789
			FACEBOOK  | https://www.facebook.com/people/Some-Name/100064123456789/ | 100064123456789               | https://www.facebook.com/100064123456789
			FACEBOOK  | https://www.facebook.com/Some-Name-123456789012/     | 123456789012                        | https://www.facebook.com/123456789012
			FACEBOOK  | 100064123456789                                      | 100064123456789                     | https://www.facebook.com/100064123456789
			INSTAGRAM | instagram.com/foo/                                   | foo                                 | https://www.instagram.com/foo/
			INSTAGRAM | https://www.instagram.com/Foo?igshid=abc             | foo                                 | https://www.instagram.com/foo/
			INSTAGRAM | https://www.instagram.com/ayto.madrid/?hl=es         | ayto.madrid                         | https://www.instagram.com/ayto.madrid/
			INSTAGRAM | https://instagram.com/foo_bar/reels/                 | foo_bar                             | https://www.instagram.com/foo_bar/
			INSTAGRAM | instagr.am/foo                                       | foo                                 | https://www.instagram.com/foo/
			INSTAGRAM | https://www.instagram.com/_u/foo                     | foo                                 | https://www.instagram.com/foo/
			INSTAGRAM | @foo                                                 | foo                                 | https://www.instagram.com/foo/
			INSTAGRAM | Foo.Bar                                              | foo.bar                             | https://www.instagram.com/foo.bar/
			THREADS   | threads.net/@foo                                     | foo                                 | https://www.threads.com/@foo
			THREADS   | www.threads.com/@Foo                                 | foo                                 | https://www.threads.com/@foo
			THREADS   | https://www.threads.net/@foo/post/C1abc?xmt=AQGz     | foo                                 | https://www.threads.com/@foo
			THREADS   | @foo                                                 | foo                                 | https://www.threads.com/@foo
			THREADS   | ayto.madrid                                          | ayto.madrid                         | https://www.threads.com/@ayto.madrid
			TIKTOK    | tiktok.com/@foo                                      | foo                                 | https://www.tiktok.com/@foo
			TIKTOK    | https://www.tiktok.com/@Foo?lang=es                  | foo                                 | https://www.tiktok.com/@foo
			TIKTOK    | https://www.tiktok.com/@foo/video/7234567890123456789 | foo                                | https://www.tiktok.com/@foo
			TIKTOK    | m.tiktok.com/@ayto.madrid_                           | ayto.madrid_                        | https://www.tiktok.com/@ayto.madrid_
			TIKTOK    | @foo                                                 | foo                                 | https://www.tiktok.com/@foo
			TIKTOK    | foo                                                  | foo                                 | https://www.tiktok.com/@foo
			LINKEDIN  | linkedin.com/company/foo/                            | company/foo                         | https://www.linkedin.com/company/foo/
			LINKEDIN  | https://www.linkedin.com/company/Foo/about/          | company/foo                         | https://www.linkedin.com/company/foo/
			LINKEDIN  | es.linkedin.com/company/foo                          | company/foo                         | https://www.linkedin.com/company/foo/
			LINKEDIN  | linkedin.com/company/foo?trk=public_profile          | company/foo                         | https://www.linkedin.com/company/foo/
			LINKEDIN  | https://www.linkedin.com/showcase/foo-bar/           | showcase/foo-bar                    | https://www.linkedin.com/showcase/foo-bar/
			LINKEDIN  | https://www.linkedin.com/school/universidad-de-sevilla/ | school/universidad-de-sevilla    | https://www.linkedin.com/school/universidad-de-sevilla/
			LINKEDIN  | https://www.linkedin.com/in/Jane-Doe-12a3b4/         | in/jane-doe-12a3b4                  | https://www.linkedin.com/in/jane-doe-12a3b4/
			LINKEDIN  | https://www.linkedin.com/company/ayuntamiento-de-c%C3%A1diz/ | company/ayuntamiento-de-c%c3%a1diz | https://www.linkedin.com/company/ayuntamiento-de-c%c3%a1diz/
			LINKEDIN  | https://www.linkedin.com/company/ayuntamiento-de-cádiz | company/ayuntamiento-de-c%c3%a1diz | https://www.linkedin.com/company/ayuntamiento-de-c%c3%a1diz/
			LINKEDIN  | Company/Foo                                          | company/foo                         | https://www.linkedin.com/company/foo/
			YOUTUBE   | https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw | UC_x5XG1OV2P6uZZ5FSM9Ttw        | https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw
			YOUTUBE   | https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw/videos | UC_x5XG1OV2P6uZZ5FSM9Ttw | https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw
			YOUTUBE   | https://www.youtube.com/feeds/videos.xml?channel_id=UC_x5XG1OV2P6uZZ5FSM9Ttw | UC_x5XG1OV2P6uZZ5FSM9Ttw | https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw
			YOUTUBE   | UC_x5XG1OV2P6uZZ5FSM9Ttw                             | UC_x5XG1OV2P6uZZ5FSM9Ttw            | https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw
			YOUTUBE   | youtube.com/@Foo                                     | @foo                                | https://www.youtube.com/@foo
			YOUTUBE   | m.youtube.com/@foo                                   | @foo                                | https://www.youtube.com/@foo
			YOUTUBE   | https://www.youtube.com/@Ayto.Madrid-Oficial/videos?view=0 | @ayto.madrid-oficial          | https://www.youtube.com/@ayto.madrid-oficial
			YOUTUBE   | @foo                                                 | @foo                                | https://www.youtube.com/@foo
			YOUTUBE   | https://www.youtube.com/user/Foo                     | user/foo                            | https://www.youtube.com/user/foo
			YOUTUBE   | https://www.youtube.com/c/Foo                        | c/foo                               | https://www.youtube.com/c/foo
			YOUTUBE   | user/foo                                             | user/foo                            | https://www.youtube.com/user/foo
			TELEGRAM  | t.me/foobar                                          | foobar                              | https://t.me/foobar
			TELEGRAM  | https://t.me/s/FooBar                                | foobar                              | https://t.me/foobar
			TELEGRAM  | https://t.me/s/foobar/123?before=100                 | foobar                              | https://t.me/foobar
			TELEGRAM  | telegram.me/foobar                                   | foobar                              | https://t.me/foobar
			TELEGRAM  | telegram.dog/foobar                                  | foobar                              | https://t.me/foobar
			TELEGRAM  | https://t.me/foobar/123                              | foobar                              | https://t.me/foobar
			TELEGRAM  | https://foobar.t.me/                                 | foobar                              | https://t.me/foobar
			TELEGRAM  | @foobar                                              | foobar                              | https://t.me/foobar
			TELEGRAM  | Foo_Bar_2                                            | foo_bar_2                           | https://t.me/foo_bar_2
			FEED      | https://example.org/feed.xml                         | example.org/feed.xml                | https://example.org/feed.xml
			FEED      | example.org/feed.xml                                 | example.org/feed.xml                | https://example.org/feed.xml
			FEED      | HTTP://Example.ORG:80/feed.xml                       | example.org/feed.xml                | http://example.org/feed.xml
			FEED      | https://example.org:443/feed/                        | example.org/feed                    | https://example.org/feed
			FEED      | https://example.org                                  | example.org/                        | https://example.org/
			FEED      | https://example.org/feed.xml#latest                  | example.org/feed.xml                | https://example.org/feed.xml
			FEED      | https://example.org/feed?utm_source=x&format=rss&fbclid=1 | example.org/feed?format=rss    | https://example.org/feed?format=rss
			FEED      | https://example.org/?feed=rss2&UTM_MEDIUM=email&lang=es | example.org/?feed=rss2&lang=es   | https://example.org/?feed=rss2&lang=es
			FEED      | https://blog.example.org:8443/atom.xml               | blog.example.org:8443/atom.xml      | https://blog.example.org:8443/atom.xml
			FEED      | http://localhost:8089/feed.xml                       | localhost:8089/feed.xml             | http://localhost:8089/feed.xml
			FEED      | https://ayuntamiento.cádiz.es/rss                    | ayuntamiento.xn--cdiz-5na.es/rss    | https://ayuntamiento.xn--cdiz-5na.es/rss
			FEED      | https://example.org/a/./b/../feed.xml                | example.org/a/feed.xml              | https://example.org/a/feed.xml
			FEED      | https://example.org/%7euser/noticias/feed            | example.org/~user/noticias/feed     | https://example.org/~user/noticias/feed
			FEED      | https://example.org/noticias/año/feed?q=a%2fb        | example.org/noticias/a%C3%B1o/feed?q=a%2Fb | https://example.org/noticias/a%C3%B1o/feed?q=a%2Fb
			""")
	void everyFormOfAnAccountParsesToItsCanonicalHandleAndUrl(Platform platform, String input, String handle,
			String url) {
		var address = platform.parse(input);

		assertThat(address).isEqualTo(new AccountAddress(platform, handle, url));
	}

	@ParameterizedTest(name = "{0} ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			MASTODON  | https://mastodon.social/@Foo
			MASTODON  | http://127.0.0.1:8089/@cultura
			MASTODON  | https://mastodon.social/@foo@other.example
			BLUESKY   | https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3k44deefqdk2g
			X         | twitter.com/foo?lang=es
			FACEBOOK  | facebook.com/pages/category/Government-Organization/Some-Name-123456789/
			INSTAGRAM | https://www.instagram.com/Foo?igshid=abc
			THREADS   | threads.net/@foo
			TIKTOK    | https://www.tiktok.com/@foo/video/7234567890123456789
			LINKEDIN  | https://www.linkedin.com/company/ayuntamiento-de-cádiz
			YOUTUBE   | https://www.youtube.com/feeds/videos.xml?channel_id=UC_x5XG1OV2P6uZZ5FSM9Ttw
			YOUTUBE   | https://www.youtube.com/c/Foo
			YOUTUBE   | @foo
			TELEGRAM  | https://t.me/s/FooBar
			FEED      | HTTP://Example.ORG:80/feed.xml?utm_source=x
			FEED      | https://example.org/noticias/año/feed?q=a%2fb
			""")
	void canonicalHandlesAndUrlsParseBackToTheSameAccount(Platform platform, String input) {
		var address = platform.parse(input);

		assertThat(platform.parse(address.handle()).handle()).isEqualTo(address.handle());
		assertThat(platform.parse(address.url())).isEqualTo(address);
	}

	@ParameterizedTest(name = "{0} ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			MASTODON  | @foo
			MASTODON  | foo
			MASTODON  | https://mastodon.social/
			MASTODON  | https://mastodon.social/about
			MASTODON  | @foo@bar@baz
			MASTODON  | foo@-bad-.example
			MASTODON  | https://x.com/@foo
			MASTODON  | @this_name_is_far_too_long_for_mastodon@mastodon.social
			MASTODON  | mailto:foo@mastodon.social
			BLUESKY   | foo
			BLUESKY   | https://bsky.app/search?q=foo
			BLUESKY   | did:plc:tooshort
			BLUESKY   | did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK
			BLUESKY   | https://twitter.com/foo
			BLUESKY   | foo.123
			X         | https://www.instagram.com/foo
			X         | javascript:alert(1)
			X         | file:///etc/passwd
			X         | ftp://x.com/foo
			X         | https://user:secret@x.com/foo
			X         | https://x.com/home
			X         | https://x.com/search?q=foo
			X         | https://x.com/i/web/status/123
			X         | https://x.com/
			X         | @this_is_far_too_long
			X         | foo.bar
			X         | explore
			FACEBOOK  | https://www.facebook.com/groups/123456789
			FACEBOOK  | https://www.facebook.com/pages
			FACEBOOK  | https://www.facebook.com/pages/category/Government-Organization/Some-Name/
			FACEBOOK  | https://www.facebook.com/sharer/sharer.php?u=https://example.org
			FACEBOOK  | https://www.facebook.com/events/123456789
			FACEBOOK  | https://www.facebook.com/watch?v=123456789
			FACEBOOK  | https://www.facebook.com/profile.php
			FACEBOOK  | abc
			FACEBOOK  | facebook.com
			INSTAGRAM | https://www.instagram.com/p/Cabc123xyz/
			INSTAGRAM | https://www.instagram.com/explore/tags/madrid/
			INSTAGRAM | https://www.instagram.com/accounts/login/
			INSTAGRAM | .foo
			INSTAGRAM | foo..bar
			INSTAGRAM | instagram.com
			INSTAGRAM | https://www.tiktok.com/@foo
			THREADS   | https://www.threads.net/foo
			THREADS   | https://www.threads.net/search
			TIKTOK    | https://www.tiktok.com/discover/madrid
			TIKTOK    | https://vm.tiktok.com/ZMabc123/
			TIKTOK    | foo.
			TIKTOK    | f
			LINKEDIN  | foo
			LINKEDIN  | https://www.linkedin.com/feed/
			LINKEDIN  | https://www.linkedin.com/company/
			LINKEDIN  | https://www.linkedin.com/company/foo.bar
			YOUTUBE   | https://www.youtube.com/watch?v=dQw4w9WgXcQ
			YOUTUBE   | https://youtu.be/dQw4w9WgXcQ
			YOUTUBE   | https://www.youtube.com/shorts/abc123
			YOUTUBE   | https://www.youtube.com/playlist?list=PL123
			YOUTUBE   | https://www.youtube.com/channel/UCshort
			YOUTUBE   | https://www.youtube.com/Foo
			YOUTUBE   | foo
			YOUTUBE   | @ab
			TELEGRAM  | https://t.me/+AbCdEf123456
			TELEGRAM  | https://t.me/joinchat/AAAAAEkk2WdoDrB4-Q
			TELEGRAM  | https://t.me/c/1234567890/78
			TELEGRAM  | https://t.me/share/url?url=https://example.org
			TELEGRAM  | abc
			TELEGRAM  | 1foobar
			FEED      | ftp://example.org/feed.xml
			FEED      | javascript:alert(1)
			FEED      | file:///etc/passwd
			FEED      | news
			FEED      | https://user:secret@example.org/feed
			FEED      | https://example.org:99999/feed
			FEED      | https://ex_ample.org/feed
			FEED      | https:///feed.xml
			""")
	void malformedInputsAreRefusedWithAMessageThatQuotesThem(Platform platform, String input) {
		assertThatExceptionOfType(InvalidHandleException.class).isThrownBy(() -> platform.parse(input))
			.withMessageContaining("'" + input + "'")
			.withMessageContaining("expected");
	}

	@ParameterizedTest
	@EnumSource(Platform.class)
	void inputsWithWhitespaceInsideAreRefused(Platform platform) {
		assertThatExceptionOfType(InvalidHandleException.class).isThrownBy(() -> platform.parse("foo bar"))
			.withMessageContaining("'foo bar'")
			.withMessageContaining("whitespace");
	}

	@ParameterizedTest
	@EnumSource(Platform.class)
	void controlCharactersAreRefusedAndShownEscaped(Platform platform) {
		assertThatExceptionOfType(InvalidHandleException.class).isThrownBy(() -> platform.parse("foo\u0000bar"))
			.withMessageContaining("'foo\\u0000bar'")
			.withMessageContaining("control");
	}

	@ParameterizedTest
	@EnumSource(Platform.class)
	void inputsLongerThan2048CharactersAreRefused(Platform platform) {
		var input = "https://example.org/" + "a".repeat(2048);

		assertThatExceptionOfType(InvalidHandleException.class).isThrownBy(() -> platform.parse(input))
			.withMessageContaining("longer than 2048 characters")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(500));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\t\n" })
	void blankInputsAreRefused(String input) {
		for (var platform : Platform.values()) {
			assertThatExceptionOfType(InvalidHandleException.class).isThrownBy(() -> platform.parse(input))
				.withMessageContaining("''")
				.withMessageContaining("empty");
		}
	}

	@Test
	void surroundingSpacesAndNoBreakSpacesAreTrimmed() {
		assertThat(Platform.X.parse("  @foo\u00a0\n").handle()).isEqualTo("foo");
		assertThat(Platform.MASTODON.parse("\u200b@foo@mastodon.social ").handle()).isEqualTo("foo@mastodon.social");
	}

	@Test
	void bareMastodonNameExplainsThatTheServerIsNeeded() {
		assertThatExceptionOfType(InvalidHandleException.class).isThrownBy(() -> Platform.MASTODON.parse("@foo"))
			.withMessageStartingWith("'@foo' is not a Mastodon handle: the server is missing")
			.withMessageEndingWith("expected @name@server or https://server/@name");
	}

	@Test
	void blueskyNameWithoutDotSuggestsTheBskySocialHandle() {
		assertThatExceptionOfType(InvalidHandleException.class).isThrownBy(() -> Platform.BLUESKY.parse("@foo"))
			.withMessageContaining("foo.bsky.social");
	}

	@Test
	void linkOnAnotherNetworkNamesThatNetwork() {
		assertThatExceptionOfType(InvalidHandleException.class)
			.isThrownBy(() -> Platform.X.parse("https://www.instagram.com/foo"))
			.withMessageContaining("www.instagram.com (Instagram)")
			.withMessageContaining("not to X");
	}

	@Test
	void youTubeVideoLinksAskForTheChannelUrl() {
		assertThatExceptionOfType(InvalidHandleException.class)
			.isThrownBy(() -> Platform.YOUTUBE.parse("https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
			.withMessageContaining("paste the channel URL");
	}

	@Test
	void telegramInviteLinksExplainThatPrivateChatsCannotBeWatched() {
		assertThatExceptionOfType(InvalidHandleException.class)
			.isThrownBy(() -> Platform.TELEGRAM.parse("t.me/+AbCdEf123456"))
			.withMessageContaining("private chats, which cannot be watched");
	}

	@Test
	void bareLinkedInNameAsksForTheUrl() {
		assertThatExceptionOfType(InvalidHandleException.class).isThrownBy(() -> Platform.LINKEDIN.parse("foo"))
			.withMessageContaining("ambiguous")
			.withMessageContaining("paste the page URL");
	}

	@Test
	void youTubeChannelIdsKeepTheirCase() {
		var original = Platform.YOUTUBE.parse("https://www.youtube.com/channel/" + CHANNEL);
		var shouted = Platform.YOUTUBE.parse("https://www.youtube.com/channel/" + CHANNEL.replace("x", "X"));

		assertThat(original.handle()).isEqualTo(CHANNEL);
		assertThat(shouted.handle()).isNotEqualTo(original.handle());
	}

	static Stream<Arguments> variantsOfOneAccount() {
		return Stream.of(
				Arguments.of(Platform.MASTODON,
						List.of("https://mastodon.social/@Foo", "https://Mastodon.Social/@foo/", "@FOO@mastodon.social",
								"https://mastodon.social/@foo?utm_source=x", "https://mastodon.social/users/foo")),
				Arguments.of(Platform.BLUESKY,
						List.of("https://bsky.app/profile/Foo.bsky.social", "bsky.app/profile/foo.bsky.social/",
								"@FOO.BSKY.SOCIAL", "https://bsky.app/profile/foo.bsky.social?ref_src=x")),
				Arguments.of(Platform.X,
						List.of("https://x.com/Foo", "https://twitter.com/foo/", "x.com/FOO?lang=es",
								"https://x.com/foo?utm_source=newsletter&utm_campaign=spring", "@Foo", "foo")),
				Arguments.of(Platform.FACEBOOK,
						List.of("https://www.facebook.com/AytoMadrid", "facebook.com/aytomadrid/",
								"https://m.facebook.com/aytomadrid?fbclid=IwAR0abc",
								"https://www.facebook.com/aytomadrid/?ref=page_internal&utm_medium=social",
								"AYTOMADRID")),
				Arguments.of(Platform.INSTAGRAM,
						List.of("https://www.instagram.com/Foo/", "instagram.com/foo", "instagram.com/foo/?igshid=abc",
								"https://www.instagram.com/foo?utm_source=ig_web_copy_link", "@FOO")),
				Arguments.of(Platform.THREADS,
						List.of("https://www.threads.net/@Foo", "threads.com/@foo/", "@foo",
								"https://www.threads.com/@foo?xmt=abc")),
				Arguments.of(Platform.TIKTOK,
						List.of("https://www.tiktok.com/@Foo", "tiktok.com/@foo/",
								"tiktok.com/@foo?lang=es&is_from_webapp=1", "@FOO")),
				Arguments.of(Platform.LINKEDIN,
						List.of("https://www.linkedin.com/company/Foo/", "linkedin.com/company/foo",
								"es.linkedin.com/company/foo?trk=x", "company/FOO/")),
				Arguments.of(Platform.YOUTUBE,
						List.of("https://www.youtube.com/@Foo", "youtube.com/@foo/", "m.youtube.com/@foo?si=abc",
								"@FOO")),
				Arguments.of(Platform.TELEGRAM,
						List.of("https://t.me/FooBar", "t.me/foobar/", "https://t.me/s/foobar?before=10",
								"telegram.me/foobar", "@FooBar")),
				Arguments.of(Platform.FEED,
						List.of("https://example.org/feed.xml", "http://EXAMPLE.org/feed.xml/",
								"example.org/feed.xml?utm_source=rss", "https://example.org:443/feed.xml#top",
								"HTTPS://example.org/feed.xml?fbclid=abc&gclid=def")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("variantsOfOneAccount")
	void variantsOfOneAccountShareOneCanonicalHandle(Platform platform, List<String> variants) {
		var handles = variants.stream().map((variant) -> platform.parse(variant).handle()).distinct().toList();

		assertThat(handles).hasSize(1);
	}

	@Test
	void resolveReturnsTheAddressFromTheUrlWhenHandleAndUrlAgree() {
		var address = Platform.MASTODON.resolve("@Cultura@127.0.0.1:8089", "http://127.0.0.1:8089/@cultura");

		assertThat(address).isEqualTo(
				new AccountAddress(Platform.MASTODON, "cultura@127.0.0.1:8089", "http://127.0.0.1:8089/@cultura"));
	}

	@Test
	void resolveKeepsTheSchemeOfAFeedUrlWhenTheHandleOmitsIt() {
		var address = Platform.FEED.resolve("example.org/feed.xml", "http://example.org/feed.xml");

		assertThat(address.url()).isEqualTo("http://example.org/feed.xml");
	}

	@Test
	void resolveParsesWhicheverOfHandleAndUrlIsGiven() {
		assertThat(Platform.X.resolve("@Foo", null)).isEqualTo(Platform.X.parse("foo"));
		assertThat(Platform.X.resolve("  ", "https://x.com/foo")).isEqualTo(Platform.X.parse("foo"));
	}

	@Test
	void resolveRefusesAHandleAndUrlThatNameDifferentAccounts() {
		assertThatExceptionOfType(InvalidHandleException.class)
			.isThrownBy(() -> Platform.X.resolve("@foo", "https://x.com/bar"))
			.withMessage("handle '@foo' and url 'https://x.com/bar' name different accounts (foo vs bar)");
	}

	@Test
	void resolveRefusesAnInvalidUrlEvenWhenTheHandleIsValid() {
		assertThatExceptionOfType(InvalidHandleException.class)
			.isThrownBy(() -> Platform.X.resolve("@foo", "https://www.instagram.com/foo"))
			.withMessageContaining("'https://www.instagram.com/foo'");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "null, null", "'', ''", "'  ', null" })
	void resolveRequiresAHandleOrAUrl(String handle, String url) {
		assertThatExceptionOfType(InvalidHandleException.class)
			.isThrownBy(() -> Platform.TELEGRAM.resolve(handle, url))
			.withMessage("handle or url is required");
	}

	@ParameterizedTest
	@CsvSource({ "mastodon, MASTODON", "MASTODON, MASTODON", "' Bluesky ', BLUESKY", "x, X", "X, X", "feed, FEED",
			"YouTube, YOUTUBE", "linkedin, LINKEDIN" })
	void fromIdIgnoresCaseAndSurroundingSpaces(String id, Platform expected) {
		assertThat(Platform.fromId(id)).contains(expected);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "twitter", "myspace", "mastodon.social", " " })
	void fromIdIsEmptyForUnknownIds(String id) {
		assertThat(Platform.fromId(id)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Platform.class)
	void idIsTheLowerCaseNameAndRoundTripsThroughFromId(Platform platform) {
		assertThat(platform.id()).isEqualTo(platform.name().toLowerCase(Locale.ROOT));
		assertThat(Platform.fromId(platform.id())).contains(platform);
	}

	@Test
	void onlyCredentialFreeNetworksArePollable() {
		assertThat(Stream.of(Platform.values()).filter(Platform::pollable))
			.containsExactly(Platform.MASTODON, Platform.BLUESKY, Platform.FEED, Platform.YOUTUBE, Platform.TELEGRAM);
	}

}
