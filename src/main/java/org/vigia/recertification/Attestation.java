package org.vigia.recertification;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An answer about an account: who gave it, when, through which channel (the mailed link, or an editor who took it by
 * phone), and what it says.
 * @param roundId the round it answers, null for a phone answer outside any round
 * @param requestId the request whose link was used, null for a phone answer
 * @param recordedBy the editor who recorded a phone answer
 * @param lastPost the date of the account's last post, as the person reported it (networks Vigía cannot read)
 */
public record Attestation(long id, long accountId, @Nullable Long roundId, @Nullable Long requestId, Channel channel,
		String answeredBy, @Nullable String recordedBy, Instant answeredAt, Answer answer) {

	/** How the answer came. */
	public enum Channel {

		/** Through the link mailed to the person. */
		LINK,

		/** By phone, recorded by an editor. */
		PHONE

	}

	/** Is the account still official and needed? */
	public enum StillOfficial {

		YES, RETIRE, NOT_OURS

	}

	/** Yes, no, or the person does not know. */
	public enum Choice {

		YES, NO, UNKNOWN

	}

	/**
	 * The answers to the questions.
	 * @param administrators who administers the account, names or roles, as the person wrote it
	 * @param twoFactor whether two-factor authentication is on and tied to a device or number the institution controls
	 * @param institutionalRecovery whether the recovery e-mail is an institutional address
	 */
	public record Answer(StillOfficial stillOfficial, @Nullable String administrators, Choice twoFactor,
			Choice institutionalRecovery, @Nullable LocalDate lastPost) {
	}

}
