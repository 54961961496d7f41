package org.vigia.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.PlatformText;

/**
 * A recertification mail to one person: the accounts they answer for, and the link to answer.
 * @param path the answer page's path on the dashboard, such as {@code /recertify/TOKEN}: the mail prefixes the base URL
 * @param closesAt when the round's response window closes
 */
public record CampaignMail(Kind kind, String recipient, long organizationId, String organization,
		List<Account> accounts, String path, Instant closesAt) {

	public CampaignMail {
		Objects.requireNonNull(kind, "kind");
		organization = PlatformText.oneLine(organization);
		accounts = List.copyOf(accounts);
	}

	/** Why the mail is sent. */
	public enum Kind {

		/** A round opened: please answer. */
		REQUEST,

		/** Seven days before the window closes, some accounts are still unanswered. */
		REMINDER,

		/** The window closes today, some accounts are still unanswered. */
		LAST_DAY

	}

	/**
	 * An account the mail asks about.
	 * @param network the network's label, such as {@code Mastodon}
	 */
	public record Account(String handle, String network, @Nullable String displayName) {

		public Account {
			handle = PlatformText.oneLine(handle);
			displayName = (displayName == null) ? null : PlatformText.oneLine(displayName);
		}

	}

}
