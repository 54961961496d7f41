package org.vigia.alerts;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * One recipient's daily digest.
 * @param date the day it is for, in the configured time zone
 * @param opened findings opened or reopened since the last digest, gravest first, then by type
 * @param resolved findings the recipient heard of in an earlier digest that resolved since
 * @param reminders findings still open, unanswered, longer than the reminder period
 */
record Digest(String recipient, Locale locale, LocalDate date, List<Mail.Line> opened, List<Mail.Line> resolved,
		List<Reminder> reminders) {

	/**
	 * A finding the recipient is reminded of.
	 * @param days how many whole days it has been open
	 */
	record Reminder(Mail.Line line, long days) {
	}

}
