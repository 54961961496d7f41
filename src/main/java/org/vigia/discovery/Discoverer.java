package org.vigia.discovery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.vigia.health.FindingType;
import org.vigia.health.LookalikeFindings;
import org.vigia.health.LookalikeVerdict;
import org.vigia.platform.Message;

/**
 * Examines one organization, one way through: the candidate sources bring up accounts (platform search, permutations
 * of its handles, the handles its accounts left behind, the look-alikes reported before), the judge scores and
 * classifies them against its official accounts, and health records the verdicts, opening and resolving findings.
 * Nothing is concluded from a platform that did not answer: such candidates are held, and tried again next run.
 */
@Component
class Discoverer {

	private static final Logger log = LoggerFactory.getLogger(Discoverer.class);

	private final DiscoveryRepository repository;

	private final List<CandidateSource> sources;

	private final Judge judge;

	private final LookalikeFindings lookalikes;

	private final Clock clock;

	Discoverer(DiscoveryRepository repository, PlatformSearch search, PermutedHandles permutations,
			ReleasedHandles released, EarlierLookalikes earlier, Judge judge, LookalikeFindings lookalikes,
			Clock clock) {
		this.repository = repository;
		// The look-alikes reported before come last: a released handle that has just answered is not asked again,
		// and what the platform says now about a reported look-alike overrides what the other sources found.
		this.sources = List.of(search, permutations, released, earlier);
		this.judge = judge;
		this.lookalikes = lookalikes;
		this.clock = clock;
	}

	DiscoveryRuns.OrganizationReport discover(long organizationId) {
		var organization = repository.organization(organizationId);
		if (organization == null) {
			return DiscoveryRuns.OrganizationReport.failure(Message.of("discovery.error.organizationGone", String.valueOf(organizationId)).encode());
		}
		var examination = new Examination(organization, repository.officials(organizationId), clock.instant());
		var criteria = judge.criteria(examination);
		for (var source : sources) {
			source.gather(examination);
		}
		var judgement = judge.judge(examination, criteria);
		var verdicts = new ArrayList<>(examination.verdicts);
		verdicts.addAll(judgement.verdicts());
		var recorded = record(examination, verdicts);
		int impersonations = count(recorded, FindingType.IMPERSONATION);
		int unregistered = count(recorded, FindingType.UNREGISTERED);
		log.debug("Organization {}: {} handles probed in {} requests, {} candidates, {} impersonations, {} unregistered, "
				+ "{} released handles watched, {} errors", organizationId, examination.probes.get(),
				examination.requests.get(), judgement.scored(), impersonations, unregistered,
				examination.releasedWatched, examination.errors());
		return new DiscoveryRuns.OrganizationReport(examination.searches.get(), examination.probes.get(),
				examination.unanswered.get(), judgement.scored(), impersonations, unregistered, examination.errors(),
				null);
	}

	/**
	 * Hands the verdicts to health in one transaction; should that fail, one at a time, so that a verdict health cannot
	 * record costs only its own candidate. Answers the verdicts recorded.
	 */
	private List<LookalikeVerdict> record(Examination examination, List<LookalikeVerdict> verdicts) {
		try {
			lookalikes.record(examination.organizationId(), verdicts);
			return verdicts;
		}
		catch (RuntimeException ex) {
			if (verdicts.size() == 1) {
				examination.error(describe(verdicts.get(0)), "record the verdict on", ex);
				return List.of();
			}
			log.debug("Recording {} verdicts of organization {} failed; recording them one at a time", verdicts.size(),
					examination.organizationId(), ex);
		}
		var recorded = new ArrayList<LookalikeVerdict>();
		for (var verdict : verdicts) {
			try {
				lookalikes.record(examination.organizationId(), List.of(verdict));
				recorded.add(verdict);
			}
			catch (RuntimeException ex) {
				examination.error(describe(verdict), "record the verdict on", ex);
			}
		}
		return recorded;
	}

	private static String describe(LookalikeVerdict verdict) {
		return verdict.handle() + " on " + verdict.platform().label();
	}

	private static int count(List<LookalikeVerdict> verdicts, FindingType type) {
		return (int) verdicts.stream().filter(verdict -> verdict.type() == type).count();
	}

}
