package org.vigia.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recertification mails, through the alerts' renderer and outbox: written in the caller's transaction (so a request and
 * its mail are recorded together, or neither), in the recipient's language, and sent once by whichever node's sender
 * claims them.
 */
@Service
public class CampaignMails {

	private final MailRenderer renderer;

	private final Outbox outbox;

	private final Offices offices;

	CampaignMails(MailRenderer renderer, Outbox outbox, Offices offices) {
		this.renderer = renderer;
		this.outbox = outbox;
		this.offices = offices;
	}

	/** The language a recipient reads mails about an organization in: theirs, the organization's, or the default. */
	@Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
	public Locale language(String recipient, long organizationId) {
		var settings = offices.of(List.of(organizationId));
		var languages = offices.languages(List.of(recipient));
		return Locale.forLanguageTag(offices.language(recipient, organizationId, languages, settings));
	}

	/** Queues the mail in the outbox, in this language; answers the outbox id. */
	@Transactional(propagation = Propagation.MANDATORY)
	public long queue(CampaignMail mail, Locale locale, Instant now) {
		return outbox.add("CAMPAIGN", mail.recipient(), locale, renderer.campaign(mail, locale), now);
	}

}
