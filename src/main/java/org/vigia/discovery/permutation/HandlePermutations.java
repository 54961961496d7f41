package org.vigia.discovery.permutation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.vigia.platform.InvalidHandleException;
import org.vigia.platform.Platform;

/**
 * Look-alike handles of an official account, ranked for probing with a limited budget of platform lookups.
 * <p>
 * The ranking follows how impersonators work rather than how typos happen. Someone posing as an institution wants
 * readers to take the account for the real one, so the cheapest convincing moves come first: the official name with
 * an official-sounding word attached ({@code policia_oficial}, 0.75 to 0.95 by the affix's rank in the settings,
 * suffixes above prefixes), the exact name where the official account is not (another Mastodon server, or
 * {@code madrid.bsky.social} for the domain handle {@code madrid.es}, 0.8 to 0.95), the name with its words
 * separated differently (0.85 at word boundaries, 0.3 anywhere else) and glyphs that read alike ({@code po1icia},
 * {@code aytornadrid}, 0.65 to 0.75; digits for letters 0.45). Keyboard slips (omission, repetition, transposition,
 * vowel swap: 0.35 to 0.45; neighbouring keys: 0.2 to 0.25) catch accounts made by mistake and squatters, which are
 * rarer and show less intent, so they fill the budget last. Separators the platform's own software does not give out
 * (dots and hyphens in Mastodon names) and a custom domain that would have to be bought are worth less still.
 * <p>
 * Every handle returned is valid for the platform's parser and in its canonical form. Pure and thread-safe.
 */
public final class HandlePermutations {

	// A handle's name with the exact name elsewhere: the official account is not there, yet the name is identical.
	static final double SAME_NAME_ON_BLUESKY = 0.95;

	static final double SAME_NAME_ON_SERVER = 0.9;

	static final double SERVER_STEP = 0.02;

	static final double SERVER_FLOOR = 0.8;

	static final double DOMAIN_FLATTENED = 0.85;

	static final double SAME_NAME_AS_DOMAIN = 0.3;

	// Second-level labels that say what kind of body owns a domain (gob.es, ac.uk), not which one.
	private static final Set<String> GENERIC_LABELS = Set.of("www", "gob", "gov", "go", "gv", "com", "org", "net",
			"edu", "ac", "co", "nom", "mil");

	private static final Comparator<Permutation> MOST_LIKELY_FIRST = Comparator
		.comparingDouble(Permutation::likelihood)
		.reversed()
		.thenComparing(Permutation::handle);

	private final PermutationSettings settings;

	private final NameFuzzer fuzzer;

	public HandlePermutations(PermutationSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.fuzzer = new NameFuzzer(settings);
	}

	/**
	 * The look-alikes of an official handle on its platform, most likely first (then by handle), without the official
	 * handle and without duplicates, at most {@link PermutationSettings#maxPerHandle()} of them. Only Mastodon and
	 * Bluesky handles have permutations; other platforms, and Bluesky DIDs, which have no name, give none.
	 * @param officialHandle the handle or profile URL in any form the platform's parser accepts
	 * @throws InvalidHandleException when it does not name an account on the platform
	 */
	public List<Permutation> of(Platform platform, String officialHandle) {
		Objects.requireNonNull(platform, "platform");
		return switch (platform) {
			case MASTODON -> mastodon(platform.parse(officialHandle).handle());
			case BLUESKY -> bluesky(platform.parse(officialHandle).handle());
			default -> List.of();
		};
	}

	private List<Permutation> mastodon(String official) {
		var at = official.indexOf('@');
		var name = official.substring(0, at);
		var server = official.substring(at + 1);
		var found = new Found();
		this.fuzzer.fuzz(name, Set.of(), NameRules.MASTODON,
				(variant, family, detail, likelihood) -> found.offer(variant + "@" + server, family, detail, likelihood));
		var servers = this.settings.mastodonServers();
		for (var i = 0; i < servers.size(); i++) {
			var other = servers.get(i);
			if (!other.equals(server)) {
				found.offer(name + "@" + other, PermutationFamily.OTHER_SERVER, "same name on " + other,
						Math.max(SERVER_FLOOR, SAME_NAME_ON_SERVER - i * SERVER_STEP));
			}
		}
		return found.ranked(Platform.MASTODON, official);
	}

	private List<Permutation> bluesky(String official) {
		if (official.startsWith("did:")) {
			return List.of();
		}
		var domain = this.settings.blueskyDomain();
		var found = new Found();
		var suffix = "." + domain;
		var front = official.endsWith(suffix) ? official.substring(0, official.length() - suffix.length()) : "";
		if (!front.isEmpty() && front.indexOf('.') < 0) {
			fuzzUnder(front, Set.of(), domain, found);
			var codes = this.settings.countryCodes();
			for (var i = 0; i < codes.size(); i++) {
				var custom = front + "." + codes.get(i);
				found.offer(custom, PermutationFamily.OTHER_SERVER, "same name as the custom domain " + custom,
						Math.max(SAME_NAME_AS_DOMAIN / 2, SAME_NAME_AS_DOMAIN - i * SERVER_STEP));
			}
		}
		else {
			customDomain(official, domain, found);
		}
		return found.ranked(Platform.BLUESKY, official);
	}

	/*
	 * A domain handle proves control of the domain, which an impersonator lacks; what they can take is a name under the
	 * service domain that reads like it: the distinctive labels (madrid for madrid.es, cultura for cultura.gob.es) and
	 * the whole domain flattened (madrides, madrid-es).
	 */
	private void customDomain(String official, String domain, Found found) {
		var labels = List.of(official.split("\\."));
		var withoutTop = labels.subList(0, labels.size() - 1);
		var distinctive = withoutTop.stream().filter((label) -> !GENERIC_LABELS.contains(label)).toList();
		if (distinctive.isEmpty()) {
			distinctive = withoutTop;
		}
		var base = String.join("", distinctive);
		var suffix = "." + domain;
		found.offer(base + suffix, PermutationFamily.OTHER_SERVER, "same name under " + domain, SAME_NAME_ON_BLUESKY);
		flattened(distinctive, official, suffix, found, DOMAIN_FLATTENED);
		flattened(withoutTop, official, suffix, found, DOMAIN_FLATTENED - 0.05);
		flattened(labels, official, suffix, found, DOMAIN_FLATTENED);
		var boundaries = new TreeSet<Integer>();
		var position = 0;
		for (var label : distinctive.subList(0, distinctive.size() - 1)) {
			position += label.length();
			boundaries.add(position);
		}
		fuzzUnder(base, boundaries, domain, found);
	}

	private static void flattened(List<String> labels, String official, String suffix, Found found, double likelihood) {
		if (labels.size() < 2) {
			return;
		}
		var dotted = String.join(".", labels);
		var source = dotted.equals(official) ? "'" + dotted + "'" : "'" + dotted + "' (from " + official + ")";
		found.offer(String.join("", labels) + suffix, PermutationFamily.SEPARATOR, source + " without its dots",
				likelihood);
		found.offer(String.join("-", labels) + suffix, PermutationFamily.SEPARATOR,
				source + " with '-' for its dots", likelihood);
	}

	private void fuzzUnder(String name, Set<Integer> boundaries, String domain, Found found) {
		this.fuzzer.fuzz(name, boundaries, NameRules.BLUESKY_SERVICE,
				(variant, family, detail, likelihood) -> found.offer(variant + "." + domain, family, detail, likelihood));
	}

	/** The permutations seen so far, one per handle: the likeliest derivation wins. */
	private final class Found {

		private final Map<String, Permutation> byHandle = new HashMap<>();

		void offer(String handle, PermutationFamily family, String detail, double computed) {
			// Three decimals: the ranking needs no more, and people read these numbers in the evidence.
			var likelihood = Math.round(computed * 1000) / 1000.0;
			var known = this.byHandle.get(handle);
			if (known == null || likelihood > known.likelihood()
					|| (likelihood == known.likelihood() && family.compareTo(known.family()) < 0)) {
				this.byHandle.put(handle, new Permutation(handle, family, detail, likelihood));
			}
		}

		/*
		 * The platform's parser checks only what is kept: the name rules already dropped nearly everything it would
		 * refuse, and parsing is the costly step.
		 */
		List<Permutation> ranked(Platform platform, String official) {
			var candidates = new ArrayList<>(this.byHandle.values());
			candidates.sort(MOST_LIKELY_FIRST);
			var max = HandlePermutations.this.settings.maxPerHandle();
			var kept = new ArrayList<Permutation>(Math.min(max, candidates.size()));
			var seen = new HashSet<String>();
			for (var candidate : candidates) {
				if (kept.size() == max) {
					break;
				}
				String canonical;
				try {
					canonical = platform.parse(candidate.handle()).handle();
				}
				catch (InvalidHandleException ex) {
					continue;
				}
				if (!canonical.equals(official) && seen.add(canonical)) {
					kept.add(canonical.equals(candidate.handle()) ? candidate
							: new Permutation(canonical, candidate.family(), candidate.detail(), candidate.likelihood()));
				}
			}
			// A parser that canonicalised a handle differently would have moved it in the order.
			kept.sort(MOST_LIKELY_FIRST);
			return List.copyOf(kept);
		}

	}

}
