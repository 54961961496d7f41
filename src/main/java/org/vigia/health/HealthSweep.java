package org.vigia.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Evaluates every account again: time passing alone turns DORMANT into ABANDONED, a dismissal expires, a unit gets a
 * contact. Chunk by chunk, each in its own short transaction, with a constant number of statements per chunk.
 */
@Service
public class HealthSweep {

	private static final Logger log = LoggerFactory.getLogger(HealthSweep.class);

	/**
	 * What a sweep did.
	 * @param accounts accounts evaluated
	 * @param chunks transactions used
	 * @param transitions findings opened, updated, resolved or reopened
	 * @param duration how long it took
	 */
	public record Report(int accounts, int chunks, int transitions, Duration duration) {
	}

	private final Evaluator evaluator;

	private final FactsRepository facts;

	private final ConnectionFindings connectionFindings;

	private final Clock clock;

	HealthSweep(Evaluator evaluator, FactsRepository facts, ConnectionFindings connectionFindings, Clock clock) {
		this.evaluator = evaluator;
		this.facts = facts;
		this.connectionFindings = connectionFindings;
		this.clock = clock;
	}

	public Report sweep() {
		long started = System.nanoTime();
		var now = clock.instant();
		var stats = facts.platformStats();
		int transitions = evaluator.evaluatePlatforms(stats, now).size();
		var context = facts.context(null, stats);
		transitions += evaluator.sweepUnits(context, now).size();
		transitions += connectionFindings.sweep(now).size();
		int accounts = 0;
		int chunks = 0;
		long after = 0;
		while (true) {
			var result = chunk(after, context, now);
			if (result.accountIds().isEmpty()) {
				break;
			}
			chunks++;
			accounts += result.accountIds().size();
			transitions += result.transitions().size();
			after = result.accountIds().getLast();
		}
		var report = new Report(accounts, chunks, transitions, Duration.ofNanos(System.nanoTime() - started));
		log.info("Health sweep: {} accounts in {} chunks, {} transitions, {} ms", report.accounts(), report.chunks(),
				report.transitions(), report.duration().toMillis());
		return report;
	}

	private Evaluator.Result chunk(long after, Context context, Instant now) {
		for (int attempt = 1;; attempt++) {
			try {
				return evaluator.sweepChunk(after, context, now);
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == 3) {
					throw ex;
				}
				log.info("A sweep chunk met a lock conflict; retrying ({})", ex.getMessage());
			}
		}
	}

}
