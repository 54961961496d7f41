package org.vigia.discovery.scoring;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Whether an account proves that the institution controls it, which only the platform can vouch for: a Bluesky
 * handle that is an official domain or under one (Bluesky checked the domain's DNS or well-known file), or a Mastodon
 * link to an official domain the server verified ({@code verified_at}, the site links back with rel=me). A link or
 * name that merely claims the institution proves nothing.
 */
public final class OfficialProof {

	private OfficialProof() {
	}

	/** Why the candidate proves official control, e.g. "the handle madrid.es is under the official domain madrid.es". */
	public static Optional<String> of(Identity candidate, List<String> officialDomains) {
		var domains = domains(officialDomains);
		if (domains.isEmpty()) {
			return Optional.empty();
		}
		switch (candidate.platform()) {
			case BLUESKY -> {
				var handle = host(candidate.handle().strip().toLowerCase(Locale.ROOT).replaceFirst("^@", ""));
				var domain = (handle == null) ? null : under(handle, domains);
				if (domain != null) {
					return Optional.of("the handle " + handle + " is under the official domain " + domain);
				}
			}
			case MASTODON -> {
				for (var link : candidate.links()) {
					if (!link.verified()) {
						continue;
					}
					var host = hostOf(link.url());
					var domain = (host == null) ? null : under(host, domains);
					if (domain != null) {
						return Optional.of("the verified link " + link.url().strip() + " is under the official domain "
								+ domain);
					}
				}
			}
			default -> {
			}
		}
		return Optional.empty();
	}

	/** Official domains in canonical form (lower case, no scheme, path, port, trailing dot or www.). */
	static List<String> domains(List<String> officialDomains) {
		var domains = new ArrayList<String>();
		for (var domain : officialDomains) {
			var host = (domain == null) ? null : hostOf(domain);
			if (host != null && host.indexOf('.') > 0) {
				domains.add(host.startsWith("www.") ? host.substring(4) : host);
			}
		}
		return domains;
	}

	/** The official domain the host is or is under, or null. */
	static @Nullable String under(String host, List<String> domains) {
		for (var domain : domains) {
			if (host.equals(domain) || (host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.')) {
				return domain;
			}
		}
		return null;
	}

	/** The host a URL or bare domain names, lower case without a trailing dot; null when it names none. */
	static @Nullable String hostOf(String url) {
		var text = url.strip();
		if (text.isEmpty() || text.length() > 2048) {
			return null;
		}
		if (!text.contains("://")) {
			text = "https://" + text;
		}
		try {
			var host = URI.create(text).getHost();
			return (host == null) ? null : host(host.toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String host(String host) {
		var trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		if (trimmed.isEmpty() || trimmed.startsWith(".") || trimmed.contains("..")) {
			return null;
		}
		for (int i = 0; i < trimmed.length(); i++) {
			char c = trimmed.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
				return null;
			}
		}
		return trimmed;
	}

}
