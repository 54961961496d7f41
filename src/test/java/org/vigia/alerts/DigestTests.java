package org.vigia.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigia.alerts.AlertFixtures.html;
import static org.vigia.alerts.AlertFixtures.inboxes;
import static org.vigia.alerts.AlertFixtures.text;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.vigia.IntegrationTest;
import org.vigia.MutableClock;
import org.vigia.health.Findings;
import org.vigia.health.HealthSweep;
import org.vigia.platform.Message;

/**
 * The daily digest and its reminders, and the weekly report, end to end against GreenMail with a clock moved by hand.
 * The crons are set never to fire: the tests call the composers.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"vigia.alerts.recipients=central@gobierno.example", "vigia.alerts.from=vigia@gobierno.example",
		"vigia.alerts.base-url=https://vigia.gobierno.example/", "vigia.alerts.digest-cron=0 0 8 1 1 ? 2099",
		"vigia.alerts.report-cron=0 0 8 1 1 ? 2099", "vigia.alerts.remind-after=P7D" })
class DigestTests {

	static final String HOSTILE = "<img src=x onerror=alert(1)>";

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	/** A Monday, 08:00 in Madrid. */
	static final Instant T0 = Instant.parse("2026-06-01T06:00:00Z");

	static final MutableClock CLOCK = new MutableClock(T0);

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@Autowired
	DigestComposer digests;

	@Autowired
	ReportComposer reports;

	@Autowired
	AlertComposer alerts;

	@Autowired
	AlertSender sender;

	@Autowired
	HealthSweep sweep;

	@Autowired
	Findings findings;

	@Autowired
	JdbcClient jdbc;

	AlertFixtures registry;

	long prensa;

	@BeforeEach
	void registry() {
		CLOCK.set(T0);
		registry = new AlertFixtures(jdbc, CLOCK);
		registry.reset();
		prensa = registry.unit("Prensa", "{prensa@villaverde.example,jefa.prensa@villaverde.example}");
	}

	Instant daysAgo(long days) {
		return CLOCK.instant().minus(Duration.ofDays(days));
	}

	/** The digest job: compose, then send. Answers how many digests were written. */
	int digest() {
		int written = digests.compose();
		sender.send();
		return written;
	}

	@Test
	void theDigestListsNewFindingsGravestFirstThenWhatResolvedSinceTheLastOne() throws Exception {
		long cultura = registry.account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		long bluesky = registry.account("BLUESKY", "villaverde.example", prensa, null);
		long telegram = registry.account("TELEGRAM", "villaverde_cultura", prensa, null);
		registry.checked(cultura, "OK", daysAgo(40), 0);
		registry.checked(bluesky, "ERROR", daysAgo(2), 4);
		registry.checked(telegram, "OK", daysAgo(50), 0);
		sweep.sweep();

		assertThat(digest()).isEqualTo(2);
		var inboxes = inboxes(smtp.getReceivedMessages());
		assertThat(inboxes.keySet()).containsExactly("jefa.prensa@villaverde.example", "prensa@villaverde.example");
		var first = inboxes.get("prensa@villaverde.example").getFirst();
		assertThat(first.getSubject()).isEqualTo("[Vigía] Daily digest: 3 new, 0 resolved");
		assertThat(text(first)).startsWith("Vigía's daily digest for June 1, 2026: what changed")
			.contains("New findings (3):")
			.doesNotContain("Resolved since the last digest")
			.containsSubsequence("Unreachable (Medium): villaverde.example on Bluesky",
					"Dormant (Low): cultura@social.villaverde.example on Mastodon",
					"  No public post for 40 days", "  What to do: Post something",
					"  Open in Vigía: https://vigia.gobierno.example/findings/",
					"Dormant (Low): villaverde_cultura on Telegram");
		assertThat(html(first)).contains("New findings (3):").contains("villaverde_cultura on Telegram");
		assertThat(jdbc.sql("select kind from notification").query(String.class).list()).containsOnly("DIGEST");

		// The next day: Mastodon posted again, a new account is silent, another opened and resolved in between, and
		// Bluesky could be checked once, then not again.
		CLOCK.advance(Duration.ofDays(1));
		registry.checked(cultura, "OK", daysAgo(0).minusSeconds(3600), 0);
		registry.checked(bluesky, "OK", daysAgo(1), 0);
		sweep.sweep();
		CLOCK.advance(Duration.ofMinutes(30));
		registry.checked(bluesky, "ERROR", daysAgo(1), 4);
		long youtube = registry.account("YOUTUBE", "UCvillaverde", prensa, null);
		registry.checked(youtube, "OK", daysAgo(35), 0);
		long feed = registry.account("FEED", "https://villaverde.example/feed", prensa, null);
		registry.checked(feed, "OK", daysAgo(31), 0);
		sweep.sweep();
		CLOCK.advance(Duration.ofHours(2));
		registry.checked(feed, "OK", daysAgo(0), 0);
		sweep.sweep();

		assertThat(digest()).isEqualTo(2);
		var second = inboxes(smtp.getReceivedMessages()).get("prensa@villaverde.example").getLast();
		assertThat(second.getSubject()).isEqualTo("[Vigía] Daily digest: 2 new, 1 resolved");
		// Bluesky resolved and reopened since the last digest: it stands, so it is listed once, as new.
		assertThat(text(second).split("villaverde.example on Bluesky", -1)).hasSize(2);
		assertThat(text(second)).containsSubsequence("New findings (2):",
				"Unreachable (Medium): villaverde.example on Bluesky", "Dormant (Low): UCvillaverde on YouTube",
				"Resolved since the last digest (1):",
				"Dormant: cultura@social.villaverde.example on Mastodon is active again")
			.doesNotContain("villaverde.example/feed")
			.doesNotContain("villaverde_cultura on Telegram");
		assertThat(jdbc.sql("select distinct dropped from alert_item where dropped is not null")
			.query(String.class)
			.list()).containsExactly(Message.of("dropped.digest.RESOLVED").encode());

		// Nothing pending, nothing due: no digest.
		CLOCK.advance(Duration.ofDays(1));
		assertThat(digest()).isZero();
		assertThat(smtp.getReceivedMessages()).hasSize(4);
	}

	@Test
	void remindersComeAfterTheRemindPeriodOncePerPeriodAndOnlyForUnansweredFindings() throws Exception {
		long cultura = registry.account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		long acknowledged = registry.account("BLUESKY", "villaverde.example", prensa, null);
		long dismissed = registry.account("TELEGRAM", "villaverde_cultura", prensa, null);
		registry.checked(cultura, "OK", daysAgo(40), 0);
		registry.checked(acknowledged, "OK", daysAgo(40), 0);
		registry.checked(dismissed, "OK", daysAgo(40), 0);
		sweep.sweep();
		assertThat(digest()).isEqualTo(2);
		findings.acknowledge(registry.finding("DORMANT", acknowledged), "editor");
		findings.dismiss(registry.finding("DORMANT", dismissed), "editor", "Seasonal", null);

		for (int day = 1; day < 7; day++) {
			CLOCK.set(T0.plus(Duration.ofDays(day)));
			assertThat(digest()).as("day %d", day).isZero();
		}
		CLOCK.set(T0.plus(Duration.ofDays(7)));
		assertThat(digest()).isEqualTo(2);
		var reminder = inboxes(smtp.getReceivedMessages()).get("prensa@villaverde.example").getLast();
		assertThat(reminder.getSubject()).isEqualTo("[Vigía] Daily digest: 0 new, 0 resolved, 1 reminder");
		assertThat(text(reminder))
			.containsSubsequence("Nothing new today.",
					"Still open after 7 days or more, and nobody acknowledged them (1):",
					"Dormant (Low): cultura@social.villaverde.example on Mastodon, open for 7 days")
			.doesNotContain("villaverde.example on Bluesky")
			.doesNotContain("villaverde_cultura on Telegram");
		assertThat(jdbc.sql("select recipient from alert_reminder order by recipient").query(String.class).list())
			.containsExactly("jefa.prensa@villaverde.example", "prensa@villaverde.example");

		for (int day = 8; day < 14; day++) {
			CLOCK.set(T0.plus(Duration.ofDays(day)));
			assertThat(digest()).as("day %d", day).isZero();
		}
		CLOCK.set(T0.plus(Duration.ofDays(14)));
		assertThat(digest()).isEqualTo(2);
		assertThat(text(inboxes(smtp.getReceivedMessages()).get("prensa@villaverde.example").getLast()))
			.contains("Dormant (Low): cultura@social.villaverde.example on Mastodon, open for 14 days");
		assertThat(smtp.getReceivedMessages()).hasSize(6);
	}

	@Test
	void aHighFindingsReminderAlsoGoesToTheCentralOffice() throws Exception {
		long gone = registry.account("MASTODON", "cultura@social.villaverde.example", prensa, "cultura@villaverde.example");
		registry.checked(gone, "NOT_FOUND", daysAgo(3), 0);
		sweep.sweep();
		CLOCK.advance(Duration.ofMinutes(3));
		assertThat(alerts.compose()).isEqualTo(2);
		assertThat(digest()).isZero();
		CLOCK.set(T0.plus(Duration.ofDays(8)));
		assertThat(digest()).isEqualTo(2);
		var inboxes = inboxes(smtp.getReceivedMessages());
		assertThat(inboxes.keySet()).containsExactly("central@gobierno.example", "cultura@villaverde.example");
		assertThat(inboxes.get("central@gobierno.example").getLast().getSubject())
			.isEqualTo("[Vigía] Daily digest: 0 new, 0 resolved, 1 reminder");
		assertThat(text(inboxes.get("cultura@villaverde.example").getLast()))
			.contains("Gone (High): cultura@social.villaverde.example on Mastodon, open for 8 days");
	}

	@Test
	void aUnitsFindingAboutItsAccountsOnOneNetworkGoesToTheUnitsContactsAndSoDoItsReminders() throws Exception {
		long cultura = registry.account("MASTODON", "cultura@social.villaverde.example", prensa, "cultura@villaverde.example");
		long deportes = registry.account("MASTODON", "deportes@social.villaverde.example", prensa,
				"deportes@villaverde.example");
		registry.checked(cultura, "OK", daysAgo(1), 0);
		registry.checked(deportes, "OK", daysAgo(1), 0);
		sweep.sweep();

		assertThat(digest()).isEqualTo(2);
		var inboxes = inboxes(smtp.getReceivedMessages());
		assertThat(inboxes.keySet()).as("the unit's contacts, not the accounts' own, nor the central office (LOW)")
			.containsExactly("jefa.prensa@villaverde.example", "prensa@villaverde.example");
		assertThat(text(inboxes.get("prensa@villaverde.example").getLast())).containsSubsequence("New findings (1):",
				"Duplicate (Low): Unit Prensa on Mastodon",
				"  Unit Prensa runs 2 accounts on Mastodon: cultura@social.villaverde.example (#" + cultura
						+ "), deportes@social.villaverde.example (#" + deportes + ")");

		CLOCK.set(T0.plus(Duration.ofDays(7)));
		assertThat(digest()).isEqualTo(2);
		assertThat(inboxes(smtp.getReceivedMessages()).keySet())
			.containsExactly("jefa.prensa@villaverde.example", "prensa@villaverde.example");
		assertThat(text(inboxes(smtp.getReceivedMessages()).get("prensa@villaverde.example").getLast()))
			.contains("Duplicate (Low): Unit Prensa on Mastodon, open for 7 days");
	}

	@Test
	void aPlatformOutageHoldsBackTheAccountsOwnUnreachableFindings() throws Exception {
		long cultura = registry.account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		// One account per unit: two on one network in one unit would be a DUPLICATE finding.
		long[] others = {
				registry.account("MASTODON", "joven@social.villaverde.example",
						registry.unit("Juventud", "{juventud@villaverde.example}"), null),
				registry.account("MASTODON", "deporte@social.villaverde.example",
						registry.unit("Deportes", "{deportes@villaverde.example}"), null),
				registry.account("MASTODON", "museo@social.villaverde.example",
						registry.unit("Museo", "{museo@villaverde.example}"), null) };
		registry.checked(cultura, "ERROR", daysAgo(2), 4);
		for (long other : others) {
			registry.checked(other, "OK", daysAgo(2), 0);
		}
		sweep.sweep();
		assertThat(jdbc.sql("select subject_key from finding where type = 'UNREACHABLE'").query(String.class).list())
			.containsExactly("account:" + cultura);
		CLOCK.advance(Duration.ofHours(1));
		for (long other : others) {
			registry.checked(other, "ERROR", daysAgo(2), 4);
		}
		sweep.sweep();
		assertThat(jdbc.sql("select subject_key from finding where type = 'UNREACHABLE' and status = 'OPEN' order by id")
			.query(String.class)
			.list()).containsExactly("account:" + cultura, "platform:mastodon");

		assertThat(digest()).isEqualTo(1);
		var inboxes = inboxes(smtp.getReceivedMessages());
		assertThat(inboxes.keySet()).containsExactly("central@gobierno.example");
		var central = inboxes.get("central@gobierno.example").getFirst();
		assertThat(central.getSubject()).isEqualTo("[Vigía] Daily digest: 1 new, 0 resolved");
		assertThat(text(central)).contains("Unreachable (Medium): Mastodon")
			.contains("4 of 4 Mastodon accounts could not be checked")
			.doesNotContain("cultura@social.villaverde.example");
		assertThat(jdbc.sql("select distinct recipient || ': ' || dropped from alert_item where dropped is not null")
			.query(String.class)
			.list()).containsExactlyInAnyOrder(
					"prensa@villaverde.example: " + Message.of("dropped.inhibited.platform").encode(),
					"jefa.prensa@villaverde.example: " + Message.of("dropped.inhibited.platform").encode());

		// Nor is it a reminder while the outage lasts.
		CLOCK.advance(Duration.ofDays(8));
		digest();
		assertThat(inboxes(smtp.getReceivedMessages()).keySet()).containsExactly("central@gobierno.example");
		assertThat(text(inboxes(smtp.getReceivedMessages()).get("central@gobierno.example").getLast()))
			.contains("Unreachable (Medium): Mastodon, open for 8 days")
			.doesNotContain("cultura@social.villaverde.example");
	}

	@Test
	void theWeeklyReportCountsAccountsByHealthNamesTheWorstAndShowsTheTrend() throws Exception {
		long cultura = registry.account("MASTODON", "cultura@social.villaverde.example", prensa, null, "Cultura");
		long gone = registry.account("BLUESKY", "villaverde.example", prensa, null, "Ayuntamiento");
		long active = registry.account("TELEGRAM", "villaverde_cultura", prensa, null);
		long hostile = registry.account("MASTODON", "web@social.villaverde.example", prensa, "web@villaverde.example",
				HOSTILE);
		long juventud = registry.account("MASTODON", "joven@social.villaverde.example",
				registry.unit("Juventud", "{juventud@villaverde.example}"), null);
		registry.checked(cultura, "OK", daysAgo(142), 0);
		registry.checked(gone, "NOT_FOUND", daysAgo(3), 0);
		registry.checked(active, "OK", daysAgo(2), 0);
		registry.checked(hostile, "OK", daysAgo(60), 0);
		registry.checked(juventud, "OK", daysAgo(40), 0);
		sweep.sweep();

		assertThat(reports.compose()).isEqualTo(5);
		sender.send();
		var inboxes = inboxes(smtp.getReceivedMessages());
		assertThat(inboxes.keySet()).containsExactly("central@gobierno.example", "jefa.prensa@villaverde.example",
				"juventud@villaverde.example", "prensa@villaverde.example", "web@villaverde.example");
		var week1 = inboxes.get("prensa@villaverde.example").getFirst();
		assertThat(week1.getSubject()).isEqualTo("[Vigía] Weekly report: 4 accounts, 3 need attention");
		assertThat(text(week1)).startsWith("Vigía's weekly report for the week of June 1, 2026: the health of the 4 "
				+ "official accounts you are responsible for.")
			.containsSubsequence("Accounts by health:", "  Gone: 1", "  Moved: 0", "  Abandoned: 1", "  Dormant: 1",
					"  Active: 1", "  Not checked yet: 0", "  Total: 4", "Longest silent or gone:",
					"  1. villaverde.example on Bluesky (\"Ayuntamiento\"): Gone, no public post for 3 days",
					"  2. cultura@social.villaverde.example on Mastodon (\"Cultura\"): Abandoned, no public post for 142 days",
					"  3. web@social.villaverde.example on Mastodon (\"" + HOSTILE + "\"): Dormant, no public post for 60 days")
			.doesNotContain("(+");
		assertThat(html(week1)).doesNotContain("<img src=x").contains("(&lt;img src=x onerror=alert(1)&gt;)");
		assertThat(inboxes.get("central@gobierno.example").getFirst().getSubject())
			.isEqualTo("[Vigía] Weekly report: 5 accounts, 4 need attention");
		assertThat(inboxes.get("web@villaverde.example").getFirst().getSubject())
			.isEqualTo("[Vigía] Weekly report: 1 account, 1 need attention");

		// A week later: Mastodon's culture account posts again, and a new account is registered, not yet checked.
		CLOCK.advance(Duration.ofDays(7));
		registry.checked(cultura, "OK", daysAgo(1), 0);
		registry.account("YOUTUBE", "UCvillaverde", prensa, null);
		sweep.sweep();
		assertThat(reports.compose()).isEqualTo(5);
		sender.send();
		var week2 = inboxes(smtp.getReceivedMessages()).get("prensa@villaverde.example").getLast();
		assertThat(week2.getSubject()).isEqualTo("[Vigía] Weekly report: 5 accounts, 2 need attention");
		assertThat(text(week2)).contains("the week of June 8, 2026")
			.containsSubsequence("Accounts by health, and the change since last week's report:", "  Gone: 1 (±0)",
					"  Abandoned: 0 (−1)", "  Dormant: 1 (±0)", "  Active: 2 (+1)", "  Not checked yet: 1 (+1)",
					"  Total: 5 (+1)")
			.doesNotContain("cultura@social.villaverde.example on Mastodon");
		assertThat(html(week2)).contains("−1").contains("+1");
		assertThat(jdbc.sql("select count(distinct week) from report_count where recipient = 'prensa@villaverde.example'")
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void duringAQuietPeriodTheOrganizationsDigestLinesAndRemindersWait() throws Exception {
		jdbc.sql("""
				insert into quiet_period (organization_id, starts_at, ends_at, reason)
				values (:org, :from::timestamptz, :until::timestamptz, 'Elecciones')
				""").param("org", registry.organization).param("from", T0.minus(Duration.ofDays(1)).toString())
			.param("until", T0.plus(Duration.ofDays(9)).toString())
			.update();
		long cultura = registry.account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		registry.checked(cultura, "OK", daysAgo(40), 0);
		sweep.sweep();
		assertThat(digest()).isZero();
		// Eight days on the finding is due a reminder too; still quiet.
		CLOCK.advance(Duration.ofDays(8));
		assertThat(digest()).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
		// The period over, the digest lists the finding once, as new, and no reminder on top.
		CLOCK.advance(Duration.ofDays(2));
		assertThat(digest()).isEqualTo(2);
		var first = smtp.getReceivedMessages()[0];
		assertThat(first.getSubject()).isEqualTo("[Vigía] Daily digest: 1 new, 0 resolved");
	}

	@Test
	void platformTextWithLineBreaksStaysOnOneLineInAlertsDigestsAndReportsAndAddsNoHeader() throws Exception {
		var multiline = "Cultura\r\nBcc: everyone@example.org\u2028X-Mailer: evil\nfactura\u202Efdp.exe";
		var flattened = "Cultura Bcc: everyone@example.org X-Mailer: evil factura<U+202E>fdp.exe";
		long abandoned = registry.account("MASTODON", "cultura@social.villaverde.example", prensa, null, multiline);
		long dormant = registry.account("MASTODON", "web" + multiline, prensa, null, multiline);
		registry.checked(abandoned, "OK", daysAgo(142), 0);
		registry.checked(dormant, "OK", daysAgo(40), 0);
		sweep.sweep();
		assertThat(jdbc.sql("select subject from finding where account_id = :id and type = 'DORMANT'").param("id", dormant)
			.query(String.class).single()).isEqualTo(org.vigia.platform.Message.of("subject.account", "web" + flattened, "Mastodon").encode());
		// A finding stored before summaries were kept to one line.
		jdbc.sql("update finding set summary = :legacy where account_id = :id")
			.param("legacy", "No public post for 142 days; the limit for accounts is 90\r\nBcc: legacy@example.org")
			.param("id", abandoned)
			.update();

		CLOCK.advance(Duration.ofMinutes(3));
		assertThat(alerts.compose()).isEqualTo(3);
		assertThat(digests.compose()).isEqualTo(2);
		assertThat(reports.compose()).isEqualTo(3);
		sender.send();

		var received = smtp.getReceivedMessages();
		assertThat(received).hasSize(8);
		for (var mail : received) {
			assertThat(mail.getHeader("Bcc")).isNull();
			assertThat(java.util.Collections.list(mail.getAllHeaderLines()))
				.noneMatch(header -> header.startsWith("Bcc") || header.startsWith("X-Mailer: evil"));
			assertThat(mail.getAllRecipients()).extracting(Object::toString)
				.doesNotContain("everyone@example.org", "legacy@example.org");
			assertThat(mail.getSubject()).doesNotContain("\r", "\n", "\u2028", "\u202E");
			assertThat(text(mail).lines())
				.noneMatch(line -> line.startsWith("Bcc:") || line.startsWith("X-Mailer:") || line.startsWith("factura"));
			assertThat(text(mail)).doesNotContain("\u2028", "\u202E");
			assertThat(html(mail)).doesNotContain("\u2028", "\u202E").doesNotContain("\nBcc:");
		}
		var prensaMails = inboxes(received).get("prensa@villaverde.example");
		var alert = prensaMails.stream().filter(mail -> subject(mail).startsWith("[Vigía] Abandoned")).findFirst().get();
		assertThat(alert.getSubject())
			.isEqualTo("[Vigía] Abandoned: cultura@social.villaverde.example on Mastodon, no public post for 142 days");
		assertThat(text(alert)).contains("  No public post for 142 days; the limit for accounts is 90 Bcc: legacy@example.org");
		var digest = prensaMails.stream().filter(mail -> subject(mail).startsWith("[Vigía] Daily digest")).findFirst().get();
		assertThat(text(digest)).contains("Dormant (Low): web" + flattened + " on Mastodon");
		assertThat(html(digest)).contains("web" + flattened.replace("<", "&lt;").replace(">", "&gt;") + " on Mastodon");
		var report = prensaMails.stream().filter(mail -> subject(mail).startsWith("[Vigía] Weekly report")).findFirst().get();
		assertThat(text(report)).contains("cultura@social.villaverde.example on Mastodon (\"" + flattened + "\"): Abandoned");
	}

	static String subject(jakarta.mail.internet.MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void platformTextIsEscapedInTheDigest() throws Exception {
		long hostile = registry.account("MASTODON", HOSTILE, prensa, null);
		registry.checked(hostile, "OK", daysAgo(40), 0);
		sweep.sweep();
		assertThat(digest()).isEqualTo(2);
		var mail = inboxes(smtp.getReceivedMessages()).get("prensa@villaverde.example").getFirst();
		assertThat(html(mail)).doesNotContain("<img src=x")
			.contains("&lt;img src=x onerror=alert(1)&gt; on Mastodon");
		assertThat(text(mail)).contains("Dormant (Low): " + HOSTILE + " on Mastodon");
	}

}
