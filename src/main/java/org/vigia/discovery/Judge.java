package org.vigia.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.vigia.discovery.scoring.Identity;
import org.vigia.discovery.scoring.Institution;
import org.vigia.discovery.scoring.PreparedInstitution;
import org.vigia.discovery.scoring.Reason;
import org.vigia.discovery.scoring.Score;
import org.vigia.discovery.scoring.Scorer;
import org.vigia.discovery.scoring.ScoringWeights;
import org.vigia.discovery.scoring.Verdict;
import org.vigia.health.AllowlistedLookalike;
import org.vigia.health.FindingType;
import org.vigia.health.LookalikeFindings;
import org.vigia.health.LookalikeVerdict;
import org.vigia.platform.Message;
import org.vigia.platform.FoundAccount;

/**
 * Scores an organization's candidates against its official accounts and classifies them: IMPERSONATION,
 * UNREGISTERED, or cleared, each verdict with its evidence. Accounts in the registry and allowlisted namesakes are
 * not judged. One candidate that cannot be read, scored or judged is left out and counted as an error; the others are
 * judged all the same.
 */
@Component
class Judge {

	private final AvatarHashes avatars;

	private final DiscoveryRepository repository;

	private final LookalikeFindings lookalikes;

	private final Scorer scorer;

	Judge(AvatarHashes avatars, DiscoveryRepository repository, LookalikeFindings lookalikes,
			DiscoveryProperties properties) {
		this.avatars = avatars;
		this.repository = repository;
		this.lookalikes = lookalikes;
		var weights = ScoringWeights.defaults();
		this.scorer = new Scorer((properties.impersonationThreshold() > 0)
				? weights.withThreshold(properties.impersonationThreshold()) : weights);
	}

	int threshold() {
		return scorer.weights().impersonationThreshold();
	}

	/** What candidates are judged against: the institution with its official accounts, and its known namesakes. */
	record Criteria(PreparedInstitution institution, List<AllowlistedLookalike> allowlist) {
	}

	/** The verdicts to hand to health, and how many candidates were scored. */
	record Judgement(List<LookalikeVerdict> verdicts, int scored) {
	}

	/** The institution as the scorer sees it, its official accounts' avatars hashed; read before any candidate. */
	Criteria criteria(Examination examination) {
		var identities = officialIdentities(examination);
		var allowlist = lookalikes.allowlist(examination.organizationId());
		var organization = examination.organization;
		var institution = scorer.prepare(new Institution(organization.name(), organization.aliases(),
				organization.officialDomains(), List.copyOf(identities)));
		return new Criteria(institution, allowlist);
	}

	/**
	 * Judges the examination's candidates. A candidate registered since is cleared if it was reported before; a
	 * candidate below the threshold is cleared only if it was (nothing is recorded about the others).
	 */
	Judgement judge(Examination examination, Criteria criteria) {
		var verdicts = new ArrayList<LookalikeVerdict>();
		var registered = repository.registered(examination.candidates.values().stream().map(c -> c.account).toList());
		var identified = new ArrayList<Scored>();
		for (var entry : examination.candidates.entrySet()) {
			var candidate = entry.getValue();
			var address = candidate.account.address();
			boolean releasedTaken = candidate.released != null;
			if (registered.contains(entry.getKey()) && !releasedTaken) {
				if (examination.standing.contains(entry.getKey())) {
					verdicts.add(LookalikeVerdict.cleared(address.platform(), address.handle(), address.url(),
							Message.of("reason.inRegistry").encode()));
				}
				continue;
			}
			if (allowlisted(criteria.allowlist(), candidate.account)) {
				// A known namesake: its finding, dismissed, stays as it is.
				continue;
			}
			try {
				identified.add(new Scored(candidate,
						Identities.of(candidate.account.address(), candidate.account.profile(), null)));
			}
			catch (RuntimeException ex) {
				examination.error(candidate.describe(), "read the profile of", ex);
			}
		}
		var scored = hashAvatars(identified, criteria.institution(), examination);
		for (var entry : scored) {
			LookalikeVerdict verdict;
			try {
				verdict = verdict(entry, criteria.institution(), examination);
			}
			catch (RuntimeException ex) {
				// Its standing finding, if any, stays as it is: nothing is concluded from a failure.
				examination.error(entry.candidate.describe(), "judge", ex);
				continue;
			}
			var key = DiscoveryRepository.key(verdict.platform(), verdict.handle());
			if (verdict.type() != null || examination.standing.contains(key)) {
				verdicts.add(verdict);
			}
		}
		return new Judgement(verdicts, scored.size());
	}

	/** A candidate with its identity, to which the avatar hash is added when it may matter. */
	private static final class Scored {

		final Candidate candidate;

		Identity identity;

		Scored(Candidate candidate, Identity identity) {
			this.candidate = candidate;
			this.identity = identity;
		}

	}

	private LookalikeVerdict verdict(Scored entry, PreparedInstitution institution, Examination examination) {
		var candidate = entry.candidate;
		var account = candidate.account;
		var address = account.address();
		// The scorer's verdict, except that a released handle taken by someone else is an impersonation whatever its
		// score (the scorer sees the official account's handle and calls it registered).
		var classification = scorer.classify(entry.identity, institution, examination.now);
		var score = classification.score();
		var proof = Optional.ofNullable(classification.proof());
		FindingType type;
		String summary;
		var imitated = imitated(score, candidate, examination.officials);
		if (classification.verdict() == Verdict.UNREGISTERED) {
			type = FindingType.UNREGISTERED;
			summary = Message.of("summary.unregistered", address.handle(), proof.orElse("")).encode();
		}
		else if (candidate.released != null) {
			type = FindingType.IMPERSONATION;
			summary = Message.of("summary.released", address.handle()).encode();
		}
		else if (classification.verdict() == Verdict.IMPERSONATION) {
			type = FindingType.IMPERSONATION;
			summary = ((imitated != null)
					? Message.of("summary.lookalike", imitated.address().handle(), score.points(), threshold(),
							topReasons(score))
					: Message.of("summary.lookalike.institution", score.points(), threshold(), topReasons(score)))
				.encode();
		}
		else {
			return LookalikeVerdict.cleared(address.platform(), address.handle(), address.url(),
					Message.of("reason.belowThreshold", score.points(), threshold()).encode());
		}
		var evidence = Evidence.of(candidate, entry.identity, imitated, score, threshold(), proof);
		return new LookalikeVerdict(address.platform(), address.handle(), address.url(), account.platformId(), type,
				false, null, accountId(imitated, candidate), summary, evidence);
	}

	/**
	 * The official account a finding is about: the one imitated, else the one whose released handle was taken, else
	 * none (a look-alike of the institution as a whole, by its name alone). Statements, not a nested conditional: a
	 * conditional mixing {@code long} branches with a null one unboxes the null.
	 */
	private static @Nullable Long accountId(DiscoveryRepository.@Nullable Official imitated, Candidate candidate) {
		if (imitated != null) {
			return imitated.accountId();
		}
		if (candidate.released != null) {
			return candidate.released.accountId();
		}
		return null;
	}

	private static List<Message> topReasons(Score score) {
		var top = score.reasons().stream()
			.filter(reason -> reason.points() > 0)
			.sorted(Comparator.comparingInt((Reason reason) -> -reason.points()))
			.limit(3)
			.map(reason -> Message.of("signal." + reason.signal()))
			.toList();
		return top.isEmpty() ? List.of(Message.of("signal.none")) : top;
	}

	private static DiscoveryRepository.@Nullable Official imitated(Score score, Candidate candidate,
			List<DiscoveryRepository.Official> officials) {
		if (score.imitated() != null) {
			for (var official : officials) {
				if (official.address().platform() == score.imitated().platform()
						&& official.address().handle().equals(score.imitated().handle())) {
					return official;
				}
			}
		}
		if (candidate.released != null) {
			for (var official : officials) {
				if (official.accountId() == candidate.released.accountId()) {
					return official;
				}
			}
		}
		return null;
	}

	/**
	 * Adds avatar hashes where they may tip the balance (candidates near the threshold; official accounts always) and
	 * answers the candidates that could be scored: one whose scoring throws is left out, one whose avatar could not be
	 * fetched is judged without it; both are counted as errors.
	 */
	private List<Scored> hashAvatars(List<Scored> scored, PreparedInstitution institution, Examination examination) {
		var weights = scorer.weights();
		var kept = new ArrayList<Scored>(scored.size());
		var worth = new ArrayList<Scored>();
		for (var entry : scored) {
			int points;
			try {
				points = scorer.score(entry.identity, institution, examination.now).points();
			}
			catch (RuntimeException ex) {
				examination.error(entry.candidate.describe(), "score", ex);
				continue;
			}
			kept.add(entry);
			var avatar = entry.candidate.account.profile().avatarUrl();
			if (avatar != null && points < threshold() && points + weights.avatarClose() >= threshold()) {
				worth.add(entry);
			}
		}
		if (worth.isEmpty()) {
			return kept;
		}
		var failed = new HashMap<String, RuntimeException>();
		var hashes = avatars.of(worth.stream().map(e -> e.candidate.account.profile().avatarUrl()).toList(),
				examination.now, failed::put);
		for (var entry : worth) {
			var url = entry.candidate.account.profile().avatarUrl();
			if (failed.containsKey(url)) {
				examination.error(entry.candidate.describe(), "fetch the avatar of", failed.get(url));
				continue;
			}
			var hash = hashes.get(url);
			if (hash != null) {
				entry.identity = Identities.withAvatar(entry.identity, hash);
			}
		}
		return kept;
	}

	private List<Identity> officialIdentities(Examination examination) {
		var officials = examination.officials;
		var failed = new HashMap<String, RuntimeException>();
		var hashes = avatars.of(officials.stream()
			.map(official -> (official.profile() != null) ? official.profile().avatarUrl() : null)
			.toList(), examination.now, failed::put);
		var identities = new LinkedHashMap<Long, Identity>();
		for (var official : officials) {
			var profile = official.profile();
			var avatarUrl = (profile != null) ? profile.avatarUrl() : null;
			if (avatarUrl != null && failed.containsKey(avatarUrl)) {
				// Compared without its avatar: a look-alike avatar goes unnoticed, the rest does not.
				examination.error("the official account " + official.address().handle() + " on "
						+ official.address().platform().label(), "fetch the avatar of", failed.get(avatarUrl));
			}
			var avatar = (avatarUrl != null) ? hashes.get(avatarUrl) : null;
			var identity = Identities.of(official.address(), profile, avatar);
			if (profile == null && official.registeredName() != null) {
				identity = new Identity(identity.platform(), identity.handle(), official.registeredName(), null,
						List.of(), null, null, null);
			}
			identities.put(official.accountId(), identity);
		}
		return List.copyOf(identities.values());
	}

	private static boolean allowlisted(List<AllowlistedLookalike> allowlist, FoundAccount account) {
		for (var entry : allowlist) {
			if (entry.covers(account.address().platform(), account.address().handle(), account.platformId())) {
				return true;
			}
		}
		return false;
	}

}
