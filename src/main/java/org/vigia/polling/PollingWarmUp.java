package org.vigia.polling;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.vigia.platform.PlatformWarmUp;

/**
 * Warms the checks' hot paths up once every bean is ready and before anything starts (Quartz's scheduler, the web
 * server, so readiness too): the platform adapters against canned answers (see {@link PlatformWarmUp}), then what
 * recording does with their results (the state machine, profile hashing) and the poller's first statement, which
 * also opens a database connection. Measured with {@code bench/poll.sh}: the first poll of a fresh start no longer
 * pays for class loading and interpretation (see bench/README.md).
 */
@Component
class PollingWarmUp implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(PollingWarmUp.class);

	/** The longest the warm-up may delay start-up. */
	static final Duration BUDGET = Duration.ofSeconds(3);

	private static final int ROUNDS = 30;

	private final PollingProperties properties;

	private final PlatformWarmUp platforms;

	private final CheckRecorder recorder;

	private final AccountPoller poller;

	PollingWarmUp(PollingProperties properties, PlatformWarmUp platforms, CheckRecorder recorder,
			AccountPoller poller) {
		this.properties = properties;
		this.platforms = platforms;
		this.recorder = recorder;
		this.poller = poller;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!properties.warmUp()) {
			return;
		}
		long started = System.nanoTime();
		try {
			var results = platforms.warmUp(BUDGET, ROUNDS);
			recorder.warmUp(results);
			poller.load(java.util.List.of(-1L));
		}
		catch (RuntimeException ex) {
			// A warm-up that fails leaves the JVM cold, nothing else.
			log.info("The polling warm-up stopped: {}", ex.toString());
		}
		log.info("Polling warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
	}

}
