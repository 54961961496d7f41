package org.vigia.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;

/**
 * The end-to-end look-alike benchmark in small, as a test: a few institutions of the generated corpus, each with one
 * Bluesky and one Mastodon account, go through registry import, a poll and one discovery run against the platforms
 * played locally ({@link LookalikeUniverse}); the first run must report at least 95% of their impersonators, those
 * only a probe can reach included, and at most 2% of their namesakes, without a 429 from any platform.
 * {@link LookalikeEndToEndBenchmark} measures the same over the whole corpus.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		// Twice the probes in flight of the defaults, on a machine where every platform answers at once; the same
		// requests, in half the time.
		"vigia.discovery.parallelism=8", "vigia.http.max-requests-per-host=8" })
class LookalikePipelineTests {

	static final long SEED = 20260601L;

	static final int INSTITUTIONS = 6;

	static final LookalikeUniverse UNIVERSE = new LookalikeUniverse(Duration.ofSeconds(1));

	static {
		UNIVERSE.start();
	}

	@DynamicPropertySource
	static void platforms(DynamicPropertyRegistry registry) {
		registry.add("vigia.platforms.bluesky.api-url", UNIVERSE::appViewUrl);
		registry.add("vigia.discovery.mastodon-instances", () -> String.join(",", UNIVERSE.mastodonUrls()));
	}

	@AfterAll
	static void stopPlatforms() {
		UNIVERSE.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFirstDiscoveryRunReportsNineteenImpersonatorsInTwentyAndAtMostOneNamesakeInFifty() throws Exception {
		var corpus = new LookalikeCorpus(SEED, true);
		UNIVERSE.populate(corpus, corpus.generate(INSTITUTIONS), SEED);
		var pipeline = new LookalikePipeline(mvc, jdbc, UNIVERSE);

		var figures = pipeline.run();

		pipeline.print(figures, "Look-alike pipeline test (seed " + SEED + ", " + INSTITUTIONS + " institutions)");
		if (figures.recall().pipelineRate() < 0.95 || figures.namesakes().pipelineRate() > 0.02) {
			pipeline.examples(figures);
		}
		assertThat(figures.run()).containsEntry("status", "COMPLETED").containsEntry("errors", 0);
		assertThat(UNIVERSE.hidden).isPositive();
		assertThat(figures.recall().pipelineRate()).isGreaterThanOrEqualTo(0.95);
		assertThat(figures.namesakes().pipelineRate()).isLessThanOrEqualTo(0.02);
		assertThat(UNIVERSE.tooMany).hasValue(0);
	}

}
