package org.vigia.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** A social network Vigía knows. */
public enum Platform {

	MASTODON("Mastodon", true),

	BLUESKY("Bluesky", true),

	FEED("RSS/Atom", true),

	YOUTUBE("YouTube", true),

	TELEGRAM("Telegram", true),

	X("X", false),

	FACEBOOK("Facebook", false),

	INSTAGRAM("Instagram", false),

	THREADS("Threads", false),

	TIKTOK("TikTok", false),

	LINKEDIN("LinkedIn", false);

	private final String label;

	private final boolean pollable;

	Platform(String label, boolean pollable) {
		this.label = label;
		this.pollable = pollable;
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
				throw new InvalidHandleException("handle or url is required");
			}
			return parse(givenHandle);
		}
		var fromUrl = parse(givenUrl);
		if (givenHandle == null) {
			return fromUrl;
		}
		var fromHandle = parse(givenHandle);
		if (!fromHandle.handle().equals(fromUrl.handle())) {
			throw new InvalidHandleException("handle '" + HandleSyntax.quote(givenHandle.strip()) + "' and url '"
					+ HandleSyntax.quote(givenUrl.strip()) + "' name different accounts (" + fromHandle.handle()
					+ " vs " + fromUrl.handle() + ")");
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
		return switch (this) {
			case MASTODON -> MastodonHandles.PARSER;
			case BLUESKY -> BlueskyHandles.PARSER;
			case FEED -> FeedHandles.PARSER;
			case YOUTUBE -> YouTubeHandles.PARSER;
			case TELEGRAM -> TelegramHandles.PARSER;
			case X -> XHandles.PARSER;
			case FACEBOOK -> FacebookHandles.PARSER;
			case INSTAGRAM -> InstagramHandles.INSTAGRAM;
			case THREADS -> InstagramHandles.THREADS;
			case TIKTOK -> TikTokHandles.PARSER;
			case LINKEDIN -> LinkedInHandles.PARSER;
		};
	}

	/** The platform that serves profiles on this host, if it is one of the well-known ones. */
	static Optional<Platform> owning(String host) {
		return Arrays.stream(values()).filter((platform) -> platform.parser().owns(host)).findFirst();
	}

}
