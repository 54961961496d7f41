package org.vigia.runs;

import java.time.Duration;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;

import org.quartz.Job;

/**
 * A kind of run and where its module keeps it: a table of runs ({@code id, status, trigger, total, started_at,
 * finished_at, reason, last_error, restarts, checked_at_restart}) and a table of their items ({@code run_id}, the item
 * column, {@code done, lease_until, claimed_by}).
 * @param name what the logs call a run of this kind, e.g. "poll run"
 * @param runs the table of runs
 * @param items the table of the runs' items
 * @param item the column of the items' ids
 * @param workerGroup the Quartz group of the runs' workers
 * @param worker the job that works on a run: it reads the run's id from its data under {@link Runs#RUN_ID}
 * @param workers how many workers a run with this many items left gets
 * @param batch items a worker claims at once
 * @param lease how long a claim lasts, should its node not be known dead sooner
 * @param maxRestarts restarts in a row that work off no item, after which a run is given up as FAILED
 */
public record RunKind(String name, String runs, String items, String item, String workerGroup,
		Class<? extends Job> worker, IntUnaryOperator workers, int batch, Duration lease, int maxRestarts) {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	public RunKind {
		// Table and column names go into SQL as they are: only plain identifiers.
		for (var identifier : new String[] { runs, items, item }) {
			if (!IDENTIFIER.matcher(identifier).matches()) {
				throw new IllegalArgumentException("Not a plain SQL identifier: " + identifier);
			}
		}
		if (batch < 1 || maxRestarts < 1) {
			throw new IllegalArgumentException("A run kind needs a batch and restarts of at least 1");
		}
	}

}
