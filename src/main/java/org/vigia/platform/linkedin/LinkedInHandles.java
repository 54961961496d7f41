package org.vigia.platform.linkedin;

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

/** LinkedIn pages: a kind of page and its slug, since companies, schools and people share one namespace per kind. */
public final class LinkedInHandles implements HandleParser {

	public static final HandleParser PARSER = new LinkedInHandles();

	private static final HandleSyntax SYNTAX = new HandleSyntax("linkedin");

	// Country subdomains such as es.linkedin.com serve the same pages.
	private static final Hosts HOSTS = Hosts.of("www|m|[a-z]{2}", "linkedin.com");

	private static final Set<String> KINDS = Set.of("company", "showcase", "school", "in");

	private static final Pattern KIND_AND_SLUG = Pattern.compile("/?([A-Za-z]+)/([^/?#]+)/?");

	private LinkedInHandles() {
	}

	@Override
	public AccountAddress parse(@Nullable String input) {
		var text = SYNTAX.clean(input);
		var handle = KIND_AND_SLUG.matcher(text);
		if (handle.matches() && KINDS.contains(handle.group(1).toLowerCase(Locale.ROOT))) {
			return address(text, handle.group(1), WebUrl.decode(handle.group(2)));
		}
		if (HandleSyntax.looksLikeUrl(text) || HOSTS.isBareHost(text)) {
			return fromUrl(text, SYNTAX.url(text, text));
		}
		throw SYNTAX.refuse(text, "handle.reason.linkedin.bare", HandleSyntax.quote(text));
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
		if (segments.size() < 2 || !KINDS.contains(segments.get(0).toLowerCase(Locale.ROOT))) {
			throw SYNTAX.refuse(input, "handle.reason.linkedin.kind");
		}
		return address(input, segments.get(0), segments.get(1));
	}

	private static AccountAddress address(String input, String kind, String rawSlug) {
		var slug = HandleSyntax.slug(rawSlug, "-_").orElseThrow(() -> SYNTAX.refuse(input, "handle.reason.linkedin.slug"));
		var handle = kind.toLowerCase(Locale.ROOT) + "/" + slug;
		return new AccountAddress(Platform.LINKEDIN, handle, "https://www.linkedin.com/" + handle + "/");
	}

}
