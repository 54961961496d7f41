package org.vigia.platform.x;

import java.util.List;
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

/** X (formerly Twitter) accounts: a screen name, on either domain. */
public final class XHandles implements HandleParser {

	public static final HandleParser PARSER = new XHandles();

	private static final HandleSyntax SYNTAX = new HandleSyntax("x");

	private static final Hosts HOSTS = Hosts.of("www|m|mobile", "x.com", "twitter.com");

	private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,15}");

	private static final Set<String> RESERVED = Set.of("home", "i", "search", "explore", "intent", "share", "hashtag",
			"settings", "messages", "notifications", "login", "logout", "signup", "tos", "privacy", "compose");

	private XHandles() {
	}

	@Override
	public AccountAddress parse(@Nullable String input) {
		var text = SYNTAX.clean(input);
		if (HandleSyntax.looksLikeUrl(text) || HOSTS.isBareHost(text)) {
			return fromUrl(text, SYNTAX.url(text, text));
		}
		return address(text, text.startsWith("@") ? text.substring(1) : text);
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
		// Twitter before 2012 put the path after "#!".
		var fragment = url.rawFragment();
		if (segments.isEmpty() && fragment != null && fragment.startsWith("!/")) {
			segments = List.of(fragment.substring(2).split("[/?]")).stream().filter((s) -> !s.isEmpty()).toList();
		}
		if (segments.isEmpty()) {
			throw SYNTAX.refuse(input, "handle.reason.siteAccount");
		}
		var first = segments.get(0);
		if (RESERVED.contains(first.toLowerCase(Locale.ROOT))) {
			throw SYNTAX.refuse(input, "handle.reason.x.path", first);
		}
		return address(input, first.startsWith("@") ? first.substring(1) : first);
	}

	private static AccountAddress address(String input, String rawName) {
		var name = rawName.toLowerCase(Locale.ROOT);
		if (!NAME.matcher(name).matches()) {
			throw SYNTAX.refuse(input, "handle.reason.x.name");
		}
		if (RESERVED.contains(name)) {
			throw SYNTAX.refuse(input, "handle.reason.x.reserved", name);
		}
		return new AccountAddress(Platform.X, name, "https://x.com/" + name);
	}

}
