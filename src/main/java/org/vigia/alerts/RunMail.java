package org.vigia.alerts;

import java.util.List;
import java.util.Locale;

import org.vigia.discovery.DiscoveryRun;
import org.vigia.discovery.DiscoveryRunFinished;

/**
 * The mail about a discovery run that failed or completed with errors.
 * @param unexamined the organizations the run could not examine, and why
 * @param link the run's page on the dashboard
 */
record RunMail(Locale locale, DiscoveryRun run, List<DiscoveryRunFinished.Unexamined> unexamined, String link) {

	/** Candidates an error kept from being judged: the run's errors less its organizations not examined. */
	public int candidatesNotJudged() {
		return Math.max(0, run.errors() - unexamined.size());
	}

	/** Organizations examined, whatever happened to some of their candidates. */
	public int examined() {
		return run.total() - unexamined.size();
	}

}
