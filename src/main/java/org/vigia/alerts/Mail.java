package org.vigia.alerts;

import java.util.List;
import java.util.Locale;

import org.vigia.platform.PlatformText;

/**
 * One mail to one recipient: the findings it alerts about and those it says are resolved.
 * @param alerts new or reopened findings
 * @param resolved findings this recipient was mailed about and that cleared
 */
record Mail(String recipient, Locale locale, List<Line> alerts, List<Line> resolved) {

	/**
	 * One finding in a mail. Everything here may come from a platform (display names, handles): it is kept to one
	 * line here, whatever a finding stored before, and escaped by the HTML templates.
	 * @param type the finding type, such as GONE
	 * @param subject what it is about, such as {@code cultura@social.example on Mastodon}
	 * @param summary the finding's one-line summary
	 * @param link the finding in the dashboard
	 */
	record Line(long findingId, String type, String severity, String subject, String summary, String link) {

		Line {
			subject = PlatformText.oneLine(subject);
			summary = PlatformText.oneLine(summary);
		}

	}

}
