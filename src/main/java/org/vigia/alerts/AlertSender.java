package org.vigia.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends pending mails from the outbox. A sender claims one mail at a time with a lease and a token of its own (so two
 * senders never send one mail at once), renews the lease while SMTP takes its time, sends the mail with its stable
 * Message-ID, then marks it SENT if the claim is still its own. A failure waits for a retry with exponential backoff;
 * after the last attempt the mail is FAILED. Should an instance die between sending and marking, its lease expires and
 * the mail goes out once more, with the same Message-ID. Without SMTP configured, mails stay PENDING.
 */
@Component
class AlertSender implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AlertSender.class);

	/** A claimed mail; {@code token} is the claim's, which another sender's claim replaces. */
	record Outgoing(long id, UUID token, List<String> recipients, String subject, String text, String html,
			String messageId, int attempts) {
	}

	// Renews the leases of the mails being sent; one thread for the node, as renewals are short statements.
	private final ScheduledExecutorService renewals = Executors
		.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("mail-lease-renewal").factory());

	private final JdbcClient jdbc;

	private final ObjectProvider<JavaMailSender> senders;

	private final AlertsProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final AtomicLong lastUnconfiguredLog = new AtomicLong();

	AlertSender(JdbcClient jdbc, ObjectProvider<JavaMailSender> senders, AlertsProperties properties, Clock clock,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.senders = senders;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/** Sends what is due; answers how many mails went out. */
	public int send() {
		var sender = senders.getIfAvailable();
		if (sender == null) {
			logUnconfigured();
			return 0;
		}
		int sent = 0;
		for (var mail = claim(); mail != null; mail = claim()) {
			if (deliver(sender, mail)) {
				sent++;
			}
		}
		return sent;
	}

	/**
	 * Claims the next due mail, or answers null. One at a time: a batch claimed at once outlasted its lease behind a slow
	 * SMTP server, and another sender then sent its last mails a second time.
	 */
	@Nullable Outgoing claim() {
		var now = clock.instant();
		return jdbc.sql("""
				update notification n set lease_until = :leaseUntil, attempts = n.attempts + 1, claim_token = :token
				where n.id = (select id from notification
				              where status = 'PENDING' and next_attempt_at <= :now
				                and (lease_until is null or lease_until < :now)
				              order by id limit 1
				              for update skip locked)
				returning n.id, n.claim_token, n.recipients, n.subject, n.body_text, n.body_html, n.message_id, n.attempts
				""")
			.param("leaseUntil", Timestamp.from(now.plus(properties.sendLease())))
			.param("now", Timestamp.from(now))
			.param("token", UUID.randomUUID())
			.query((rs, row) -> new Outgoing(rs.getLong("id"), rs.getObject("claim_token", UUID.class),
					List.of((String[]) rs.getArray("recipients").getArray()), rs.getString("subject"),
					rs.getString("body_text"), rs.getString("body_html"), rs.getString("message_id"),
					rs.getInt("attempts")))
			.optional()
			.orElse(null);
	}

	private boolean deliver(JavaMailSender sender, Outgoing mail) {
		// SMTP may take longer than the lease (its timeouts add up): the claim must hold for as long as the send lasts.
		var sending = new AtomicBoolean(true);
		long period = Math.max(1, properties.sendLease().toMillis() / 3);
		var renewal = renewals.scheduleAtFixedRate(() -> renew(mail, sending), period, period, TimeUnit.MILLISECONDS);
		Exception failure = null;
		try {
			sender.send(message(sender, mail));
		}
		catch (MailException | MessagingException ex) {
			failure = ex;
		}
		finally {
			sending.set(false);
			renewal.cancel(false);
		}
		if (failure != null) {
			failed(mail, failure);
			return false;
		}
		sent(mail);
		return true;
	}

	private void renew(Outgoing mail, AtomicBoolean sending) {
		if (!sending.get()) {
			return;
		}
		try {
			int renewed = jdbc.sql("""
					update notification set lease_until = :leaseUntil
					where id = :id and claim_token = :token and status = 'PENDING'
					""")
				.param("leaseUntil", Timestamp.from(clock.instant().plus(properties.sendLease())))
				.param("id", mail.id())
				.param("token", mail.token())
				.update();
			if (renewed == 0 && sending.get()) {
				log.warn("Mail {} is being sent, but its claim has passed to another sender", mail.id());
			}
		}
		catch (DataAccessException ex) {
			log.warn("Could not renew the claim on mail {} while sending it: {}", mail.id(), ex.getMessage());
		}
	}

	void sent(Outgoing mail) {
		int marked = jdbc.sql("""
				update notification
				set status = 'SENT', sent_at = :now, lease_until = null, claim_token = null, last_error = null
				where id = :id and claim_token = :token
				""")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", mail.id())
			.param("token", mail.token())
			.update();
		if (marked == 0) {
			log.warn("Mail {} was sent, but its claim had passed to another sender, which may send it again", mail.id());
		}
		meters.counter("vigia.alerts.mails", "outcome", "sent").increment();
	}

	private void failed(Outgoing mail, Exception ex) {
		boolean last = mail.attempts() >= properties.maxAttempts();
		var delay = properties.retryBaseDelay().multipliedBy(1L << Math.min(mail.attempts() - 1, 12));
		if (delay.compareTo(Duration.ofHours(1)) > 0) {
			delay = Duration.ofHours(1);
		}
		var error = String.valueOf(ex.getMessage());
		jdbc.sql("""
				update notification
				set status = :status, next_attempt_at = :next, lease_until = null, claim_token = null, last_error = :error
				where id = :id and claim_token = :token
				""")
			.param("status", last ? "FAILED" : "PENDING")
			.param("next", Timestamp.from(clock.instant().plus(delay)))
			.param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
			.param("id", mail.id())
			.param("token", mail.token())
			.update();
		meters.counter("vigia.alerts.mails", "outcome", last ? "failed" : "retry").increment();
		log.warn("Sending mail {} to {} failed (attempt {} of {}){}: {}", mail.id(), mail.recipients().size()
				+ " recipient(s)", mail.attempts(), properties.maxAttempts(), last ? ", giving up" : ", will retry", error);
	}

	@Override
	public void destroy() {
		renewals.shutdownNow();
	}

	private MimeMessage message(JavaMailSender sender, Outgoing mail) throws MessagingException {
		var session = (sender instanceof JavaMailSenderImpl impl) ? impl.getSession()
				: sender.createMimeMessage().getSession();
		var message = new StableIdMessage(session, mail.messageId());
		var helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(properties.from());
		helper.setTo(mail.recipients().toArray(String[]::new));
		helper.setSubject(mail.subject());
		helper.setText(mail.text(), mail.html());
		message.setHeader("Auto-Submitted", "auto-generated");
		message.setHeader("List-Id", "Vigía alerts <alerts." + Addresses.domain(properties.from()) + ">");
		message.setHeader("X-Auto-Response-Suppress", "All");
		return message;
	}

	private void logUnconfigured() {
		long now = System.nanoTime();
		long last = lastUnconfiguredLog.get();
		if (last != 0 && now - last < Duration.ofMinutes(10).toNanos()) {
			return;
		}
		lastUnconfiguredLog.set(now);
		long pending = jdbc.sql("select count(*) from notification where status = 'PENDING'").query(Long.class).single();
		if (pending > 0) {
			log.info("SMTP is not configured (spring.mail.host): {} mails wait in the outbox, see GET /api/notifications",
					pending);
		}
	}

	/** A message whose Message-ID is ours, not one JavaMail makes up at each save. */
	private static final class StableIdMessage extends MimeMessage {

		private final String messageId;

		StableIdMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}

	}

}
