package org.vigia.alerts;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vigia.discovery.DiscoveryRun;
import org.vigia.discovery.DiscoveryRunFinished;

/**
 * Tells the central office when the scheduled look-alike discovery run failed or could not examine everything: an
 * impersonator it could not look at goes unreported until a run does, and nobody reads the logs every morning. The
 * mail goes into the outbox in the transaction that finished the run. Runs started by hand are watched by whoever
 * started them, on the dashboard.
 */
@Component
class DiscoveryRunAlerts {

	private static final Logger log = LoggerFactory.getLogger(DiscoveryRunAlerts.class);

	private final AlertsProperties properties;

	private final MailRenderer renderer;

	private final Outbox outbox;

	private final Offices offices;

	DiscoveryRunAlerts(AlertsProperties properties, MailRenderer renderer, Outbox outbox, Offices offices) {
		this.properties = properties;
		this.renderer = renderer;
		this.outbox = outbox;
		this.offices = offices;
	}

	@EventListener
	void on(DiscoveryRunFinished event) {
		var run = event.run();
		if (run.trigger() != DiscoveryRun.Trigger.SCHEDULED || !event.troubled()) {
			return;
		}
		if (properties.recipients().isEmpty()) {
			log.warn("Scheduled discovery run {} ended {} with {} errors, and no central office to tell "
					+ "(set VIGIA_ALERTS_RECIPIENTS)", run.id(), run.status(), run.errors());
			return;
		}
		var languages = offices.languages(properties.recipients());
		var link = properties.dashboard() + "/runs/discovery/" + run.id();
		var now = (run.finishedAt() != null) ? run.finishedAt() : run.startedAt();
		for (var recipient : properties.recipients()) {
			var locale = Locale.forLanguageTag(languages.getOrDefault(recipient, properties.locale().getLanguage()));
			MailRenderer.Rendered rendered;
			try {
				rendered = renderer.discoveryRun(new RunMail(locale, run, event.unexamined(), link));
			}
			catch (RuntimeException ex) {
				// A mail that cannot be written must not keep the run from finishing: the run's page still tells.
				log.error("Could not write the mail about discovery run {} to {}", run.id(), recipient, ex);
				continue;
			}
			outbox.add("ALERT", recipient, locale, rendered, now);
		}
		log.info("Scheduled discovery run {} ended {}: mailed {}", run.id(), run.status(), properties.recipients());
	}

}
