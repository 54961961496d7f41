package org.vigia.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.vigia.IntegrationTest;

/**
 * Two senders (the delivery job and the digest job, say, which may run at once) behind an SMTP server that takes
 * longer over some mails than a sender's lease on a mail lasts: every mail still goes out exactly once.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "vigia.alerts.send-lease=PT10S",
		// The server's slowness, not the client's patience, is under test.
		"spring.mail.properties.mail.smtp.timeout=60000" })
class SlowSmtpTests {

	static final int MAILS = 60;

	/** Longer than the lease, over every tenth mail: a single mail outlasts its lease, and so does any batch. */
	static final Duration SLOW = Duration.ofSeconds(12);

	static final SlowSmtpServer smtp = SlowSmtpServer.start();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", smtp::port);
	}

	@AfterAll
	static void stopSmtp() throws IOException {
		smtp.close();
	}

	@Autowired
	AlertSender sender;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void sixtyMailsInTheOutbox() {
		jdbc.sql("truncate notification, alert_item restart identity cascade").update();
		for (int i = 0; i < MAILS; i++) {
			var subject = (i % 10 == 0 ? "[slow] " : "") + "Cuenta " + i + " desaparecida";
			outbox.add("ALERT", "equipo" + i + "@villaverde.example", Locale.forLanguageTag("es"),
					new MailRenderer.Rendered(subject, "Texto " + i, "<p>Texto " + i + "</p>"), Instant.now());
		}
	}

	@Test
	void twoSendersBehindASlowSmtpServerDeliverEachMailExactlyOnce() throws Exception {
		var started = Instant.now();
		try (var senders = Executors.newFixedThreadPool(2)) {
			var results = new ArrayList<Future<?>>();
			for (int s = 0; s < 2; s++) {
				// Each sender runs again and again, as a job would at each of its triggers, until the outbox is empty.
				results.add(senders.submit(() -> {
					var deadline = Instant.now().plus(Duration.ofMinutes(4));
					while (pending() > 0 && Instant.now().isBefore(deadline)) {
						sender.send();
						Thread.sleep(200);
					}
					return null;
				}));
			}
			for (var result : results) {
				result.get();
			}
		}
		var received = List.copyOf(smtp.messageIds);
		System.out.printf("Slow SMTP: %d mails delivered %d times in %d s%n", received.stream().distinct().count(),
				received.size(), Duration.between(started, Instant.now()).toSeconds());
		assertThat(pending()).as("mails left in the outbox").isZero();
		assertThat(received).as("Message-IDs received").hasSize(MAILS).doesNotHaveDuplicates();
		assertThat(jdbc.sql("select count(*) from notification where status = 'SENT'").query(Long.class).single())
			.isEqualTo(MAILS);
	}

	long pending() {
		return jdbc.sql("select count(*) from notification where status = 'PENDING'").query(Long.class).single();
	}

	/**
	 * Just enough SMTP for JavaMail, one virtual thread per connection; it takes {@link #SLOW} to accept a mail whose
	 * subject says [slow], and records the Message-ID of every mail it accepts.
	 */
	static final class SlowSmtpServer implements AutoCloseable {

		final ConcurrentLinkedQueue<String> messageIds = new ConcurrentLinkedQueue<>();

		private final ServerSocket socket;

		private SlowSmtpServer(ServerSocket socket) {
			this.socket = socket;
		}

		static SlowSmtpServer start() {
			try {
				var server = new SlowSmtpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
				Thread.ofVirtual().start(server::accept);
				return server;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		int port() {
			return socket.getLocalPort();
		}

		private void accept() {
			while (!socket.isClosed()) {
				try {
					var connection = socket.accept();
					Thread.ofVirtual().start(() -> converse(connection));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void converse(Socket connection) {
			try (connection;
					var in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
					var out = connection.getOutputStream()) {
				reply(out, "220 slow.example ESMTP");
				for (var line = in.readLine(); line != null; line = in.readLine()) {
					var command = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
							: line.substring(0, 4).toUpperCase(Locale.ROOT);
					switch (command) {
						case "EHLO", "HELO" -> reply(out, "250 slow.example");
						case "DATA" -> {
							reply(out, "354 End data with <CR><LF>.<CR><LF>");
							String messageId = null;
							boolean slow = false;
							for (var data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
								if (data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
									messageId = data.substring(11).strip();
								}
								if (data.regionMatches(true, 0, "Subject:", 0, 8) && data.contains("[slow]")) {
									slow = true;
								}
							}
							if (slow) {
								Thread.sleep(SLOW);
							}
							messageIds.add(String.valueOf(messageId));
							reply(out, "250 OK: queued");
						}
						case "QUIT" -> {
							reply(out, "221 Bye");
							return;
						}
						default -> reply(out, "250 OK");
					}
				}
			}
			catch (IOException | InterruptedException ex) {
				// The client went away; nothing was accepted from it.
			}
		}

		private static void reply(OutputStream out, String line) throws IOException {
			out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}

	}

}
