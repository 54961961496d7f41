package org.vigia.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.bluesky.BlueskyHandles;
import org.vigia.platform.facebook.FacebookHandles;
import org.vigia.platform.feed.FeedHandles;
import org.vigia.platform.handle.HandleParser;
import org.vigia.platform.handle.HandleSyntax;
import org.vigia.platform.instagram.InstagramHandles;
import org.vigia.platform.linkedin.LinkedInHandles;
import org.vigia.platform.mastodon.MastodonHandles;
import org.vigia.platform.telegram.TelegramHandles;
import org.vigia.platform.threads.ThreadsHandles;
import org.vigia.platform.tiktok.TikTokHandles;
import org.vigia.platform.x.XHandles;
import org.vigia.platform.youtube.YouTubeHandles;

/**
 * A social network Vigía knows. Each network lives in a package of its own under {@code org.vigia.platform} (its
 * handle parser, its adapter, its look-alike source); its constant here, with its parser, is its one registration.
 */
public enum Platform {

	MASTODON("Mastodon", true, () -> MastodonHandles.PARSER),

	BLUESKY("Bluesky", true, () -> BlueskyHandles.PARSER),

	FEED("RSS/Atom", true, () -> FeedHandles.PARSER),

	YOUTUBE("YouTube", true, () -> YouTubeHandles.PARSER),

	TELEGRAM("Telegram", true, () -> TelegramHandles.PARSER),

	X("X", false, () -> XHandles.PARSER),

	FACEBOOK("Facebook", false, () -> FacebookHandles.PARSER),

	INSTAGRAM("Instagram", false, () -> InstagramHandles.INSTAGRAM),

	THREADS("Threads", false, () -> ThreadsHandles.PARSER),

	TIKTOK("TikTok", false, () -> TikTokHandles.PARSER),

	LINKEDIN("LinkedIn", false, () -> LinkedInHandles.PARSER);

	private final String label;

	private final boolean pollable;

	/**
	 * The network's handle parser, from the network's own package; read lazily because the parsers build addresses
	 * with these constants.
	 */
	private final Supplier<HandleParser> parser;

	Platform(String label, boolean pollable, Supplier<HandleParser> parser) {
		this.label = label;
		this.pollable = pollable;
		this.parser = parser;
	}

	/** The lower-case name used in the API, in CSV files and in the database, such as {@code mastodon}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The platform with this id, ignoring case and surrounding whitespace; empty when no platform has it.
	 */
	public static Optional<Platform> fromId(@Nullable String id) {
		if (id == null) {
			return Optional.empty();
		}
		var wanted = id.strip();
		return Arrays.stream(values()).filter((platform) -> platform.id().equalsIgnoreCase(wanted)).findFirst();
	}

	/** Whether Vigía can read the account's public posts without credentials. */
	public boolean pollable() {
		return this.pollable;
	}

	/**
	 * The canonical address of the account named by a handle or profile URL in any of the forms people paste.
	 * @throws InvalidHandleException when the input does not name an account on this platform
	 */
	public AccountAddress parse(String handleOrUrl) {
		return parser().parse(handleOrUrl);
	}

	/**
	 * The canonical address of the account named by a handle, a URL, or both; when both are given they must name
	 * the same account, and the address comes from the URL because only the URL carries scheme and port.
	 * @throws InvalidHandleException when neither is given, either is invalid, or they name different accounts
	 */
	public AccountAddress resolve(@Nullable String handle, @Nullable String url) {
		var givenHandle = (handle == null || handle.isBlank()) ? null : handle;
		var givenUrl = (url == null || url.isBlank()) ? null : url;
		if (givenUrl == null) {
			if (givenHandle == null) {
				throw new InvalidHandleException(Message.of("handle.required"));
			}
			return parse(givenHandle);
		}
		var fromUrl = parse(givenUrl);
		if (givenHandle == null) {
			return fromUrl;
		}
		var fromHandle = parse(givenHandle);
		if (!fromHandle.handle().equals(fromUrl.handle())) {
			throw new InvalidHandleException(Message.of("handle.mismatch", HandleSyntax.quote(givenHandle.strip()),
					HandleSyntax.quote(givenUrl.strip()), fromHandle.handle(), fromUrl.handle()));
		}
		return fromUrl;
	}

	/**
	 * Every account a person may mean by what they pasted, on whichever networks read it as an account: a profile URL
	 * names one network, a bare handle ({@code @aytovillaverde}) may name one on several. Empty when no network does.
	 */
	public static java.util.List<AccountAddress> readAny(@Nullable String handleOrUrl) {
		if (handleOrUrl == null || handleOrUrl.isBlank()) {
			return java.util.List.of();
		}
		var addresses = new java.util.ArrayList<AccountAddress>();
		for (var platform : values()) {
			try {
				addresses.add(platform.parse(handleOrUrl));
			}
			catch (InvalidHandleException ex) {
				// Not an account on this network; another may read it.
			}
		}
		return java.util.List.copyOf(addresses);
	}

	public String label() {
		return this.label;
	}

	HandleParser parser() {
		return this.parser.get();
	}

	/** The platform that serves profiles on this host, if it is one of the well-known ones. */
	public static Optional<Platform> owning(String host) {
		return Arrays.stream(values()).filter((platform) -> platform.parser().owns(host)).findFirst();
	}

}
