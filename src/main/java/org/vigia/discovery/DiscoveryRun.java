package org.vigia.discovery;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A look-alike discovery over some or all organizations and its progress, in the shape of a poll run: {@code total}
 * organizations to examine, {@code checked} examined, {@code failed} examined with some search or probe the platform
 * did not answer (those are tried again next run; nothing is concluded from them).
 * @param searches platform searches made
 * @param probes handle lookups made (permutations, released handles, known look-alikes)
 * @param unanswered searches and probes the platforms refused, limited or failed
 * @param candidates accounts outside the registry that were scored
 * @param impersonations candidates judged impersonations in this run
 * @param unregistered candidates that prove official control, in this run
 * @param errors candidates that could not be judged and organizations that could not be examined because something
 * failed (not a platform: those are {@code unanswered}); each is logged with the candidate and the organization
 * @param error what went wrong with an organization, the last such error
 */
public record DiscoveryRun(long id, Status status, Trigger trigger, int total, int checked, int failed, int searches,
		int probes, int unanswered, int candidates, int impersonations, int unregistered, int errors,
		@Nullable String error, Instant startedAt, @Nullable Instant finishedAt) {

	/** Where a run stands. */
	public enum Status {

		RUNNING,
		/** Every organization examined, every candidate judged. */
		COMPLETED,
		/** Done, but some candidates could not be judged or some organizations examined: see {@code errors}. */
		COMPLETED_WITH_ERRORS,
		/** No organization could be examined (or the run could not be scheduled). */
		FAILED

	}

	/** Who started a run. */
	public enum Trigger {
		MANUAL, SCHEDULED
	}

}
