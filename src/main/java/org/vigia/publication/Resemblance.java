package org.vigia.publication;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.vigia.registry.PublishedOrganization;
import org.vigia.registry.PublishedRegistry.PublishedHandle;

/**
 * Which publishing organizations an account outside every registry may be imitating, found in an inverted index of
 * trigrams (as PostgreSQL's pg_trgm makes them: per word, padded) of every organization's name, slug, official
 * domains and official handles: a handful of set lookups per question, however many accounts the registry holds. It
 * only picks the few organizations worth scoring; the look-alike scorer decides.
 */
final class Resemblance {

	private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private final String version;

	private final long[] organizations;

	private final Map<String, BitSet> index;

	private Resemblance(String version, long[] organizations, Map<String, BitSet> index) {
		this.version = version;
		this.organizations = organizations;
		this.index = index;
	}

	/** An index of these organizations and their official handles, as of this version of the registries. */
	static Resemblance of(String version, List<PublishedOrganization> published, List<PublishedHandle> handles) {
		var organizations = new long[published.size()];
		var positions = new HashMap<Long, Integer>();
		var index = new HashMap<String, BitSet>();
		for (int i = 0; i < published.size(); i++) {
			var organization = published.get(i);
			organizations[i] = organization.id();
			positions.put(organization.id(), i);
			add(index, i, organization.name());
			add(index, i, organization.slug());
			for (var domain : organization.officialDomains()) {
				add(index, i, domain);
			}
		}
		for (var handle : handles) {
			var position = positions.get(handle.organizationId());
			if (position != null) {
				add(index, position, nameOf(handle.handle()));
			}
		}
		return new Resemblance(version, organizations, Map.copyOf(index));
	}

	String version() {
		return version;
	}

	/**
	 * The ids of the organizations that share the most trigrams with these names (a handle's name part, a display
	 * name), best first; none that shares fewer than a third of a name's trigrams.
	 */
	List<Long> nearest(List<String> names, int limit) {
		var shared = new int[organizations.length];
		var best = new double[organizations.length];
		for (var name : names) {
			var trigrams = trigrams(name);
			if (trigrams.isEmpty()) {
				continue;
			}
			java.util.Arrays.fill(shared, 0);
			for (var trigram : trigrams) {
				var holders = index.get(trigram);
				if (holders != null) {
					for (int i = holders.nextSetBit(0); i >= 0; i = holders.nextSetBit(i + 1)) {
						shared[i]++;
					}
				}
			}
			for (int i = 0; i < organizations.length; i++) {
				best[i] = Math.max(best[i], (double) shared[i] / trigrams.size());
			}
		}
		var order = new ArrayList<Integer>();
		for (int i = 0; i < organizations.length; i++) {
			if (best[i] >= 1.0 / 3) {
				order.add(i);
			}
		}
		order.sort((a, b) -> Double.compare(best[b], best[a]));
		return order.stream().limit(limit).map(i -> organizations[i]).toList();
	}

	private static void add(Map<String, BitSet> index, int position, String text) {
		for (var trigram : trigrams(text)) {
			index.computeIfAbsent(trigram, t -> new BitSet()).set(position);
		}
	}

	/** The trigrams of each word of the text, lower case and without accents, padded as pg_trgm pads them. */
	static Set<String> trigrams(String text) {
		var plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
			.toLowerCase(Locale.ROOT);
		var trigrams = new LinkedHashSet<String>();
		for (var word : WORDS.split(plain)) {
			if (word.isEmpty()) {
				continue;
			}
			var padded = "  " + word + " ";
			for (int i = 0; i + 3 <= padded.length(); i++) {
				trigrams.add(padded.substring(i, i + 3));
			}
		}
		return trigrams;
	}

	/** The name part of a canonical handle: {@code name} of {@code name@server}, a Bluesky handle as it is. */
	static String nameOf(String handle) {
		var at = handle.indexOf('@');
		return (at > 0) ? handle.substring(0, at) : handle;
	}

}
