package org.vigia.platform.feed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import org.jdom2.Element;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.Profile;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.youtube.YouTubeDataApi;

/**
 * Checks YouTube channels through their public video feed, which needs no API key but is found by channel id (or
 * legacy user name) only.
 */
@Component
public class YouTubeAdapter implements PlatformAdapter {

	private static final Pattern CHANNEL_ID = Pattern.compile("UC[A-Za-z0-9_-]{22}");

	// Since late 2023 the feed names its channel without the UC every channel id starts with.
	private static final Pattern BARE_CHANNEL_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

	private static final String YT = "http://www.youtube.com/xml/schemas/2015";

	// One 404 is no proof: YouTube answers 404 and 500 in bursts for channels that exist.
	private static final FeedReader.FeedFlavor CHANNEL = new YouTubeFeed() {

		@Override
		public CheckResult notFound(HttpResult answer) {
			return CheckResult.gone(CheckOutcome.NOT_FOUND, 404, answer.latency(), answer.attempts(),
					Message.of("check.youtube.feed404").encode());
		}

	};

	private final FeedReader reader;

	private final String feeds;

	private final @Nullable YouTubeDataApi api;

	YouTubeAdapter(FeedReader reader, PlatformProperties properties) {
		this(reader, properties, null);
	}

	@org.springframework.beans.factory.annotation.Autowired
	YouTubeAdapter(FeedReader reader, PlatformProperties properties, @Nullable YouTubeDataApi api) {
		this.api = api;
		this.reader = reader;
		this.feeds = stripTrailingSlash(properties.youtube().feedUrl().toString()) + "/feeds/videos.xml";
	}

	@Override
	public Platform platform() {
		return Platform.YOUTUBE;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		if (api != null && api.configured()) {
			// With a key: every form of entry resolves, with the profile and the newest upload.
			return api.check(request);
		}
		var handle = request.address().handle();
		// A channel id seen on an earlier check outlives the names that lead to it.
		var channel = CHANNEL_ID.matcher(handle).matches() ? handle
				: (request.platformId() != null && CHANNEL_ID.matcher(request.platformId()).matches())
						? request.platformId() : null;
		if (channel != null) {
			return reader.read(Platform.YOUTUBE, feeds + "?channel_id=" + channel, request, CHANNEL);
		}
		if (handle.startsWith("user/")) {
			var user = handle.substring("user/".length());
			return reader.read(Platform.YOUTUBE, feeds + "?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8),
					request, new LegacyUser(user));
		}
		return CheckResult.failure(CheckOutcome.UNSUPPORTED, null, Duration.ZERO, 0,
				Message.of("check.youtube.idOnly", handle).encode(), null);
	}

	/** The feed of a legacy user name, whose 404 says the name no longer leads to a channel, not that none exists. */
	private record LegacyUser(String user) implements YouTubeFeed {

		@Override
		public CheckResult notFound(HttpResult answer) {
			return CheckResult.failure(CheckOutcome.ERROR, 404, answer.latency(), answer.attempts(),
					Message.of("check.youtube.legacyUser", user).encode(), null);
		}

	}

	private interface YouTubeFeed extends FeedReader.FeedFlavor {

		@Override
		default Profile profile(SyndFeed feed, String base) {
			var author = feed.getAuthors().stream().map(SyndPerson::getName).map(FeedReader::plainText)
				.filter((name) -> name != null)
				.findFirst()
				.orElse(null);
			return FeedReader.profile(feed, base, author);
		}

		@Override
		default @Nullable String platformId(SyndFeed feed, String url) {
			var id = channelId(feed.getForeignMarkup());
			if (id == null) {
				id = feed.getEntries().stream().map((entry) -> channelId(entry.getForeignMarkup()))
					.filter((entryId) -> entryId != null)
					.findFirst()
					.orElse(null);
			}
			return id;
		}

	}

	private static @Nullable String channelId(List<Element> markup) {
		for (var element : markup) {
			if (element.getName().equals("channelId") && YT.equals(element.getNamespaceURI())) {
				var id = element.getTextTrim();
				if (CHANNEL_ID.matcher(id).matches()) {
					return id;
				}
				if (BARE_CHANNEL_ID.matcher(id).matches()) {
					return "UC" + id;
				}
			}
		}
		return null;
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
