package org.vigia.discovery.scoring;

import java.util.Locale;

import org.vigia.platform.Platform;

/**
 * The part of a handle its owner chose, which is what impersonators imitate: the name before a Mastodon server, a
 * Bluesky handle without {@code .bsky.social} (or a custom domain without its top-level label and the labels that
 * say what kind of body owns it: {@code corrientes} of {@code corrientes.gob.ar}), a plain name elsewhere. {@code compact} drops the separators people vary (dots, hyphens, underscores); {@code key} is the
 * confusable key of {@code compact}.
 */
record HandleName(String full, String name, String server, String compact, String key) {

	// As HandlePermutations reads a custom domain: gob.es, ac.uk name a kind of body, not which one.
	private static final java.util.Set<String> GENERIC_LABELS = java.util.Set.of("www", "gob", "gov", "go", "gv", "com",
			"org", "net", "edu", "ac", "co", "nom", "mil");

	static HandleName of(Platform platform, String handle) {
		var full = handle.strip().toLowerCase(Locale.ROOT);
		var bare = full.startsWith("@") ? full.substring(1) : full;
		String name = bare;
		String server = "";
		switch (platform) {
			case MASTODON -> {
				int at = bare.indexOf('@');
				if (at >= 0) {
					name = bare.substring(0, at);
					server = bare.substring(at + 1);
				}
			}
			case BLUESKY -> {
				if (bare.endsWith(".bsky.social")) {
					name = bare.substring(0, bare.length() - ".bsky.social".length());
					server = "bsky.social";
				}
				else {
					int dot = bare.lastIndexOf('.');
					if (dot > 0) {
						var labels = java.util.List.of(bare.substring(0, dot).split("\\."));
						var distinctive = labels.stream().filter(label -> !GENERIC_LABELS.contains(label)).toList();
						name = String.join(".", distinctive.isEmpty() ? labels : distinctive);
						server = bare.substring(dot + 1);
					}
				}
			}
			default -> {
			}
		}
		var compact = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c != '.' && c != '_' && c != '-') {
				compact.append(c);
			}
		}
		var withoutInvisible = Names.withoutInvisible(compact.toString());
		return new HandleName(full, name, server, withoutInvisible, Names.confusable(withoutInvisible));
	}

}
