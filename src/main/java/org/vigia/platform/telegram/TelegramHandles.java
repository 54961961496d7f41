package org.vigia.platform.telegram;

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

/** Public Telegram channels and groups: a username shown at t.me. */
public final class TelegramHandles implements HandleParser {

	public static final HandleParser PARSER = new TelegramHandles();

	private static final HandleSyntax SYNTAX = new HandleSyntax("telegram");

	private static final Hosts HOSTS = Hosts.of("www", "t.me", "telegram.me", "telegram.dog");

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{4,31}");

	// Telegram also serves every public username as a subdomain, as in name.t.me.
	private static final Pattern SUBDOMAIN = Pattern.compile("([a-z0-9_]+)\\.t\\.me");

	private static final Set<String> RESERVED = Set.of("addstickers", "addemoji", "addtheme", "addlist", "share",
			"proxy", "socks", "iv", "setlanguage", "login", "confirmphone", "invoice", "boost", "contact", "bg");

	private static final String PRIVATE = "handle.reason.telegram.invite";

	private TelegramHandles() {
	}

	@Override
	public AccountAddress parse(@Nullable String input) {
		var text = SYNTAX.clean(input);
		if (text.startsWith("+")) {
			throw SYNTAX.refuse(text, PRIVATE);
		}
		if (HandleSyntax.looksLikeUrl(text) || HOSTS.isBareHost(text)) {
			return fromUrl(text, SYNTAX.url(text, text));
		}
		return address(text, text.startsWith("@") ? text.substring(1) : text);
	}

	@Override
	public boolean owns(String host) {
		return HOSTS.owns(host) || SUBDOMAIN.matcher(host).matches();
	}

	private static AccountAddress fromUrl(String input, WebUrl url) {
		var segments = url.segments();
		var subdomain = SUBDOMAIN.matcher(url.host());
		if (subdomain.matches() && !subdomain.group(1).equals("www")) {
			return address(input, subdomain.group(1));
		}
		if (!HOSTS.owns(url.host())) {
			throw SYNTAX.wrongHost(input, url.host());
		}
		if (segments.isEmpty()) {
			throw SYNTAX.refuse(input, "handle.reason.siteChannel");
		}
		var first = segments.get(0);
		var lower = first.toLowerCase(Locale.ROOT);
		if (first.startsWith("+") || lower.equals("joinchat")) {
			throw SYNTAX.refuse(input, PRIVATE);
		}
		if (lower.equals("c")) {
			throw SYNTAX.refuse(input, "handle.reason.telegram.private");
		}
		// t.me/s/name is the channel's public web preview.
		if (lower.equals("s") && segments.size() > 1) {
			return address(input, segments.get(1));
		}
		if (RESERVED.contains(lower)) {
			throw SYNTAX.refuse(input, "handle.reason.telegram.path", first);
		}
		return address(input, first.startsWith("@") ? first.substring(1) : first);
	}

	private static AccountAddress address(String input, String rawName) {
		var name = rawName.toLowerCase(Locale.ROOT);
		if (!NAME.matcher(name).matches()) {
			throw SYNTAX.refuse(input,
					"handle.reason.telegram.name");
		}
		return new AccountAddress(Platform.TELEGRAM, name, "https://t.me/" + name);
	}

}
