package org.vigia.platform.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import org.vigia.platform.AccountAddress;
import org.vigia.platform.Platform;
import org.vigia.platform.handle.HandleParser;
import org.vigia.platform.handle.HandleSyntax;
import org.vigia.platform.handle.WebUrl;

import org.jspecify.annotations.Nullable;

/**
 * RSS and Atom feeds: the account is the feed's URL, normalised so that spellings of one URL are one account, and
 * named without its scheme so that http and https of one feed are one account.
 */
public final class FeedHandles implements HandleParser {

	public static final HandleParser PARSER = new FeedHandles();

	private static final HandleSyntax SYNTAX = new HandleSyntax("feed");

	private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "mc_cid", "mc_eid", "igshid", "ref_src");

	private FeedHandles() {
	}

	@Override
	public AccountAddress parse(@Nullable String input) {
		var text = SYNTAX.clean(input);
		if (HandleSyntax.scheme(text).isEmpty() && !text.startsWith("//") && !hasPlausibleHost(text)) {
			throw SYNTAX.refuse(text, "handle.reason.feed.notLink");
		}
		var url = SYNTAX.url(text, text);
		var handle = url.authority() + path(text, url.rawPath()) + query(url.rawQuery());
		return new AccountAddress(Platform.FEED, handle, url.scheme() + "://" + handle);
	}

	// Without a scheme, "news" could be anything; a dot or a port shows a host was meant.
	private static boolean hasPlausibleHost(String text) {
		var end = 0;
		while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
			end++;
		}
		var host = text.substring(0, end);
		return host.indexOf('.') > 0 || host.indexOf(':') > 0 || host.equalsIgnoreCase("localhost");
	}

	private static String path(String input, String rawPath) {
		String normalized;
		try {
			// A placeholder host keeps a path that starts with "//" from being read as an authority.
			normalized = new URI("http://host" + HandleSyntax.normalizeEscapes(rawPath.isEmpty() ? "/" : rawPath))
				.normalize()
				.getRawPath();
		}
		catch (URISyntaxException ex) {
			throw SYNTAX.refuse(input, "handle.reason.feed.path");
		}
		var end = normalized.length();
		while (end > 1 && normalized.charAt(end - 1) == '/') {
			end--;
		}
		return normalized.substring(0, end);
	}

	private static String query(@Nullable String rawQuery) {
		if (rawQuery == null) {
			return "";
		}
		var kept = new StringJoiner("&", "?", "").setEmptyValue("");
		for (var parameter : rawQuery.split("&")) {
			if (parameter.isEmpty()) {
				continue;
			}
			var equals = parameter.indexOf('=');
			var name = WebUrl.decode((equals < 0) ? parameter : parameter.substring(0, equals))
				.toLowerCase(Locale.ROOT);
			if (!name.startsWith("utm_") && !TRACKING.contains(name)) {
				kept.add(HandleSyntax.normalizeEscapes(parameter));
			}
		}
		return kept.toString();
	}

}
