package org.vigia.platform.telegram;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Answers;

/**
 * What a channel's web preview at t.me/s/NAME shows, read from Telegram's own markup.
 * @param telegram whether the page is Telegram's at all, as opposed to some other answer
 * @param profile the channel's header, null when the page has none
 * @param posts the posts on the page, in page order (oldest first); forwarded posts and service messages included
 */
record TelegramPage(boolean telegram, @Nullable Profile profile, List<Post> posts) {

	private static final Pattern COUNTER = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMB]?)", Pattern.CASE_INSENSITIVE);

	TelegramPage {
		posts = List.copyOf(posts);
	}

	static TelegramPage parse(String html, String url) {
		var document = Jsoup.parse(html, url);
		return new TelegramPage(!document.select("[class*=tgme_]").isEmpty(), profile(document, url),
				posts(document, url));
	}

	/**
	 * One post.
	 * @param id the post's id, such as {@code name/123}
	 * @param at when it was posted, null when the page shows no readable time
	 * @param url its link
	 */
	record Post(String id, @Nullable Instant at, @Nullable String url) {
	}

	private static @Nullable Profile profile(Document document, String url) {
		var info = document.selectFirst(".tgme_channel_info");
		if (info == null) {
			return null;
		}
		Long followers = null;
		for (var counter : info.select(".tgme_channel_info_counter")) {
			var type = text(counter.selectFirst(".counter_type"));
			// A channel has subscribers; a public group previewed the same way has members.
			if (type != null && (type.toLowerCase(Locale.ROOT).startsWith("subscriber")
					|| type.toLowerCase(Locale.ROOT).startsWith("member"))) {
				followers = count(text(counter.selectFirst(".counter_value")));
			}
		}
		var avatar = info.selectFirst(".tgme_page_photo_image img[src]");
		if (avatar == null) {
			avatar = document.selectFirst("i.tgme_page_photo_image img[src]");
		}
		return new Profile(text(info.selectFirst(".tgme_channel_info_header_title")),
				text(info.selectFirst(".tgme_channel_info_description")),
				(avatar != null) ? Answers.webLink(avatar.attr("src"), url) : null, followers, null, null, List.of(),
				false, null);
	}

	private static List<Post> posts(Document document, String url) {
		var posts = new ArrayList<Post>();
		for (var message : document.select("div.tgme_widget_message[data-post]")) {
			var id = message.attr("data-post");
			var date = message.selectFirst("a.tgme_widget_message_date");
			var time = (date != null) ? date.selectFirst("time[datetime]") : null;
			var link = (date != null) ? Answers.webLink(date.attr("href"), url) : null;
			posts.add(new Post(id, (time != null) ? instant(time.attr("datetime")) : null,
					(link != null) ? link : Answers.webLink("/" + id, url)));
		}
		return posts;
	}

	/** A counter as Telegram abbreviates it ("950", "12.3K", "1.2M") as a number; null when unreadable. */
	static @Nullable Long count(@Nullable String value) {
		if (value == null) {
			return null;
		}
		var matcher = COUNTER.matcher(value.replace(",", "").replace(" ", "").replace("\u00a0", ""));
		if (!matcher.matches()) {
			return null;
		}
		var number = new BigDecimal(matcher.group(1));
		var scale = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
			case "K" -> 1_000L;
			case "M" -> 1_000_000L;
			case "B" -> 1_000_000_000L;
			default -> 1L;
		};
		return number.multiply(BigDecimal.valueOf(scale)).longValue();
	}

	private static @Nullable Instant instant(String datetime) {
		try {
			return OffsetDateTime.parse(datetime.strip()).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable Element element) {
		if (element == null) {
			return null;
		}
		var text = element.text().strip();
		return text.isEmpty() ? null : text;
	}

}
