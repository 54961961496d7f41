package org.vigia.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vigia.discovery.scoring.Classification;
import org.vigia.discovery.scoring.Identity;
import org.vigia.discovery.scoring.Institution;
import org.vigia.discovery.scoring.Scorer;
import org.vigia.discovery.scoring.ScoringWeights;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.FoundAccount;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.PlatformDirectory;

/**
 * The look-alike scorer with the weights and threshold discovery runs with, for others who score one account at a
 * time (a citizen's report), so that both agree on what is an impersonation; and the whole of discovery's judgement
 * of one account: its real profile read from its platform, against the organization's official accounts as polling
 * last saw them.
 */
@Component
public class LookalikeScoring {

	private final Scorer scorer;

	private final PlatformDirectory platforms;

	private final DiscoveryRepository repository;

	private final AvatarHashes avatars;

	private final DiscoveryProperties properties;

	LookalikeScoring(DiscoveryProperties properties, PlatformDirectory platforms, DiscoveryRepository repository,
			AvatarHashes avatars) {
		var weights = ScoringWeights.defaults();
		this.scorer = new Scorer((properties.impersonationThreshold() > 0)
				? weights.withThreshold(properties.impersonationThreshold()) : weights);
		this.platforms = platforms;
		this.repository = repository;
		this.avatars = avatars;
		this.properties = properties;
	}

	public Scorer scorer() {
		return scorer;
	}

	/**
	 * An account's identity as the scorer sees it: its public profile (display name, bio, links, creation date,
	 * followers) as the platform answers now, where discovery can ask it (Bluesky, Mastodon) and the account exists;
	 * the handle alone otherwise.
	 * @param profileRead whether the platform answered with the account's profile
	 * @param avatarUrl the profile's avatar, hashed only when it may tip the balance ({@link #assess})
	 */
	public record Candidate(AccountAddress address, Identity identity, boolean profileRead,
			@Nullable String avatarUrl) {
	}

	/** One account judged against one organization. */
	public record Assessment(Candidate candidate, Classification classification, int threshold) {
	}

	/** Reads the account's profile from its platform (one request; nothing is cached or recorded). */
	public Candidate candidate(AccountAddress address) {
		if (!platforms.searchable().contains(address.platform())) {
			return new Candidate(address, Identities.of(address, null, null), false, null);
		}
		HandleProbe probe;
		try {
			probe = platforms.probe(address);
		}
		catch (RuntimeException ex) {
			probe = HandleProbe.unknown(String.valueOf(ex.getMessage()), null);
		}
		FoundAccount found = probe.account();
		if (found == null) {
			return new Candidate(address, Identities.of(address, null, null), false, null);
		}
		return new Candidate(address, Identities.of(address, found.profile(), null), true, found.profile().avatarUrl());
	}

	/**
	 * Judges an account against the organization as discovery would: the candidate's profile against the official
	 * accounts' names, bios, links and (where discovery hashed them already) avatars; the candidate's avatar is fetched
	 * and hashed only when it may lift the score over the threshold.
	 * @throws IllegalArgumentException when the organization does not exist
	 */
	public Assessment assess(long organizationId, Candidate candidate, Instant now) {
		var organization = repository.organization(organizationId);
		if (organization == null) {
			throw new IllegalArgumentException("organization " + organizationId + " does not exist");
		}
		var officials = repository.officials(organizationId);
		var officialAvatars = officials.stream()
			.map(official -> (official.profile() != null) ? official.profile().avatarUrl() : null)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		var hashed = new HashMap<>(repository.cachedAvatars(officialAvatars, now.minus(properties.avatarTtl())));
		var identities = new ArrayList<Identity>(officials.size());
		for (var official : officials) {
			var profile = official.profile();
			var avatarUrl = (profile != null) ? profile.avatarUrl() : null;
			var identity = Identities.of(official.address(), profile, (avatarUrl != null) ? hashed.get(avatarUrl) : null);
			if (profile == null && official.registeredName() != null) {
				identity = Identity.of(identity.platform(), identity.handle(), official.registeredName());
			}
			identities.add(identity);
		}
		var institution = scorer.prepare(new Institution(organization.name(), organization.aliases(),
				organization.officialDomains(), List.copyOf(identities)));
		var threshold = scorer.weights().impersonationThreshold();
		var identity = candidate.identity();
		var classification = scorer.classify(identity, institution, now);
		var points = classification.score().points();
		var avatarUrl = candidate.avatarUrl();
		if (avatarUrl != null && hashed.values().stream().anyMatch(Objects::nonNull) && points < threshold
				&& points + scorer.weights().avatarClose() >= threshold) {
			var hash = avatars.of(List.of(avatarUrl), now, (url, ex) -> {
			}).get(avatarUrl);
			if (hash != null) {
				identity = Identities.withAvatar(identity, hash);
				classification = scorer.classify(identity, institution, now);
			}
		}
		return new Assessment(new Candidate(candidate.address(), identity, candidate.profileRead(), avatarUrl),
				classification, threshold);
	}

}
