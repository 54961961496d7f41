package org.vigia.platform.feed;

import java.util.ArrayList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndImage;
import com.rometools.rome.feed.synd.SyndLink;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Answers;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/** Fetches a feed and reads its newest item, for every platform whose accounts are feeds. */
@Component
class FeedReader {

	// Content negotiation on some sites serves HTML to clients that do not ask for a feed.
	private static final String ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml, "
			+ "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

	// Items dated further ahead are typos or broken clocks; trusting them would hide silence for months.
	private static final Duration CLOCK_SKEW = Duration.ofDays(1);

	private final PlatformHttpClient http;

	private final Clock clock;

	private final int recentPosts;

	FeedReader(PlatformHttpClient http, PlatformProperties properties, Clock clock) {
		this.http = http;
		this.clock = clock;
		this.recentPosts = properties.recentPosts();
	}

	CheckResult read(Platform platform, String url, CheckRequest request, FeedFlavor flavor) {
		var get = HttpGet.of(platform, url)
			.header("Accept", ACCEPT)
			.conditional(request.etag(), request.lastModified());
		var calls = new Calls(http);
		return calls.check(() -> {
			var answer = calls.get(get);
			return switch (answer.status()) {
				case 304 -> notModified(answer, request);
				case 404 -> flavor.notFound(answer);
				case 410 -> CheckResult.gone(CheckOutcome.NOT_FOUND, 410, answer.latency(), answer.attempts(),
						Message.of("check.feed.gone", "410 Gone").encode());
				case 429 -> Answers.rateLimited(answer, clock);
				default -> answer.isSuccessful() ? parsed(answer, request, flavor) : Answers.unexpected(answer);
			};
		});
	}

	// The caller keeps the activity it knew; a server that sends no validators with its 304 keeps ours valid.
	private static CheckResult notModified(HttpResult answer, CheckRequest request) {
		var etag = answer.header("ETag");
		var lastModified = answer.header("Last-Modified");
		return new CheckResult(CheckOutcome.OK, 304, answer.latency(), answer.attempts(), null, null, null, true, null,
				null, null, null, request.platformId(), (etag != null) ? etag : request.etag(),
				(lastModified != null) ? lastModified : request.lastModified(), null);
	}

	private CheckResult parsed(HttpResult answer, CheckRequest request, FeedFlavor flavor) {
		SyndFeed feed;
		try {
			feed = FeedParser.parse(answer.body(), answer.header("Content-Type"), answer.url());
		}
		catch (FeedParser.UnreadableFeedException ex) {
			return CheckResult.failure(CheckOutcome.ERROR, answer.status(), answer.latency(), answer.attempts(),
					ex.reason().encode(), null);
		}
		var latest = clock.instant().plus(CLOCK_SKEW);
		Instant newest = null;
		SyndEntry newestEntry = null;
		int undated = 0;
		int ahead = 0;
		for (var entry : feed.getEntries()) {
			var date = date(entry);
			if (date == null) {
				undated++;
			}
			else if (date.isAfter(latest)) {
				ahead++;
			}
			else if (newest == null || date.isAfter(newest)) {
				newest = date;
				newestEntry = entry;
			}
		}
		var notes = new ArrayList<Message>();
		if (undated > 0) {
			notes.add(Message.of("check.note.undated", undated, feed.getEntries().size()));
		}
		if (ahead > 0) {
			notes.add(Message.of("check.note.itemsAhead", ahead));
		}
		var items = feed.getEntries().size();
		var newestLink = (newestEntry != null) ? link(newestEntry, answer.url()) : null;
		var platformId = flavor.platformId(feed, answer.url());
		return new CheckResult(CheckOutcome.OK, answer.status(), answer.latency(), answer.attempts(),
				notes.isEmpty() ? null : Message.of("check.notes", notes).encode(), newest, newestLink, false,
				flavor.profile(feed, answer.url()), Math.min(items, recentPosts), null, null, (platformId != null) ? platformId : request.platformId(),
				answer.header("ETag"), answer.header("Last-Modified"), null);
	}

	// ROME puts RSS pubDate, dc:date and Atom published in publishedDate; Atom entries without it have updated.
	private static @Nullable Instant date(SyndEntry entry) {
		var date = (entry.getPublishedDate() != null) ? entry.getPublishedDate() : entry.getUpdatedDate();
		return (date != null) ? date.toInstant() : null;
	}

	private static @Nullable String link(SyndEntry entry, String base) {
		var link = Answers.webLink(entry.getLink(), base);
		if (link == null) {
			link = entry.getLinks()
				.stream()
				.map(SyndLink::getHref)
				.map((href) -> Answers.webLink(href, base))
				.filter((href) -> href != null)
				.findFirst()
				.orElse(null);
		}
		// An RSS guid or Atom id is often the permalink.
		return (link != null) ? link : Answers.webLink(entry.getUri(), base);
	}

	/** The profile every feed shows: its title, description or subtitle, and image, logo or icon. */
	static Profile profile(SyndFeed feed, String base, @Nullable String displayName) {
		var avatar = image(feed.getImage(), base);
		return new Profile((displayName != null) ? displayName : plainText(feed.getTitle()),
				plainText(feed.getDescription()), (avatar != null) ? avatar : image(feed.getIcon(), base), null, null,
				null, List.of(), false, null);
	}

	private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

	/** Text that may carry markup, as plain text; null when nothing is left. */
	static @Nullable String plainText(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		// Most descriptions are plain already; parsing them as HTML on every check is the costliest part of it.
		var plain = (text.indexOf('<') < 0 && text.indexOf('&') < 0) ? WHITESPACE.matcher(text).replaceAll(" ").strip()
				: Jsoup.parseBodyFragment(text).text().strip();
		return plain.isEmpty() ? null : plain;
	}

	private static @Nullable String image(@Nullable SyndImage image, String base) {
		return (image != null) ? Answers.webLink(image.getUrl(), base) : null;
	}

	/** What one kind of feed makes of the answers that mean different things on different sites. */
	interface FeedFlavor {

		/** The result of a 404. */
		CheckResult notFound(HttpResult answer);

		/** The account's profile as the feed shows it. */
		default Profile profile(SyndFeed feed, String base) {
			return FeedReader.profile(feed, base, null);
		}

		/**
		 * The platform's stable id of the account, when the feed names it.
		 * @param url the URL that answered, after redirects
		 */
		default @Nullable String platformId(SyndFeed feed, String url) {
			return null;
		}

	}

}
