package org.vigia.platform.threads;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.AccountAddress;
import org.vigia.platform.Platform;
import org.vigia.platform.handle.HandleParser;
import org.vigia.platform.handle.HandleSyntax;
import org.vigia.platform.handle.Hosts;
import org.vigia.platform.handle.WebUrl;
import org.vigia.platform.instagram.InstagramHandles;

/** Threads profiles, which go by their Instagram username, shown at {@code threads.com/@name}. */
public final class ThreadsHandles implements HandleParser {

	public static final HandleParser PARSER = new ThreadsHandles();

	private final HandleSyntax syntax = new HandleSyntax("threads");

	private final Hosts hosts = Hosts.of("www", "threads.net", "threads.com");

	private ThreadsHandles() {
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
		if (!first.startsWith("@")) {
			throw this.syntax.refuse(input, "handle.reason.threads.form");
		}
		return address(input, first.substring(1));
	}

	private AccountAddress address(String input, String rawName) {
		var name = rawName.toLowerCase(Locale.ROOT);
		if (!InstagramHandles.USERNAME.matcher(name).matches()) {
			throw this.syntax.refuse(input, "handle.reason.threads.name");
		}
		return new AccountAddress(Platform.THREADS, name, "https://www.threads.com/@" + name);
	}

}
