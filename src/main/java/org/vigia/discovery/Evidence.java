package org.vigia.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.vigia.discovery.scoring.Identity;
import org.vigia.discovery.scoring.Score;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.Profile;

/** The evidence a look-alike finding carries: both sides as the platforms showed them, the score and its reasons. */
final class Evidence {

	private Evidence() {
	}

	static Map<String, Object> of(Candidate candidate, Identity identity, DiscoveryRepository.@Nullable Official imitated,
			Score score, int threshold, Optional<String> proof) {
		var account = candidate.account;
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("candidate", side(account.address(), account.platformId(), account.profile(), identity.avatarHash()));
		if (imitated != null) {
			evidence.put("official", officialSide(imitated));
		}
		evidence.put("score", score.points());
		evidence.put("threshold", threshold);
		evidence.put("reasons", score.reasons().stream().map(reason -> {
			var map = new LinkedHashMap<String, Object>();
			map.put("signal", reason.signal());
			map.put("points", reason.points());
			map.put("detail", reason.detail());
			return map;
		}).toList());
		evidence.put("sources", List.copyOf(candidate.sources));
		proof.ifPresent(text -> evidence.put("proof", text));
		if (candidate.released != null) {
			var released = new LinkedHashMap<String, Object>();
			released.put("accountId", candidate.released.accountId());
			released.put("handle", candidate.released.address().handle());
			released.put("releasedAt", candidate.released.releasedAt().toString());
			if (candidate.released.platformId() != null) {
				released.put("officialPlatformId", candidate.released.platformId());
			}
			evidence.put("released", released);
		}
		return evidence;
	}

	private static Map<String, Object> side(AccountAddress address, @Nullable String platformId, Profile profile,
			@Nullable Long avatarHash) {
		var side = new LinkedHashMap<String, Object>();
		side.put("platform", address.platform().name());
		side.put("handle", address.handle());
		side.put("url", address.url());
		if (platformId != null) {
			side.put("platformId", platformId);
		}
		putIfPresent(side, "displayName", profile.displayName());
		putIfPresent(side, "bio", profile.bio());
		putIfPresent(side, "avatarUrl", profile.avatarUrl());
		if (profile.createdAt() != null) {
			side.put("createdAt", profile.createdAt().toString());
		}
		if (profile.followers() != null) {
			side.put("followers", profile.followers());
		}
		if (avatarHash != null) {
			side.put("avatarHash", String.format("%016x", avatarHash));
		}
		var links = Identities.links(profile);
		if (!links.isEmpty()) {
			side.put("links", links.stream().map(link -> link.verified() ? link.url() + " (verified)" : link.url()).toList());
		}
		return side;
	}

	private static Map<String, Object> officialSide(DiscoveryRepository.Official official) {
		var profile = official.profile();
		if (profile == null) {
			var side = new LinkedHashMap<String, Object>();
			side.put("accountId", official.accountId());
			side.put("platform", official.address().platform().name());
			side.put("handle", official.address().handle());
			side.put("url", official.address().url());
			putIfPresent(side, "displayName", official.registeredName());
			return side;
		}
		var side = side(official.address(), official.platformId(), profile, null);
		side.put("accountId", official.accountId());
		return side;
	}

	private static void putIfPresent(Map<String, Object> map, String key, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			map.put(key, value);
		}
	}

}
