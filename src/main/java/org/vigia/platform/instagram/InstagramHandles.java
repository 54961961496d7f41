package org.vigia.platform.instagram;

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

/** Instagram accounts: the handles and profile links people paste. */
public final class InstagramHandles implements HandleParser {

	public static final HandleParser INSTAGRAM = new InstagramHandles();

	/**
	 * An Instagram username, lower case: 1 to 30 letters, digits, underscores or dots, not starting or ending with a
	 * dot. Threads profiles go by their Instagram username.
	 */
	public static final Pattern USERNAME = Pattern.compile("(?!\\.)(?!.*\\.\\.)[a-z0-9._]{1,30}(?<!\\.)");

	private static final Set<String> RESERVED = Set.of("p", "reel", "reels", "explore", "stories", "accounts",
			"direct", "tv", "about", "legal", "developer", "web", "challenge", "emails", "session", "privacy");

	private final HandleSyntax syntax = new HandleSyntax("instagram");

	private final Hosts hosts = Hosts.of("www|m", "instagram.com", "instagr.am");

	private InstagramHandles() {
	}

	@Override
	public AccountAddress parse(@Nullable String input) {
		var text = this.syntax.clean(input);
		if (HandleSyntax.looksLikeUrl(text) || this.hosts.isBareHost(text)) {
			return fromUrl(text, this.syntax.url(text, text));
		}
		return address(text, text.startsWith("@") ? text.substring(1) : text);
	}

	@Override
	public boolean owns(String host) {
		return this.hosts.owns(host);
	}

	private AccountAddress fromUrl(String input, WebUrl url) {
		if (!this.hosts.owns(url.host())) {
			throw this.syntax.wrongHost(input, url.host());
		}
		var segments = url.segments();
		if (segments.isEmpty()) {
			throw this.syntax.refuse(input, "handle.reason.siteAccount");
		}
		var first = segments.get(0);
		// instagram.com/_u/name is the link that opens the app.
		if (first.equals("_u") && segments.size() > 1) {
			return address(input, segments.get(1));
		}
		if (RESERVED.contains(first.toLowerCase(Locale.ROOT))) {
			throw this.syntax.refuse(input, "handle.reason.instagram.path", first);
		}
		return address(input, first.startsWith("@") ? first.substring(1) : first);
	}

	private AccountAddress address(String input, String rawName) {
		var name = rawName.toLowerCase(Locale.ROOT);
		if (!USERNAME.matcher(name).matches()) {
			throw this.syntax.refuse(input, "handle.reason.instagram.name");
		}
		if (RESERVED.contains(name)) {
			throw this.syntax.refuse(input, "handle.reason.instagram.reserved", name);
		}
		return new AccountAddress(Platform.INSTAGRAM, name, "https://www.instagram.com/" + name + "/");
	}

}
