package org.vigia.alerts;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.PlatformText;

/**
 * One recipient's weekly report on the health of the accounts they own.
 * @param week the Monday of the report's week, in the configured time zone
 * @param accounts how many active accounts the report covers
 * @param change how that number changed since the previous report, null without one
 * @param counts accounts per health state, gravest first, each with its change since the previous report
 * @param worst the five longest-silent or gone accounts, gone ones first
 * @param recertified how many of the accounts their organization's current recertification round asked about were
 *        answered for, null when none was asked about
 */
record Report(String recipient, Locale locale, LocalDate week, int accounts, @Nullable Integer change,
		List<Count> counts, List<Offender> worst, @Nullable Recertified recertified) {

	Report(String recipient, Locale locale, LocalDate week, int accounts, @Nullable Integer change, List<Count> counts,
			List<Offender> worst) {
		this(recipient, locale, week, accounts, change, counts, worst, null);
	}

	/**
	 * The share recertified: of the accounts asked about in their organization's current round, how many somebody
	 * answered for (recertification's {@code recertification_current_accounts} view).
	 */
	record Recertified(int asked, int answered) {

		/** The share, 0 to 100, rounded down. */
		public int percent() {
			return (asked == 0) ? 0 : (int) (100L * answered / asked);
		}

	}

	/** The health states in the order the report lists them, gravest first. */
	static final List<String> STATES = List.of("GONE", "MOVED", "ABANDONED", "DORMANT", "ACTIVE", "UNKNOWN");

	/** States that need someone's attention. */
	static final List<String> ATTENTION = List.of("GONE", "MOVED", "ABANDONED", "DORMANT");

	/** How many accounts need attention. */
	public int attention() {
		return counts.stream().filter(c -> ATTENTION.contains(c.state())).mapToInt(Count::accounts).sum();
	}

	/** Whether there is an earlier report to compare with. */
	public boolean trend() {
		return change != null;
	}

	/** The change of the total, as the report prints it. */
	public String totalChange() {
		return signed(change);
	}

	/**
	 * @param change since the previous report, null without one
	 */
	record Count(String state, int accounts, @Nullable Integer change) {

		/** The change as the report prints it: +2, −1, ±0; empty without a previous report. */
		public String trend() {
			return signed(change);
		}

	}

	/**
	 * An account that needs attention.
	 * @param subject its handle and network, such as {@code cultura@social.example on Mastodon}
	 * @param displayName its name in the registry, as the platform shows it; may be anything, and is kept to one line
	 * @param silentDays days since its newest public post, null when none was ever seen
	 */
	record Offender(String subject, @Nullable String displayName, String state, @Nullable Long silentDays) {

		Offender {
			subject = PlatformText.oneLine(subject);
			displayName = (displayName == null) ? null : PlatformText.oneLine(displayName);
		}

	}

	static String signed(@Nullable Integer change) {
		if (change == null) {
			return "";
		}
		return (change > 0) ? "+" + change : (change < 0) ? "\u2212" + (-change) : "\u00b10";
	}

}
