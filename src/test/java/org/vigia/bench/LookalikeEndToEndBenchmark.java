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
 * The look-alike benchmark end to end: the corpus {@link LookalikeCorpus} generates from {@code -Dbench.seed}, with
 * {@code -Dbench.institutions} institutions of one Bluesky and one Mastodon account each, put on locally played
 * platforms ({@link LookalikeUniverse}, half the impersonators of the handle families hidden from search), registered
 * and polled through the API, then examined by one discovery run; prints the first run's recall per family and the
 * false positive rate per namesake family, next to the scorer's figures on the same accounts. Rate-limit windows last
 * {@code -Dbench.window} (default 2 s) instead of 5 minutes. Not part of the test run (surefire picks up *Tests only):
 * run {@code bench/lookalikes.sh e2e [seed] [institutions]}.
 */
@IntegrationTest
@TestPropertySource(properties = { "vigia.http.allow-private-addresses=true", "vigia.http.retry-base-delay=10ms",
		"logging.level.org.vigia=WARN" })
class LookalikeEndToEndBenchmark {

	static final LookalikeUniverse UNIVERSE = new LookalikeUniverse(
			Duration.parse(System.getProperty("bench.window", "PT2S")));

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
	void measuresTheFirstRunOfTheWholePipeline() throws Exception {
		long seed = Long.getLong("bench.seed", 20260601L);
		int count = Integer.getInteger("bench.institutions", 100);
		long started = System.nanoTime();
		var corpus = new LookalikeCorpus(seed, true);
		var entries = corpus.generate(count);
		UNIVERSE.populate(corpus, entries, seed);
		long generated = System.nanoTime() - started;
		var pipeline = new LookalikePipeline(mvc, jdbc, UNIVERSE);

		var figures = pipeline.run();

		pipeline.print(figures, String.format(java.util.Locale.ROOT, "Look-alike pipeline benchmark (seed %d, %d "
				+ "institutions, corpus generated in %.1f s, rate-limit windows of %s)", seed, entries.size(),
				generated / 1e9, System.getProperty("bench.window", "PT2S")));
		if (Boolean.getBoolean("bench.examples")) {
			pipeline.examples(figures);
		}
		System.out.println();
		assertThat(figures.recall().accounts).isPositive();
	}

}
