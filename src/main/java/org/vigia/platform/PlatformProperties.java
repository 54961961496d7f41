package org.vigia.platform;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the platforms' public endpoints are, and how much of each account to read.
 * @param recentPosts how many recent posts a check reads (newest activity, share of replies)
 * @param bluesky the Bluesky AppView
 * @param telegram the Telegram web preview
 * @param youtube where YouTube serves channel feeds
 */
@ConfigurationProperties("vigia.platforms")
@Validated
public record PlatformProperties(@DefaultValue("20") @Min(1) @Max(100) int recentPosts,
		@DefaultValue @Valid Bluesky bluesky, @DefaultValue @Valid Telegram telegram,
		@DefaultValue @Valid YouTube youtube) {

	/**
	 * @param apiUrl the public AppView, no authentication needed
	 * @param feedEvery how often a check reads an account's posts even though its profile's post count did not
	 *     change: reposts and deletions-then-posts leave the count alone
	 * @param jetstreamUrl Jetstream instances to take accounts' events from as they happen, tried in turn; empty: no
	 *     push, polling only
	 * @param jetstreamQuietAfter how long a socket may bring nothing before the consumer takes its DIDs to the next
	 *     instance
	 */
	public record Bluesky(@DefaultValue("https://public.api.bsky.app") @NotNull URI apiUrl,
			@DefaultValue("P7D") @NotNull Duration feedEvery, @DefaultValue List<URI> jetstreamUrl,
			@DefaultValue("PT10M") @NotNull Duration jetstreamQuietAfter) {

		@ConstructorBinding
		public Bluesky {
			jetstreamUrl = (jetstreamUrl == null) ? List.of() : List.copyOf(jetstreamUrl);
		}

		public Bluesky(URI apiUrl) {
			this(apiUrl, Duration.ofDays(7), List.of(), Duration.ofMinutes(10));
		}

	}

	/** @param url the web preview that serves public channels at /s/NAME */
	public record Telegram(@DefaultValue("https://t.me") @NotNull URI url) {
	}

	/** @param feedUrl the site that serves /feeds/videos.xml?channel_id=UC... */
	public record YouTube(@DefaultValue("https://www.youtube.com") @NotNull URI feedUrl) {
	}

	/** Every endpoint at one base URL: what tests against a single MockWebServer need. */
	public static PlatformProperties at(URI base) {
		return new PlatformProperties(20, new Bluesky(base), new Telegram(base), new YouTube(base));
	}

}
