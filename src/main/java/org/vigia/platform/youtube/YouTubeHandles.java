package org.vigia.platform.youtube;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.vigia.platform.AccountAddress;
import org.vigia.platform.Platform;
import org.vigia.platform.handle.HandleParser;
import org.vigia.platform.handle.HandleSyntax;
import org.vigia.platform.handle.Hosts;
import org.vigia.platform.handle.WebUrl;

import org.jspecify.annotations.Nullable;

/**
 * YouTube channels: a channel id, an @handle, or one of the legacy user and custom names; channel ids are
 * case-sensitive, the names are not.
 */
public final class YouTubeHandles implements HandleParser {

	public static final HandleParser PARSER = new YouTubeHandles();

	private static final HandleSyntax SYNTAX = new HandleSyntax("youtube");

	private static final Hosts HOSTS = Hosts.of("www|m", "youtube.com");

	private static final Hosts SHORT_HOSTS = Hosts.of("www", "youtu.be");

	private static final Pattern CHANNEL_ID = Pattern.compile("UC[A-Za-z0-9_-]{22}");

	private static final Pattern HANDLE = Pattern.compile("[a-z0-9._-]{3,30}");

	private static final Pattern LEGACY = Pattern.compile("/?(c|user)/([^/?#]+)/?", Pattern.CASE_INSENSITIVE);

	private static final Set<String> VIDEO_PATHS = Set.of("watch", "shorts", "embed", "live", "v", "playlist",
			"clip", "e", "attribution_link");

	private static final String VIDEO = "handle.reason.youtube.video";

	private YouTubeHandles() {
	}

	@Override
	public AccountAddress parse(@Nullable String input) {
		var text = SYNTAX.clean(input);
		if (CHANNEL_ID.matcher(text).matches()) {
			return channel(text);
		}
		if (text.startsWith("@") && text.indexOf('/') < 0) {
			return handle(text, text.substring(1));
		}
		var legacy = LEGACY.matcher(text);
		if (legacy.matches()) {
			return legacy(text, legacy.group(1).toLowerCase(Locale.ROOT), WebUrl.decode(legacy.group(2)));
		}
		if (HandleSyntax.looksLikeUrl(text) || HOSTS.isBareHost(text) || SHORT_HOSTS.isBareHost(text)) {
			return fromUrl(text, SYNTAX.url(text, text));
		}
		throw SYNTAX.refuse(text, "handle.reason.youtube.bare", HandleSyntax.quote(text));
	}

	@Override
	public boolean owns(String host) {
		return HOSTS.owns(host) || SHORT_HOSTS.owns(host);
	}

	private static AccountAddress fromUrl(String input, WebUrl url) {
		if (SHORT_HOSTS.owns(url.host())) {
			throw SYNTAX.refuse(input, VIDEO);
		}
		if (!HOSTS.owns(url.host())) {
			throw SYNTAX.wrongHost(input, url.host());
		}
		var segments = url.segments();
		if (segments.isEmpty()) {
			throw SYNTAX.refuse(input, "handle.reason.siteChannel");
		}
		var first = segments.get(0);
		if (first.startsWith("@")) {
			return handle(input, first.substring(1));
		}
		var lower = first.toLowerCase(Locale.ROOT);
		if (VIDEO_PATHS.contains(lower)) {
			throw SYNTAX.refuse(input, VIDEO);
		}
		if (segments.size() > 1 && lower.equals("channel")) {
			if (!CHANNEL_ID.matcher(segments.get(1)).matches()) {
				throw SYNTAX.refuse(input, "handle.reason.youtube.channelId");
			}
			return channel(segments.get(1));
		}
		if (segments.size() > 1 && (lower.equals("user") || lower.equals("c"))) {
			return legacy(input, lower, segments.get(1));
		}
		if (lower.equals("feeds")) {
			var channel = url.parameter("channel_id").filter((id) -> CHANNEL_ID.matcher(id).matches());
			if (channel.isPresent()) {
				return channel(channel.get());
			}
			var user = url.parameter("user");
			if (user.isPresent()) {
				return legacy(input, "user", user.get());
			}
			throw SYNTAX.refuse(input, "handle.reason.youtube.feed");
		}
		// youtube.com/name may be a legacy user or a custom name; guessing would split one channel in two.
		throw SYNTAX.refuse(input, "handle.reason.youtube.notChannel");
	}

	private static AccountAddress channel(String id) {
		return new AccountAddress(Platform.YOUTUBE, id, "https://www.youtube.com/channel/" + id);
	}

	private static AccountAddress handle(String input, String rawName) {
		var name = rawName.toLowerCase(Locale.ROOT);
		if (!HANDLE.matcher(name).matches()) {
			throw SYNTAX.refuse(input, "handle.reason.youtube.handle");
		}
		return new AccountAddress(Platform.YOUTUBE, "@" + name, "https://www.youtube.com/@" + name);
	}

	private static AccountAddress legacy(String input, String kind, String rawName) {
		var name = HandleSyntax.slug(rawName, "-_.")
			.orElseThrow(() -> SYNTAX.refuse(input, "handle.reason.youtube.legacy"));
		var handle = kind + "/" + name;
		return new AccountAddress(Platform.YOUTUBE, handle, "https://www.youtube.com/" + handle);
	}

}
