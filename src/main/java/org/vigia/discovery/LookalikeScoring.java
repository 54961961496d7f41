package org.vigia.discovery;

import org.springframework.stereotype.Component;
import org.vigia.discovery.scoring.Scorer;
import org.vigia.discovery.scoring.ScoringWeights;

/**
 * The look-alike scorer with the weights and threshold discovery runs with, for others who score one account at a
 * time (a citizen's report), so that both agree on what is an impersonation.
 */
@Component
public class LookalikeScoring {

	private final Scorer scorer;

	LookalikeScoring(DiscoveryProperties properties) {
		var weights = ScoringWeights.defaults();
		this.scorer = new Scorer((properties.impersonationThreshold() > 0)
				? weights.withThreshold(properties.impersonationThreshold()) : weights);
	}

	public Scorer scorer() {
		return scorer;
	}

}
