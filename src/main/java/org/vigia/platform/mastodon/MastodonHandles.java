package org.vigia.platform.mastodon;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.vigia.platform.AccountAddress;
import org.vigia.platform.Platform;
import org.vigia.platform.handle.HandleParser;
import org.vigia.platform.handle.HandleSyntax;
import org.vigia.platform.handle.WebUrl;

import org.jspecify.annotations.Nullable;

/** Mastodon and other fediverse accounts: a name on a server, so the server is part of the handle. */
public final class MastodonHandles implements HandleParser {

	public static final HandleParser PARSER = new MastodonHandles();

	private static final HandleSyntax SYNTAX = new HandleSyntax("mastodon");

	private static final Pattern NAME = Pattern.compile("[a-z0-9_](?:[a-z0-9_.-]{0,28}[a-z0-9_])?");

	private MastodonHandles() {
	}

	@Override
	public AccountAddress parse(@Nullable String input) {
		var text = SYNTAX.clean(input);
		if (text.regionMatches(true, 0, "acct:", 0, 5)) {
			return fromHandle(text, text.substring(5));
		}
		if (HandleSyntax.looksLikeUrl(text)) {
			return fromUrl(text, SYNTAX.url(text, text));
		}
		return fromHandle(text, text);
	}

	private static AccountAddress fromUrl(String input, WebUrl url) {
		refuseOtherNetwork(input, url.host());
		var segments = url.segments();
		// The old web interface prefixed profile paths with /web.
		if (segments.size() > 1 && segments.get(0).equals("web") && segments.get(1).startsWith("@")) {
			segments = segments.subList(1, segments.size());
		}
		if (segments.isEmpty()) {
			throw SYNTAX.refuse(input, "handle.reason.mastodon.server");
		}
		var first = segments.get(0);
		String name;
		if (first.startsWith("@")) {
			var account = first.substring(1);
			if (account.indexOf('@') >= 0) {
				// A server's view of a remote account; the account lives on the other server.
				return fromHandle(input, account);
			}
			name = account;
		}
		else if (first.equals("users") && segments.size() > 1) {
			name = segments.get(1);
		}
		else {
			throw SYNTAX.refuse(input, "handle.reason.mastodon.path");
		}
		return address(input, name, url.authority(), url.scheme());
	}

	private static AccountAddress fromHandle(String input, String handle) {
		var parts = List.of((handle.startsWith("@") ? handle.substring(1) : handle).split("@", -1));
		if (parts.size() == 1) {
			var name = NAME.matcher(parts.get(0).toLowerCase(Locale.ROOT)).matches() ? parts.get(0) : "name";
			throw SYNTAX.refuse(input, "handle.reason.mastodon.noServer", name);
		}
		if (parts.size() > 2 || parts.get(1).isEmpty()) {
			throw SYNTAX.refuse(input, "handle.reason.mastodon.form");
		}
		var server = parts.get(1);
		var url = SYNTAX.url(input, server);
		if (!url.rawPath().isEmpty() || url.rawQuery() != null || url.rawFragment() != null) {
			throw SYNTAX.refuse(input, "handle.reason.mastodon.serverName", HandleSyntax.quote(server));
		}
		refuseOtherNetwork(input, url.host());
		return address(input, parts.get(0), url.authority(), "https");
	}

	private static AccountAddress address(String input, String rawName, String authority, String scheme) {
		var name = rawName.toLowerCase(Locale.ROOT);
		if (!NAME.matcher(name).matches()) {
			throw SYNTAX.refuse(input, "handle.reason.mastodon.name", HandleSyntax.quote(rawName));
		}
		return new AccountAddress(Platform.MASTODON, name + "@" + authority, scheme + "://" + authority + "/@" + name);
	}

	private static void refuseOtherNetwork(String input, String host) {
		var owner = Platform.owning(host);
		if (owner.isPresent()) {
			throw SYNTAX.refuse(input, "handle.reason.mastodon.other", host, owner.get().label());
		}
	}

}
