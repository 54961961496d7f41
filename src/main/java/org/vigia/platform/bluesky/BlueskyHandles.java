package org.vigia.platform.bluesky;

import java.util.Locale;
import java.util.regex.Pattern;

import org.vigia.platform.AccountAddress;
import org.vigia.platform.Platform;
import org.vigia.platform.handle.HandleParser;
import org.vigia.platform.handle.HandleSyntax;
import org.vigia.platform.handle.Hosts;
import org.vigia.platform.handle.WebUrl;

import org.jspecify.annotations.Nullable;

/** Bluesky accounts: a domain-name handle or a DID, shown at bsky.app/profile/. */
public final class BlueskyHandles implements HandleParser {

	public static final HandleParser PARSER = new BlueskyHandles();

	private static final HandleSyntax SYNTAX = new HandleSyntax("bluesky");

	private static final Hosts HOSTS = Hosts.of("www", "bsky.app");

	private static final Pattern DID_PLC = Pattern.compile("did:plc:[a-z2-7]{24}");

	// The AT Protocol forbids top-level domains that start with a digit, which also rules out IP addresses.
	private static final Pattern TOP_LEVEL = Pattern.compile(".*\\.[a-z][a-z0-9-]*");

	private static final Pattern SIMPLE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private BlueskyHandles() {
	}

	@Override
	public AccountAddress parse(@Nullable String input) {
		var text = SYNTAX.clean(input);
		var lower = text.toLowerCase(Locale.ROOT);
		if (lower.startsWith("at://")) {
			var rest = text.substring(5);
			var slash = rest.indexOf('/');
			return fromIdentifier(text, (slash < 0) ? rest : rest.substring(0, slash));
		}
		if (lower.startsWith("did:") || lower.startsWith("@did:")) {
			return fromIdentifier(text, text);
		}
		if (HandleSyntax.looksLikeUrl(text)) {
			return fromUrl(text, SYNTAX.url(text, text));
		}
		return fromIdentifier(text, text);
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
		if (segments.size() < 2 || !segments.get(0).equals("profile")) {
			throw SYNTAX.refuse(input, "handle.reason.bluesky.notProfile");
		}
		return fromIdentifier(input, segments.get(1));
	}

	private static AccountAddress fromIdentifier(String input, String identifier) {
		var lower = (identifier.startsWith("@") ? identifier.substring(1) : identifier).toLowerCase(Locale.ROOT);
		var handle = lower.startsWith("did:") ? did(input, lower) : domain(input, lower);
		return new AccountAddress(Platform.BLUESKY, handle, "https://bsky.app/profile/" + handle);
	}

	private static String did(String input, String did) {
		if (DID_PLC.matcher(did).matches()) {
			return did;
		}
		if (did.startsWith("did:web:")) {
			var host = HandleSyntax.asciiHost(did.substring(8)).filter((name) -> TOP_LEVEL.matcher(name).matches());
			if (host.isPresent()) {
				return "did:web:" + host.get();
			}
		}
		throw SYNTAX.refuse(input, "handle.reason.bluesky.did");
	}

	private static String domain(String input, String name) {
		if (name.indexOf('.') < 0) {
			throw SIMPLE_NAME.matcher(name).matches()
					? SYNTAX.refuse(input, "handle.reason.bluesky.domainSuch", name + ".bsky.social")
					: SYNTAX.refuse(input, "handle.reason.bluesky.domain");
		}
		return HandleSyntax.asciiHost(name)
			.filter((host) -> TOP_LEVEL.matcher(host).matches())
			.orElseThrow(() -> SYNTAX.refuse(input, "handle.reason.bluesky.domainName", HandleSyntax.quote(name)));
	}

}
