package org.vigia.discovery;

import java.util.List;

/**
 * Published when a discovery run has finished, in the transaction that marks it so, for whoever must hear about a run
 * that failed or could not examine everything (discovery itself tells nobody).
 * @param run the run as it finished
 * @param unexamined the organizations that could not be examined, and why
 */
public record DiscoveryRunFinished(DiscoveryRun run, List<Unexamined> unexamined) {

	public DiscoveryRunFinished {
		unexamined = List.copyOf(unexamined);
	}

	/** Whether the run needs someone's attention: it failed, or some candidate or organization was left unexamined. */
	public boolean troubled() {
		return run.status() == DiscoveryRun.Status.FAILED || run.status() == DiscoveryRun.Status.COMPLETED_WITH_ERRORS;
	}

	/** An organization the run could not examine, and what stopped it. */
	public record Unexamined(long organizationId, String name, String error) {
	}

}
