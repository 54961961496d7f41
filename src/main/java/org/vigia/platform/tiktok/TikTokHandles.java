package org.vigia.platform.tiktok;

import java.util.Locale;
import java.util.regex.Pattern;

import org.vigia.platform.AccountAddress;
import org.vigia.platform.Platform;
import org.vigia.platform.handle.HandleParser;
import org.vigia.platform.handle.HandleSyntax;
import org.vigia.platform.handle.Hosts;
import org.vigia.platform.handle.WebUrl;

import org.jspecify.annotations.Nullable;

/** TikTok accounts: a username shown at tiktok.com/@name. */
public final class TikTokHandles implements HandleParser {

	public static final HandleParser PARSER = new TikTokHandles();

	private static final HandleSyntax SYNTAX = new HandleSyntax("tiktok");

	private static final Hosts HOSTS = Hosts.of("www|m|vm|vt", "tiktok.com");

	private static final Pattern NAME = Pattern.compile("[a-z0-9._]{2,24}(?<!\\.)");

	private TikTokHandles() {
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
		if (url.host().startsWith("vm.") || url.host().startsWith("vt.")) {
			throw SYNTAX.refuse(input, "handle.reason.tiktok.short");
		}
		var segments = url.segments();
		if (segments.isEmpty() || !segments.get(0).startsWith("@")) {
			throw SYNTAX.refuse(input, "handle.reason.tiktok.form");
		}
		return address(input, segments.get(0).substring(1));
	}

	private static AccountAddress address(String input, String rawName) {
		var name = rawName.toLowerCase(Locale.ROOT);
		if (!NAME.matcher(name).matches()) {
			throw SYNTAX.refuse(input,
					"handle.reason.tiktok.name");
		}
		return new AccountAddress(Platform.TIKTOK, name, "https://www.tiktok.com/@" + name);
	}

}
