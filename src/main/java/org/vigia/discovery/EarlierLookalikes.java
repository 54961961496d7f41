package org.vigia.discovery;

import java.util.HashMap;

import org.springframework.stereotype.Component;
import org.vigia.health.LookalikeFindings;
import org.vigia.health.LookalikeVerdict;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.Message;

/**
 * The look-alikes reported before, looked at again whatever the other sources found, so that their findings resolve
 * or stay: one still there is a candidate (the fresh answer wins over a cached one), one gone or taken down is
 * cleared, one the platform did not answer about is held as it is.
 */
@Component
class EarlierLookalikes implements CandidateSource {

	private final LookalikeFindings lookalikes;

	private final HandleProber prober;

	EarlierLookalikes(LookalikeFindings lookalikes, HandleProber prober) {
		this.lookalikes = lookalikes;
		this.prober = prober;
	}

	@Override
	public void gather(Examination examination) {
		var standing = lookalikes.standing(examination.organizationId());
		var again = prober.probeEach(standing.stream()
			.map(lookalike -> new AccountAddress(lookalike.platform(), lookalike.handle(), lookalike.url()))
			.filter(address -> !examination.fresh.containsKey(address))
			.toList(), examination);
		var refreshed = new HashMap<>(examination.fresh);
		refreshed.putAll(again);
		var candidates = examination.candidates;
		for (var lookalike : standing) {
			var address = new AccountAddress(lookalike.platform(), lookalike.handle(), lookalike.url());
			var key = DiscoveryRepository.key(address.platform(), address.handle());
			examination.standing.add(key);
			var probe = refreshed.get(address);
			if (probe == null || probe.existence() == HandleProbe.Existence.UNKNOWN) {
				if (!candidates.containsKey(key)) {
					examination.verdicts.add(LookalikeVerdict.held(address.platform(), address.handle(), address.url()));
				}
			}
			else if (probe.existence() == HandleProbe.Existence.EXISTS && probe.account() != null) {
				var candidate = candidates.computeIfAbsent(key, k -> new Candidate(probe.account()));
				candidate.account = DiscoveryRepository.storable(probe.account());
				candidate.sources.add(org.vigia.platform.Message.of("source.earlier").encode());
			}
			else {
				candidates.remove(key);
				examination.verdicts.add(LookalikeVerdict.cleared(address.platform(), address.handle(), address.url(),
						(probe.existence() == HandleProbe.Existence.SUSPENDED)
								? Message.of("reason.suspended").encode()
								: Message.of("reason.noLongerExists").encode()));
			}
		}
	}

}
