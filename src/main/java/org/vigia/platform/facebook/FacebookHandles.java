package org.vigia.platform.facebook;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * Facebook pages and profiles: a username, or the numeric id that pages without a username (and the many URL
 * shapes Facebook has used over the years) carry.
 */
public final class FacebookHandles implements HandleParser {

	public static final HandleParser PARSER = new FacebookHandles();

	private static final HandleSyntax SYNTAX = new HandleSyntax("facebook");

	// Besides the mobile and web aliases, Facebook serves locale subdomains such as es-es.facebook.com.
	private static final Hosts HOSTS = Hosts.of("www|m|mobile|web|mbasic|touch|business|[a-z]{2}-[a-z]{2}",
			"facebook.com", "fb.com");

	private static final Pattern USERNAME = Pattern.compile("(?=[a-z0-9.]*[a-z])[a-z0-9.]{5,50}");

	private static final Pattern ID = Pattern.compile("[0-9]{1,25}");

	// Pages without a username used to be shown as Name-Of-The-Page-123456789.
	private static final Pattern NAME_THEN_ID = Pattern.compile(".+-([0-9]{5,25})");

	private static final Set<String> RESERVED = Set.of("pages", "groups", "events", "watch", "marketplace", "sharer",
			"sharer.php", "share", "share.php", "login", "login.php", "logout.php", "help", "home.php", "gaming",
			"hashtag", "photo", "photo.php", "photos", "search", "settings", "notifications", "messages", "friends",
			"bookmarks", "privacy", "policies", "policy.php", "legal", "ads", "l.php", "dialog", "plugins", "tr",
			"reel", "reels", "stories", "media", "live", "fundraisers", "places", "checkpoint", "recover", "reg",
			"r.php", "about", "careers", "terms", "terms.php", "video.php", "videos", "public", "directory", "home",
			"feed", "saved", "memories", "games", "jobs", "messenger", "me", "notes", "lite", "mobile",
			"find-friends", "people", "profile.php", "story.php", "permalink.php", "p", "pg");

	// Paths whose next segments name a page.
	private static final Set<String> SECTIONS = Set.of("pages", "p", "people", "pg");

	private FacebookHandles() {
	}

	@Override
	public AccountAddress parse(@Nullable String input) {
		var text = SYNTAX.clean(input);
		if (HandleSyntax.looksLikeUrl(text) || HOSTS.isBareHost(text)) {
			return fromUrl(text, SYNTAX.url(text, text));
		}
		var name = text.startsWith("@") ? text.substring(1) : text;
		if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
			throw SYNTAX.refuse(text, "handle.reason.facebook.reserved", name);
		}
		return handle(name).map(FacebookHandles::address)
			.orElseThrow(() -> SYNTAX.refuse(text,
					"handle.reason.facebook.name"));
	}

	@Override
	public boolean owns(String host) {
		return HOSTS.owns(host);
	}

	private static AccountAddress fromUrl(String input, WebUrl url) {
		if (!HOSTS.owns(url.host())) {
			throw SYNTAX.wrongHost(input, url.host());
		}
		var segments = url.segments();
		if (segments.isEmpty()) {
			throw SYNTAX.refuse(input, "handle.reason.sitePage");
		}
		var first = segments.get(0).toLowerCase(Locale.ROOT);
		var rest = segments.subList(1, segments.size());
		if (SECTIONS.contains(first) && rest.isEmpty()) {
			throw SYNTAX.refuse(input, "handle.reason.facebook.path", segments.get(0));
		}
		Optional<String> handle = switch (first) {
			// story.php and permalink.php name a post; their id parameter names the page that posted it.
			case "profile.php", "story.php", "permalink.php" ->
				url.parameter("id").filter((id) -> ID.matcher(id).matches());
			case "pages" -> pageId(rest);
			case "p" -> id(rest.get(0));
			case "people" -> (rest.size() < 2) ? id(rest.get(0)) : id(rest.get(1));
			case "pg" -> handle(rest.get(0));
			default -> {
				if (RESERVED.contains(first)) {
					throw SYNTAX.refuse(input, "handle.reason.facebook.path", segments.get(0));
				}
				yield handle(segments.get(0));
			}
		};
		return handle.map(FacebookHandles::address)
			.orElseThrow(() -> SYNTAX.refuse(input, "handle.reason.facebook.noName"));
	}

	// /pages/Name/123, /pages/category/Kind/Name-123 and /pages/Name-123/photos all end in the page id somewhere.
	private static Optional<String> pageId(List<String> rest) {
		for (var segment : rest) {
			if (ID.matcher(segment).matches()) {
				return Optional.of(segment);
			}
		}
		for (var i = rest.size() - 1; i >= 0; i--) {
			var matcher = NAME_THEN_ID.matcher(rest.get(i));
			if (matcher.matches()) {
				return Optional.of(matcher.group(1));
			}
		}
		return Optional.empty();
	}

	private static Optional<String> id(String segment) {
		if (ID.matcher(segment).matches()) {
			return Optional.of(segment);
		}
		var matcher = NAME_THEN_ID.matcher(segment);
		return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	private static Optional<String> handle(String segment) {
		var lower = segment.toLowerCase(Locale.ROOT);
		if (ID.matcher(lower).matches() || USERNAME.matcher(lower).matches()) {
			return Optional.of(lower);
		}
		return id(lower);
	}

	private static AccountAddress address(String handle) {
		return new AccountAddress(Platform.FACEBOOK, handle, "https://www.facebook.com/" + handle);
	}

}
