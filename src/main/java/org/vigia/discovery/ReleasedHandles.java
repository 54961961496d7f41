package org.vigia.discovery;

import org.springframework.stereotype.Component;
import org.vigia.health.LookalikeFindings;
import org.vigia.platform.HandleProbe;

/**
 * Candidates from the handles official accounts left behind, probed every run: an account under one of them that is
 * not the official account itself took it over.
 */
@Component
class ReleasedHandles implements CandidateSource {

	private final DiscoveryRepository repository;

	private final LookalikeFindings lookalikes;

	private final HandleProber prober;

	ReleasedHandles(DiscoveryRepository repository, LookalikeFindings lookalikes, HandleProber prober) {
		this.repository = repository;
		this.lookalikes = lookalikes;
		this.prober = prober;
	}

	@Override
	public void gather(Examination examination) {
		var released = repository.released(examination.organizationId(),
				lookalikes.released(examination.organizationId()), examination.now);
		var answers = prober.probeEach(released.stream().map(DiscoveryRepository.Released::address).toList(),
				examination);
		examination.fresh.putAll(answers);
		examination.releasedWatched = released.size();
		for (var handle : released) {
			var probe = answers.get(handle.address());
			if (probe == null || probe.existence() != HandleProbe.Existence.EXISTS || probe.account() == null) {
				continue;
			}
			var account = probe.account();
			boolean sameAccount = handle.platformId() != null && handle.platformId().equals(account.platformId());
			if (sameAccount) {
				continue;
			}
			var candidate = examination.candidate(account);
			candidate.sources.add(org.vigia.platform.Message.of("source.released", handle.address().handle()).encode());
			candidate.released = handle;
		}
	}

}
