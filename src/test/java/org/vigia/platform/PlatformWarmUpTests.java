package org.vigia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The warm-up's canned answers are read as real ones: its checks succeed, so it warms the paths real checks take. */
class PlatformWarmUpTests {

	@Test
	void everyWarmUpCheckSucceedsAgainstTheCannedAnswers() {
		var results = new PlatformWarmUp(java.time.Clock.systemUTC()).warmUp(Duration.ofSeconds(30), 2);

		// Each round: 15 Mastodon accounts, half of them checked for the first time, and a batch of 25 Bluesky ones.
		assertThat(results).hasSize(2 * (15 + 25));
		assertThat(results).allSatisfy(result -> {
			assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
			assertThat(result.profile()).isNotNull();
			assertThat(result.lastActivityAt()).isNotNull();
		});
		var mastodon = results.stream().filter(result -> !result.platformId().startsWith("did:")).toList();
		assertThat(mastodon).hasSize(30);
		assertThat(mastodon.stream().filter(result -> result.requests() == 2))
			.as("first Mastodon checks: lookup and statuses; the others: statuses alone").hasSize(16);
	}

}
