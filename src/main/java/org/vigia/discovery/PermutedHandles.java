package org.vigia.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.vigia.discovery.permutation.HandlePermutations;
import org.vigia.discovery.permutation.Permutation;
import org.vigia.discovery.permutation.PermutationSettings;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformDirectory;

/**
 * Candidates from permutations of every official handle, probed likeliest first over all of them within the
 * organization's budget ({@code probe-requests}); answers still fresh in the cache cost nothing.
 */
@Component
class PermutedHandles implements CandidateSource {

	private final PlatformDirectory directory;

	private final DiscoveryRepository repository;

	private final HandleProber prober;

	private final DiscoveryProperties properties;

	private final HandlePermutations permutations;

	PermutedHandles(PlatformDirectory directory, DiscoveryRepository repository, HandleProber prober,
			DiscoveryProperties properties) {
		this.directory = directory;
		this.repository = repository;
		this.prober = prober;
		this.properties = properties;
		var servers = properties.mastodonInstances().stream().map(URI::getRawAuthority).toList();
		var defaults = PermutationSettings.defaults();
		this.permutations = new HandlePermutations(new PermutationSettings(properties.affixes(),
				properties.countryCodes(), servers, defaults.blueskyDomain(), defaults.words(), defaults.maxPerHandle()));
	}

	@Override
	public void gather(Examination examination) {
		var officials = examination.officials;
		var wanted = new LinkedHashMap<String, Permutation>();
		var addresses = new HashMap<String, AccountAddress>();
		var official = new HashSet<String>();
		officials.forEach(o -> official.add(DiscoveryRepository.key(o.address().platform(), o.address().handle())));
		var all = new ArrayList<Map.Entry<AccountAddress, Permutation>>();
		for (var account : officials) {
			var platform = account.address().platform();
			if (!directory.searchable().contains(platform)) {
				continue;
			}
			List<Permutation> variants;
			try {
				variants = permutations.of(platform, account.address().handle());
			}
			catch (RuntimeException ex) {
				examination.error("the official account " + account.address().handle() + " on " + platform.label(),
						"derive look-alike handles of", ex);
				continue;
			}
			for (var permutation : variants) {
				var address = address(platform, permutation.handle(), account.address());
				if (address != null) {
					all.add(Map.entry(address, permutation));
				}
			}
		}
		all.sort(Comparator.comparingDouble((Map.Entry<AccountAddress, Permutation> e) -> -e.getValue().likelihood())
			.thenComparing(e -> e.getKey().handle()));
		for (var entry : all) {
			var key = DiscoveryRepository.key(entry.getKey().platform(), entry.getKey().handle());
			if (!official.contains(key) && !wanted.containsKey(key)) {
				wanted.put(key, entry.getValue());
				addresses.put(key, entry.getKey());
			}
		}
		var cached = repository.cachedProbes(addresses.values(), examination.now.minus(properties.probeTtl()));
		var toProbe = new ArrayList<AccountAddress>();
		// The budget counts requests: a Bluesky request looks up a batch of handles, so a handle that fills a batch
		// already paid for costs nothing, and the likeliest handles of every platform fit in before the rest.
		var queued = new HashMap<Platform, Integer>();
		int requests = 0;
		for (var entry : wanted.entrySet()) {
			var probe = cached.get(entry.getKey());
			if (probe != null) {
				add(examination, probe, entry.getValue());
				continue;
			}
			var address = addresses.get(entry.getKey());
			int before = queued.getOrDefault(address.platform(), 0);
			boolean newRequest = before % prober.batch(address.platform()) == 0;
			if (newRequest && requests >= properties.probeRequests()) {
				continue;
			}
			requests += newRequest ? 1 : 0;
			queued.put(address.platform(), before + 1);
			toProbe.add(address);
		}
		var answers = prober.probeBatched(toProbe, examination);
		for (var address : toProbe) {
			var probe = answers.get(address);
			if (probe != null) {
				add(examination, probe, wanted.get(DiscoveryRepository.key(address.platform(), address.handle())));
			}
		}
	}

	private static void add(Examination examination, HandleProbe probe, Permutation permutation) {
		if (probe.existence() != HandleProbe.Existence.EXISTS || probe.account() == null) {
			return;
		}
		examination.candidate(probe.account()).sources
			.add("permutation " + permutation.family().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
					+ permutation.detail());
	}

	/**
	 * The address to probe for a permutation: Mastodon's server keeps the scheme of the official account's URL or of
	 * the configured server (https elsewhere), so that a server reached over http in tests is probed over http.
	 */
	private @Nullable AccountAddress address(Platform platform, String handle, AccountAddress official) {
		try {
			var parsed = platform.parse(handle);
			if (platform != Platform.MASTODON) {
				return parsed;
			}
			var at = parsed.handle().indexOf('@');
			var name = parsed.handle().substring(0, at);
			var authority = parsed.handle().substring(at + 1);
			var scheme = "https";
			var officialUrl = URI.create(official.url());
			if (authority.equalsIgnoreCase(officialUrl.getRawAuthority())) {
				scheme = officialUrl.getScheme();
			}
			else {
				for (var server : properties.mastodonInstances()) {
					if (authority.equalsIgnoreCase(server.getRawAuthority())) {
						scheme = server.getScheme();
					}
				}
			}
			return new AccountAddress(platform, parsed.handle(), scheme + "://" + authority + "/@" + name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
