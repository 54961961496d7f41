package org.vigia.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;
import org.vigia.MutableClock;
import org.vigia.health.HealthSweep;
import org.vigia.platform.Message;

/**
 * Alert mails end to end against GreenMail: routing to each kind of recipient, grouping, resolution notices, dropping
 * and inhibition, SMTP down then up, two senders at once, and a crash between sending and marking as sent.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"vigia.alerts.recipients=central@gobierno.example", "vigia.alerts.from=vigia@gobierno.example",
		"vigia.alerts.base-url=https://vigia.gobierno.example/", "vigia.alerts.group-window=PT2M",
		"vigia.alerts.retry-base-delay=PT1M" })
class AlertDeliveryTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

	static final MutableClock CLOCK = new MutableClock(T0);

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@MockitoSpyBean
	AlertSender sender;

	@Autowired
	AlertComposer composer;

	@Autowired
	HealthSweep sweep;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	long organization;

	long prensa;

	AlertFixtures fixtures;

	@BeforeEach
	void registry() {
		CLOCK.set(T0);
		fixtures = new AlertFixtures(jdbc, CLOCK);
		fixtures.reset();
		organization = fixtures.organization;
		prensa = unit("Prensa", "{prensa@villaverde.example,jefa.prensa@villaverde.example}");
	}

	long unit(String name, String contacts) {
		return fixtures.unit(name, contacts);
	}

	long account(String platform, String handle, Long unit, String contact) {
		return fixtures.account(platform, handle, unit, contact);
	}

	void checked(long account, String outcome, Instant lastActivity, int failures) {
		fixtures.checked(account, outcome, lastActivity, failures);
	}

	/** Time passes beyond the grouping window, and the delivery job runs. */
	void deliver() {
		CLOCK.advance(Duration.ofMinutes(3));
		composer.compose();
		sender.send();
	}

	Map<String, List<MimeMessage>> inboxes() throws Exception {
		return AlertFixtures.inboxes(smtp.getReceivedMessages());
	}

	static String text(MimeMessage message) {
		try {
			return AlertFixtures.text(message);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}


	@Test
	void highFindingsGoToTheirOwnersAndTheCentralOfficeGroupedPerRecipient() throws Exception {
		long unitAccount = account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		long ownContact = account("BLUESKY", "deportes.villaverde.example", prensa, "Deportes@Villaverde.example");
		long noContacts = account("TELEGRAM", "villaverde_joven", unit("Juventud", "{}"), null);
		checked(unitAccount, "OK", T0.minus(Duration.ofDays(142)), 0);
		checked(ownContact, "NOT_FOUND", T0.minus(Duration.ofDays(3)), 0);
		checked(noContacts, "OK", T0.minus(Duration.ofDays(200)), 0);
		sweep.sweep();
		deliver();

		var inboxes = inboxes();
		assertThat(inboxes.keySet()).containsExactly("central@gobierno.example", "deportes@villaverde.example",
				"jefa.prensa@villaverde.example", "prensa@villaverde.example");
		// One mail per recipient, however many findings: the office gets all three HIGH findings in one.
		assertThat(inboxes.values()).allSatisfy(mails -> assertThat(mails).hasSize(1));
		var central = inboxes.get("central@gobierno.example").getFirst();
		assertThat(central.getSubject()).isEqualTo("[Vigía] 3 alerts: 2 Abandoned, 1 Gone");
		assertThat(text(central)).contains("cultura@social.villaverde.example on Mastodon")
			.contains("deportes.villaverde.example on Bluesky")
			.contains("villaverde_joven on Telegram");
		var prensaMail = inboxes.get("prensa@villaverde.example").getFirst();
		assertThat(prensaMail.getSubject()).isEqualTo(
				"[Vigía] Abandoned: cultura@social.villaverde.example on Mastodon, no public post for 142 days");
		assertThat(text(prensaMail)).contains("No public post for 142 days; the limit for accounts is 90")
			.contains("Post again, or close the account properly")
			.contains("https://vigia.gobierno.example/findings/");
		assertThat(inboxes.get("deportes@villaverde.example").getFirst().getSubject())
			.startsWith("[Vigía] Gone: deportes.villaverde.example on Bluesky, bluesky says the account does not exist");
		assertThat(central.getHeader("Auto-Submitted")).containsExactly("auto-generated");
		assertThat(central.getHeader("List-Id")).containsExactly("Vigía alerts <alerts.gobierno.example>");
		assertThat(central.getMessageID()).startsWith("<vigia.").endsWith("@gobierno.example>");
		assertThat(central.getFrom()[0].toString()).isEqualTo("vigia@gobierno.example");
		assertThat(central.getContentType()).startsWith("multipart/mixed");

		// Delivered once: another run of the job sends nothing more.
		deliver();
		assertThat(smtp.getReceivedMessages()).hasSize(4);
		assertThat(jdbc.sql("select count(*) from notification where status = 'SENT'").query(Long.class).single())
			.isEqualTo(4);
	}

	@Test
	void lowFindingsWaitForTheDigestAndUnownedOnesGoToTheCentralOffice() throws Exception {
		long noUnit = account("MASTODON", "museo@social.villaverde.example", null, null);
		checked(noUnit, "OK", T0.minus(Duration.ofDays(2)), 0);
		sweep.sweep();
		deliver();
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(jdbc.sql("select recipient || ' ' || kind from alert_item").query(String.class).list())
			.containsExactly("central@gobierno.example DIGEST");
	}

	@Test
	void aResolutionIsAnnouncedToWhoeverWasMailed() throws Exception {
		long id = account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		checked(id, "OK", T0.minus(Duration.ofDays(142)), 0);
		sweep.sweep();
		deliver();
		assertThat(smtp.getReceivedMessages()).hasSize(3);

		checked(id, "OK", CLOCK.instant().minus(Duration.ofHours(1)), 0);
		sweep.sweep();
		deliver();
		var bySubject = Arrays.stream(smtp.getReceivedMessages()).collect(Collectors.groupingBy(m -> {
			try {
				return m.getSubject();
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}, Collectors.counting()));
		assertThat(bySubject).containsOnly(
				Map.entry("[Vigía] Abandoned: cultura@social.villaverde.example on Mastodon, no public post for 142 days", 3L),
				Map.entry("[Vigía] Resolved: cultura@social.villaverde.example on Mastodon is active again", 3L));
		assertThat(Arrays.stream(smtp.getReceivedMessages()).map(AlertDeliveryTests::text))
			.filteredOn(body -> body.contains("These findings you were told about are resolved"))
			.hasSize(3);
	}

	@Test
	void aFindingResolvedWithinTheWindowIsNeitherMailedNorAnnounced() throws Exception {
		long id = account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		checked(id, "OK", T0.minus(Duration.ofDays(142)), 0);
		sweep.sweep();
		CLOCK.advance(Duration.ofMinutes(1));
		checked(id, "OK", CLOCK.instant().minus(Duration.ofMinutes(5)), 0);
		sweep.sweep();
		deliver();
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(jdbc.sql("select distinct dropped from alert_item").query(String.class).list())
			.containsExactly(Message.of("dropped.mailed.RESOLVED").encode());
	}

	@Test
	void anUnreachableAccountsSilenceAlertIsInhibited() throws Exception {
		long id = account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		checked(id, "OK", T0.minus(Duration.ofDays(142)), 0);
		sweep.sweep();
		checked(id, "ERROR", T0.minus(Duration.ofDays(142)), 4);
		sweep.sweep();
		deliver();
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(jdbc.sql("select distinct dropped from alert_item where kind = 'ALERT'").query(String.class).list())
			.containsExactly(Message.of("dropped.inhibited.account").encode());
	}

	@Test
	void whenSmtpIsDownMailsWaitAndGoOutOnceWhenItIsBack() throws Exception {
		long id = account("MASTODON", "cultura@social.villaverde.example", null, "cultura@villaverde.example");
		checked(id, "NOT_FOUND", T0.minus(Duration.ofDays(3)), 0);
		sweep.sweep();
		smtp.stop();
		try {
			deliver();
			var failed = jdbc.sql("select status, attempts, last_error from notification").query().listOfRows();
			assertThat(failed).hasSize(2).allSatisfy(row -> {
				assertThat(row.get("status")).isEqualTo("PENDING");
				assertThat(row.get("attempts")).isEqualTo(1);
				assertThat((String) row.get("last_error")).isNotBlank();
			});
			// Not before the retry is due.
			CLOCK.advance(Duration.ofSeconds(30));
			assertThat(sender.send()).isZero();
			CLOCK.advance(Duration.ofMinutes(1));
			assertThat(sender.send()).isZero();
			assertThat(jdbc.sql("select max(attempts) from notification").query(Integer.class).single()).isEqualTo(2);
		}
		finally {
			smtp.start();
		}
		CLOCK.advance(Duration.ofMinutes(5));
		assertThat(sender.send()).isEqualTo(2);
		CLOCK.advance(Duration.ofHours(1));
		assertThat(sender.send()).isZero();
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		assertThat(jdbc.sql("select count(*) from notification where status = 'SENT' and last_error is null")
			.query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void twoSendersAtOnceSendEachMailOnce() throws Exception {
		for (int i = 0; i < 40; i++) {
			long id = account("MASTODON", "cuenta" + i + "@social.villaverde.example", null,
					"equipo" + i + "@villaverde.example");
			checked(id, "NOT_FOUND", T0.minus(Duration.ofDays(3)), 0);
		}
		sweep.sweep();
		CLOCK.advance(Duration.ofMinutes(3));
		composer.compose();
		assertThat(jdbc.sql("select count(*) from notification").query(Long.class).single()).isEqualTo(41);
		try (var executor = Executors.newFixedThreadPool(2)) {
			var barrier = new CyclicBarrier(2);
			var results = new ArrayList<Future<Integer>>();
			for (int t = 0; t < 2; t++) {
				results.add(executor.submit(() -> {
					barrier.await();
					return sender.send();
				}));
			}
			int sent = 0;
			for (var result : results) {
				sent += result.get();
			}
			assertThat(sent).isEqualTo(41);
		}
		var messageIds = Arrays.stream(smtp.getReceivedMessages()).map(AlertDeliveryTests::messageId).toList();
		// 40 mails to one owner each, and one to the central office listing all 40.
		assertThat(messageIds).hasSize(41).doesNotHaveDuplicates();
	}

	@Test
	void aCrashBetweenSendingAndMarkingSendsTheMailOnceMoreWithTheSameMessageId() throws Exception {
		long id = account("MASTODON", "cultura@social.villaverde.example", null, "cultura@villaverde.example");
		checked(id, "NOT_FOUND", T0.minus(Duration.ofDays(3)), 0);
		sweep.sweep();
		CLOCK.advance(Duration.ofMinutes(3));
		composer.compose();
		org.mockito.BDDMockito.willThrow(new IllegalStateException("the instance died"))
			.willCallRealMethod()
			.given(sender)
			.sent(org.mockito.ArgumentMatchers.any());
		try {
			sender.send();
		}
		catch (IllegalStateException expected) {
			// the first mail went out, then the instance "died" before marking it
		}
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		// Within the lease nobody sends the claimed mail again (the other one, never claimed, goes out); after it,
		// another instance does.
		CLOCK.advance(Duration.ofMinutes(1));
		sender.send();
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		CLOCK.advance(Duration.ofMinutes(10));
		sender.send();
		assertThat(smtp.getReceivedMessages()).hasSize(3);
		var received = Arrays.stream(smtp.getReceivedMessages()).map(AlertDeliveryTests::messageId)
			.collect(Collectors.groupingBy(m -> m, Collectors.counting()));
		assertThat(received.values()).containsExactlyInAnyOrder(2L, 1L);
		assertThat(jdbc.sql("select count(*) from notification where status = 'SENT'").query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void theOutboxIsListedThroughTheApi() throws Exception {
		long id = account("MASTODON", "cultura@social.villaverde.example", null, "cultura@villaverde.example");
		checked(id, "NOT_FOUND", T0.minus(Duration.ofDays(3)), 0);
		sweep.sweep();
		deliver();
		mvc.perform(get("/api/notifications?status=sent").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(2))
			.andExpect(jsonPath("$.content[0].status").value("SENT"))
			.andExpect(jsonPath("$.content[0].kind").value("ALERT"))
			.andExpect(jsonPath("$.content[0].recipients.length()").value(1))
			.andExpect(jsonPath("$.content[0].subject").exists())
			.andExpect(jsonPath("$.content[0].createdAt").exists())
			.andExpect(jsonPath("$.content[0].sentAt").exists());
		mvc.perform(get("/api/notifications?status=LOST").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/notifications")).andExpect(status().isUnauthorized());
	}

	@Test
	void anOrganizationsOwnOfficeAndLanguageAndARecipientsOwnLanguage() throws Exception {
		mvc.perform(put("/api/organizations/" + organization + "/alerts").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"recipients\": [\"Oficina@Villaverde.example\"], \"locale\": \"es\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recipients[0]").value("oficina@villaverde.example"))
			.andExpect(jsonPath("$.locale").value("es"));
		mvc.perform(put("/api/alert-recipients/jefa.prensa@villaverde.example").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"locale\": \"en\"}")).andExpect(status().isOk());
		// Every language Vigía speaks may be a recipient's own (V29 widened the column's check).
		for (var language : List.of("ca", "gl", "eu")) {
			mvc.perform(put("/api/alert-recipients/traductora@villaverde.example").with(httpBasic("editor", "editor"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"locale\": \"" + language + "\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.locale").value(language));
		}
		long id = account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		checked(id, "OK", T0.minus(Duration.ofDays(142)), 0);
		sweep.sweep();
		deliver();

		var inboxes = inboxes();
		assertThat(inboxes.keySet()).containsExactly("jefa.prensa@villaverde.example", "oficina@villaverde.example",
				"prensa@villaverde.example");
		assertThat(text(inboxes.get("oficina@villaverde.example").getFirst())).contains("Qué hacer: Vuelva a publicar");
		assertThat(text(inboxes.get("prensa@villaverde.example").getFirst())).contains("Qué hacer");
		assertThat(text(inboxes.get("jefa.prensa@villaverde.example").getFirst())).contains("What to do: Post again");
	}

	@Test
	void duringAQuietPeriodMailsWaitUntilItEnds() throws Exception {
		mvc.perform(put("/api/organizations/" + organization + "/alerts").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"quietPeriods\": [{\"from\": \"" + T0.minus(Duration.ofHours(1)) + "\", \"until\": \""
					+ T0.plus(Duration.ofDays(2)) + "\", \"reason\": \"Elecciones municipales\"}]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.quietPeriods[0].reason").value("Elecciones municipales"));
		long id = account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		checked(id, "OK", T0.minus(Duration.ofDays(142)), 0);
		sweep.sweep();
		deliver();
		CLOCK.advance(Duration.ofDays(1));
		deliver();
		assertThat(smtp.getReceivedMessages()).isEmpty();
		CLOCK.advance(Duration.ofDays(1));
		deliver();
		assertThat(smtp.getReceivedMessages()).hasSize(3);
	}

	@Test
	void alertSettingsRefuseBadInputNamingIt() throws Exception {
		var settings = "/api/organizations/" + organization + "/alerts";
		mvc.perform(put(settings).with(httpBasic("viewer", "viewer")).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden());
		mvc.perform(put(settings).with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"recipients\": [\"oficina@villaverde.example\", \"Oficina <x@y.z>\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("recipients holds an invalid e-mail address: 'Oficina <x@y.z>'"));
		mvc.perform(put(settings).with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"locale\": \"fr\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("locale must be en, es, ca, gl or eu, was 'fr'"));
		mvc.perform(put(settings).with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"quietPeriods\": [{\"from\": \"2026-06-02T00:00:00Z\", \"until\": \"2026-06-01T00:00:00Z\"}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("quietPeriods[0] ends")));
		mvc.perform(get(settings).with(httpBasic("viewer", "viewer")))
			.andExpect(jsonPath("$.recipients.length()").value(0))
			.andExpect(jsonPath("$.quietPeriods.length()").value(0));
		mvc.perform(get("/api/organizations/999999/alerts").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNotFound());
	}

	static String messageId(MimeMessage message) {
		try {
			return message.getMessageID() + " " + Arrays.toString(message.getAllRecipients());
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
