package org.vigia.recertification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import org.hamcrest.Matchers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.ClusterNode;
import org.vigia.IntegrationTest;
import org.vigia.MutableClock;
import org.vigia.alerts.Outgoing;

/**
 * Recertification end to end against PostgreSQL and GreenMail, with a clock the tests move: a round mails each person
 * once with all their accounts, the link answers each account once and nothing else, reminders come on their days, the
 * round's close opens UNCERTIFIED, and answers open the findings they mean.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "vigia.alerts.recipients=central@gobierno.example",
		"vigia.alerts.from=vigia@gobierno.example", "vigia.alerts.base-url=https://vigia.gobierno.example/",
		"vigia.recertification.schedule-enabled=false" })
class RecertificationTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtpPort(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

	static final MutableClock CLOCK = new MutableClock(T0);

	static final Pattern LINK = Pattern.compile("https://vigia\\.gobierno\\.example(/recertify/[A-Za-z0-9_-]{43})");

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@Autowired
	Campaigns campaigns;

	@Autowired
	Answers answers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	DataSource dataSource;

	@Autowired
	Scheduler scheduler;

	long organization;

	long deportes;

	long cultura;

	long tiktok;

	@BeforeEach
	void aTownWithAUnitOfTwoContactsAndAnAccountWithItsOwnContact() throws Exception {
		CLOCK.set(T0);
		smtp.purgeEmailFromAllMailboxes();
		jdbc.sql("truncate account, unit, organization, finding, finding_transition, notification, alert_item, "
				+ "alert_reminder, alert_recipient, recertification_visit restart identity cascade").update();
		organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Villaverde', now(), now()) returning id
				""").query(Long.class).single();
		var prensa = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:org, 'Prensa', '{prensa@villaverde.example,Jefa.Prensa@villaverde.example}', now(), now())
				returning id
				""").param("org", organization).query(Long.class).single();
		deportes = account("BLUESKY", "deportes.villaverde.example", prensa, "deportes@villaverde.example");
		cultura = account("MASTODON", "cultura@social.villaverde.example", prensa, null);
		tiktok = account("TIKTOK", "villaverde", prensa, null);
	}

	long account(String platform, String handle, Long unit, @Nullable String contact) {
		return jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, contact_email, display_name,
				                     created_at, updated_at)
				values (:org, :unit, :platform, :handle, 'https://example.org/' || :handle, :contact, :handle, now(), now())
				returning id
				""").param("org", organization).param("unit", unit).param("platform", platform).param("handle", handle)
			.param("contact", contact, java.sql.Types.VARCHAR).query(Long.class).single();
	}

	Map<String, List<MimeMessage>> delivered() throws Exception {
		Outgoing.send(context);
		return received();
	}

	/** The mails the SMTP server received, by recipient. */
	static Map<String, List<MimeMessage>> received() throws Exception {
		var inboxes = new TreeMap<String, List<MimeMessage>>();
		for (var message : smtp.getReceivedMessages()) {
			for (var to : message.getAllRecipients()) {
				inboxes.computeIfAbsent(to.toString(), k -> new ArrayList<>()).add(message);
			}
		}
		return inboxes;
	}

	static String text(MimeMessage message) throws Exception {
		return part(message, "text/plain");
	}

	static String html(MimeMessage message) throws Exception {
		return part(message, "text/html");
	}

	private static @Nullable String part(Part part, String type) throws Exception {
		if (part.isMimeType(type)) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				var found = part(body, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	static String link(MimeMessage message) throws Exception {
		var matcher = LINK.matcher(text(message));
		assertThat(matcher.find()).as("a link in the mail").isTrue();
		return matcher.group(1);
	}

	String linkOf(String recipient) throws Exception {
		var inbox = delivered().get(recipient);
		return link(inbox.getLast());
	}

	org.springframework.test.web.servlet.ResultActions answer(String path, long account, String still,
			String twoFactor, String recovery, @Nullable String lastPost) throws Exception {
		var request = post(path + "/accounts/" + account).with(csrf())
			.param("stillOfficial", still)
			.param("administrators", "Jefa de prensa")
			.param("twoFactor", twoFactor)
			.param("institutionalRecovery", recovery);
		if (lastPost != null) {
			request = request.param("lastPost", lastPost);
		}
		return mvc.perform(request);
	}

	long standing(String type, long account) {
		return jdbc.sql("""
				select count(*) from finding where type = :type and account_id = :account and status in ('OPEN', 'ACKNOWLEDGED')
				""").param("type", type).param("account", account).query(Long.class).single();
	}

	@Test
	void aRoundMailsEachPersonOnceListingAllTheAccountsTheyAnswerFor() throws Exception {
		assertThat(campaigns.run()).isEqualTo(3);
		assertThat(campaigns.run()).as("the round is open: nothing more to send").isZero();

		var inboxes = delivered();
		assertThat(inboxes.keySet()).containsExactly("deportes@villaverde.example", "jefa.prensa@villaverde.example",
				"prensa@villaverde.example");
		assertThat(inboxes.values()).allSatisfy(inbox -> assertThat(inbox).hasSize(1));
		var prensa = text(inboxes.get("prensa@villaverde.example").getFirst());
		assertThat(prensa).contains("cultura@social.villaverde.example on Mastodon", "villaverde on TikTok")
			.doesNotContain("deportes.villaverde.example");
		assertThat(inboxes.get("prensa@villaverde.example").getFirst().getSubject())
			.isEqualTo("[Vigía] Villaverde: please confirm your 2 official accounts by June 15, 2026");
		assertThat(text(inboxes.get("deportes@villaverde.example").getFirst()))
			.contains("deportes.villaverde.example on Bluesky").doesNotContain("cultura@");
		assertThat(link(inboxes.get("prensa@villaverde.example").getFirst()))
			.isNotEqualTo(link(inboxes.get("jefa.prensa@villaverde.example").getFirst()));
		assertThat(jdbc.sql("select count(*) from recertification_link where token_hash like '%' || :tail")
			.param("tail", link(inboxes.get("prensa@villaverde.example").getFirst()).substring(11))
			.query(Long.class).single()).as("the token itself is not stored").isZero();
	}

	@Test
	void aPersonsLanguageWritesTheirMail() throws Exception {
		jdbc.sql("insert into alert_recipient (address, locale, updated_at) values ('deportes@villaverde.example', 'es', now())").update();
		campaigns.run();
		var mail = delivered().get("deportes@villaverde.example").getFirst();
		assertThat(mail.getSubject()).isEqualTo("[Vigía] Villaverde: confirme su cuenta oficial antes del 15 de junio de 2026");
		assertThat(text(mail)).contains("deportes.villaverde.example en Bluesky", "Responder ahora");
	}

	@Test
	void aLinkAnswersEachOfItsAccountsOnceAndShowsWhoAnswered() throws Exception {
		campaigns.run();
		var path = linkOf("prensa@villaverde.example");
		mvc.perform(get(path).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("cultura@social.villaverde.example")))
			.andExpect(content().string(Matchers.not(Matchers.containsString("deportes.villaverde.example"))));

		answer(path, cultura, "YES", "YES", "YES", null).andExpect(status().is3xxRedirection());
		answer(path, cultura, "NOT_OURS", "NO", "NO", null).andExpect(status().isConflict());
		var jefa = linkOf("jefa.prensa@villaverde.example");
		answer(jefa, cultura, "RETIRE", "YES", "YES", null).andExpect(status().isConflict());
		mvc.perform(get(jefa).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Answered by prensa@villaverde.example")));
		answer(path, deportes, "YES", "YES", "YES", null).andExpect(status().isNotFound());

		var answers = jdbc.sql("select channel, answered_by, still_official, request_id is not null from attestation")
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getBoolean(4))
			.list();
		assertThat(answers).containsExactly("LINK prensa@villaverde.example YES true");
	}

	@Test
	void aGuessedTokenAnExpiredLinkAndALinkOfAnotherRoundAreRefused() throws Exception {
		campaigns.run();
		var path = linkOf("prensa@villaverde.example");
		mvc.perform(get("/recertify/" + Tokens.fresh())).andExpect(status().isNotFound());
		answer("/recertify/" + Tokens.fresh(), cultura, "YES", "YES", "YES", null).andExpect(status().isNotFound());

		CLOCK.advance(Duration.ofDays(14 + 7).minusMinutes(1));
		mvc.perform(get(path)).andExpect(status().isOk());
		CLOCK.advance(Duration.ofMinutes(2));
		mvc.perform(get(path)).andExpect(status().isGone());
		answer(path, cultura, "YES", "YES", "YES", null).andExpect(status().isGone());

		CLOCK.set(T0.plus(Duration.ofDays(92)));
		campaigns.run();
		var next = linkOf("prensa@villaverde.example");
		mvc.perform(get(next)).andExpect(status().isOk());
		CLOCK.advance(Duration.ofDays(1));
		assertThat(jdbc.sql("update recertification_request set expires_at = expires_at + interval '200 days'").update())
			.isPositive();
		mvc.perform(get(path)).andExpect(status().isGone())
			.andExpect(content().string(Matchers.containsString("earlier review")));
		assertThat(jdbc.sql("select count(*) from attestation").query(Long.class).single()).isZero();
	}

	@Test
	void guessingLinksIsRateLimited() throws Exception {
		for (int i = 0; i < 12; i++) {
			mvc.perform(get("/recertify/" + Tokens.fresh())).andExpect(status().isNotFound());
		}
		mvc.perform(get("/recertify/" + Tokens.fresh())).andExpect(status().isTooManyRequests());
	}

	@Test
	void theAnswerFormRequiresItsCsrfToken() throws Exception {
		campaigns.run();
		var path = linkOf("prensa@villaverde.example");
		mvc.perform(post(path + "/accounts/" + cultura).param("stillOfficial", "YES")).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from attestation").query(Long.class).single()).isZero();
	}

	@Test
	void remindersComeSevenDaysBeforeTheCloseAndOnTheLastDayToThoseWhoHaveNotAnswered() throws Exception {
		campaigns.run();
		var path = linkOf("prensa@villaverde.example");
		answer(path, cultura, "YES", "YES", "YES", null).andExpect(status().is3xxRedirection());
		answer(path, tiktok, "YES", "YES", "YES", "2026-05-30").andExpect(status().is3xxRedirection());
		smtp.purgeEmailFromAllMailboxes();

		CLOCK.set(T0.plus(Duration.ofDays(7)).minus(Duration.ofMinutes(1)));
		assertThat(campaigns.run()).isZero();
		CLOCK.set(T0.plus(Duration.ofDays(7)));
		assertThat(campaigns.run()).as("deportes has not answered").isEqualTo(1);
		var inboxes = delivered();
		assertThat(inboxes.keySet()).containsExactly("deportes@villaverde.example");
		assertThat(inboxes.get("deportes@villaverde.example").getFirst().getSubject())
			.startsWith("[Vigía] Reminder: an official account waits");
		var reminderLink = link(inboxes.get("deportes@villaverde.example").getFirst());
		mvc.perform(get(reminderLink)).andExpect(status().isOk());
		CLOCK.set(T0.plus(Duration.ofDays(8)));
		assertThat(campaigns.run()).isZero();

		smtp.purgeEmailFromAllMailboxes();
		CLOCK.set(Instant.parse("2026-06-14T23:59:00Z"));
		assertThat(campaigns.run()).isZero();
		CLOCK.set(Instant.parse("2026-06-15T00:00:00Z"));
		assertThat(campaigns.run()).isEqualTo(1);
		assertThat(campaigns.run()).isZero();
		inboxes = delivered();
		assertThat(inboxes.keySet()).containsExactly("deportes@villaverde.example");
		assertThat(inboxes.get("deportes@villaverde.example").getFirst().getSubject())
			.isEqualTo("[Vigía] Last day: an official account waits for your confirmation");
	}

	@Test
	void anOrganizationsOwnWindowMovesTheRemindersToSevenDaysBeforeItsCloseAndItsLastDay() throws Exception {
		campaigns.configure(organization, "P3M", "P10D");
		assertThat(campaigns.run()).isEqualTo(3);
		delivered();
		smtp.purgeEmailFromAllMailboxes();

		CLOCK.set(T0.plus(Duration.ofDays(3)).minus(Duration.ofMinutes(1)));
		assertThat(campaigns.run()).isZero();
		CLOCK.set(T0.plus(Duration.ofDays(3)));
		assertThat(campaigns.run()).as("seven days before a ten-day window closes, to all three").isEqualTo(3);
		assertThat(campaigns.run()).as("once").isZero();
		var inboxes = delivered();
		assertThat(inboxes.keySet()).containsExactly("deportes@villaverde.example", "jefa.prensa@villaverde.example",
				"prensa@villaverde.example");
		assertThat(inboxes.values()).allSatisfy(inbox -> assertThat(inbox).singleElement()
			.satisfies(mail -> assertThat(mail.getSubject()).startsWith("[Vigía] Reminder")));

		smtp.purgeEmailFromAllMailboxes();
		CLOCK.set(Instant.parse("2026-06-10T23:59:00Z"));
		assertThat(campaigns.run()).isZero();
		CLOCK.set(Instant.parse("2026-06-11T00:00:00Z"));
		assertThat(campaigns.run()).as("the last day of the window, which closes at 08:00").isEqualTo(3);
		assertThat(campaigns.run()).isZero();
		assertThat(delivered().values()).hasSize(3).allSatisfy(inbox -> assertThat(inbox).singleElement()
			.satisfies(mail -> assertThat(mail.getSubject()).startsWith("[Vigía] Last day")));
	}

	@Test
	void aWindowOfAWeekOrLessHasNoEarlyReminderOnlyItsLastDay() throws Exception {
		campaigns.configure(organization, "P3M", "P5D");
		assertThat(campaigns.run()).isEqualTo(3);
		delivered();
		smtp.purgeEmailFromAllMailboxes();

		for (var at = T0.plus(Duration.ofHours(1)); at.isBefore(Instant.parse("2026-06-06T00:00:00Z"));
				at = at.plus(Duration.ofHours(6))) {
			CLOCK.set(at);
			assertThat(campaigns.run()).as("nothing at %s: seven days before the close is before the round opened", at)
				.isZero();
		}
		CLOCK.set(Instant.parse("2026-06-06T00:00:00Z"));
		assertThat(campaigns.run()).isEqualTo(3);
		assertThat(delivered().values()).hasSize(3).allSatisfy(inbox -> assertThat(inbox).singleElement()
			.satisfies(mail -> assertThat(mail.getSubject()).startsWith("[Vigía] Last day")));
	}

	@Test
	void theCloseOpensUncertifiedForEveryUnansweredAccountAndAnAnswerResolvesIt() throws Exception {
		campaigns.run();
		var prensa = linkOf("prensa@villaverde.example");
		answer(prensa, cultura, "YES", "YES", "YES", null).andExpect(status().is3xxRedirection());

		CLOCK.set(T0.plus(Duration.ofDays(14)).minusSeconds(1));
		campaigns.run();
		assertThat(standing("UNCERTIFIED", deportes)).isZero();
		CLOCK.set(T0.plus(Duration.ofDays(14)));
		campaigns.run();
		assertThat(standing("UNCERTIFIED", deportes)).isOne();
		assertThat(standing("UNCERTIFIED", tiktok)).isOne();
		assertThat(standing("UNCERTIFIED", cultura)).isZero();
		assertThat(jdbc.sql("""
				select distinct i.recipient from alert_item i join finding f on f.id = i.finding_id
				where f.type = 'UNCERTIFIED' order by 1
				""").query(String.class).list()).as("the owners and the central office hear of it")
			.containsExactly("central@gobierno.example", "deportes@villaverde.example", "jefa.prensa@villaverde.example",
					"prensa@villaverde.example");
		assertThat(jdbc.sql("select severity from finding where type = 'UNCERTIFIED' and account_id = :a")
			.param("a", deportes).query(String.class).single()).isEqualTo("MEDIUM");

		CLOCK.advance(Duration.ofDays(2));
		answer(prensa, tiktok, "YES", "YES", "YES", null).andExpect(status().is3xxRedirection());
		assertThat(standing("UNCERTIFIED", tiktok)).as("resolved by the answer").isZero();
		answers.record(deportes, new Attestation.Answer(Attestation.StillOfficial.YES, "Concejal", Attestation.Choice.YES,
				Attestation.Choice.YES, null), "Concejal de deportes", "editor");
		assertThat(standing("UNCERTIFIED", deportes)).as("resolved by a phone answer").isZero();
	}

	@Test
	void noLongerOursOpensALostControlFindingAtOnceAndNoTwoFactorAnAccountSecurityOne() throws Exception {
		campaigns.run();
		var path = linkOf("prensa@villaverde.example");
		answer(path, cultura, "NOT_OURS", "UNKNOWN", "UNKNOWN", null).andExpect(status().is3xxRedirection());
		answer(path, tiktok, "YES", "NO", "YES", null).andExpect(status().is3xxRedirection());

		assertThat(standing("LOST_CONTROL", cultura)).isOne();
		assertThat(jdbc.sql("select severity from finding where type = 'LOST_CONTROL'").query(String.class).single())
			.isEqualTo("HIGH");
		assertThat(standing("ACCOUNT_SECURITY", tiktok)).isOne();
		assertThat(standing("ACCOUNT_SECURITY", cultura)).isZero();
		assertThat(jdbc.sql("select severity from finding where type = 'ACCOUNT_SECURITY'").query(String.class).single())
			.isEqualTo("LOW");
	}

	/**
	 * Two Vigía instances run the round at once and each person gets one mail: this node and a second one in a child
	 * JVM, in one Quartz cluster on one database. The child runs the campaign job as production schedules it (at its
	 * start) and delivers the outbox to this test's SMTP server; this node runs the campaigns meanwhile. A gate, a lock
	 * on a table the run reads, holds both inside the run until both are there, so that they race for real.
	 */
	@Test
	void twoNodesRunningTheRoundAtOnceMailEachPersonOnce() throws Exception {
		var began = Instant.now();
		CLOCK.set(began);
		var ownTriggers = scheduler.getTriggerKeys(GroupMatcher.anyGroup());
		var cluster = scheduler.getSchedulerName();
		Process child = null;
		// This node in standby, so that the campaign trigger fires on the child, as on a node of a production cluster.
		scheduler.standby();
		try (var pool = Executors.newSingleThreadExecutor(); var gate = dataSource.getConnection()) {
			gate.setAutoCommit(false);
			try (var statement = gate.createStatement()) {
				statement.execute("lock table recertification_setting in access exclusive mode");
			}
			child = ClusterNode.start((HikariDataSource) dataSource, scheduler.getSchedulerName(),
					"--vigia.recertification.schedule-enabled=true", "--vigia.alerts.delivery-enabled=true",
					"--vigia.alerts.delivery-interval=PT1S", "--spring.mail.host=127.0.0.1",
					"--spring.mail.port=" + smtp.getSmtp().getPort(), "--vigia.alerts.recipients=central@gobierno.example",
					"--vigia.alerts.from=vigia@gobierno.example", "--vigia.alerts.base-url=https://vigia.gobierno.example/",
					"--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000");
			awaitInTheRun(child, 1, Duration.ofMinutes(3));
			assertThat(jdbc.sql("""
					select instance_name from qrtz_fired_triggers
					where sched_name = :name and job_group = 'recertification' and job_name = 'campaigns'
					""").param("name", scheduler.getSchedulerName()).query(String.class).list())
				.as("the campaign job runs on the child node").singleElement()
				.isNotEqualTo(scheduler.getSchedulerInstanceId());
			var own = pool.submit(campaigns::run);
			awaitInTheRun(child, 2, Duration.ofMinutes(1));
			gate.rollback();
			assertThat(own.get(1, TimeUnit.MINUTES)).as("this node, second through the lock, found the round open")
				.isZero();
			await("the child's campaign job ends", Duration.ofMinutes(1), () -> jdbc.sql("""
					select count(*) = 0 from qrtz_fired_triggers
					where sched_name = :name and job_group = 'recertification' and job_name = 'campaigns'
					""").param("name", cluster).query(Boolean.class).single());
			await("the child delivers the campaign mails", Duration.ofMinutes(1), () -> jdbc.sql("""
					select count(*) filter (where status = 'SENT') = 3 from notification where kind = 'CAMPAIGN'
					""").query(Boolean.class).single());
			smtp.waitForIncomingEmail(10_000, 3);
		}
		finally {
			if (child != null) {
				child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			for (var trigger : scheduler.getTriggerKeys(GroupMatcher.anyGroup())) {
				if (!ownTriggers.contains(trigger)) {
					scheduler.unscheduleJob(trigger);
				}
			}
			scheduler.start();
		}

		assertThat(jdbc.sql("select opens_at from recertification_round").query(java.sql.Timestamp.class).list())
			.as("one round, opened by the child node (its clock is past this node's)").singleElement()
			.satisfies(opened -> assertThat(opened.toInstant()).isAfter(began));
		assertThat(jdbc.sql("""
				select recipient || ' ' || array_to_string(array(select unnest(account_ids) order by 1), ',')
				from recertification_request order by recipient
				""").query(String.class).list()).as("each person asked once, for all their accounts")
			.containsExactly("deportes@villaverde.example " + deportes,
					"jefa.prensa@villaverde.example " + cultura + "," + tiktok,
					"prensa@villaverde.example " + cultura + "," + tiktok);
		assertThat(jdbc.sql("select count(*) from notification").query(Long.class).single()).isEqualTo(3);
		var inboxes = received();
		assertThat(inboxes.keySet()).containsExactly("deportes@villaverde.example", "jefa.prensa@villaverde.example",
				"prensa@villaverde.example");
		assertThat(inboxes.values()).allSatisfy(inbox -> assertThat(inbox).hasSize(1));
		for (var person : List.of("prensa@villaverde.example", "jefa.prensa@villaverde.example")) {
			var mail = inboxes.get(person).getFirst();
			assertThat(mail.getSubject()).startsWith("[Vigía] Villaverde: please confirm your 2 official accounts by");
			assertThat(text(mail)).contains("cultura@social.villaverde.example on Mastodon", "villaverde on TikTok")
				.doesNotContain("deportes.villaverde.example");
			mvc.perform(get(link(mail)).header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andExpect(status().isOk());
		}
		assertThat(text(inboxes.get("deportes@villaverde.example").getFirst()))
			.contains("deportes.villaverde.example on Bluesky").doesNotContain("cultura@");
		assertThat(Outgoing.send(context)).as("nothing left in the outbox").isZero();
	}

	/**
	 * Waits until this many database sessions wait for a lock inside a campaign run (for the campaigns' own lock, or for
	 * the test's gate), one of them the child node's.
	 */
	void awaitInTheRun(Process child, int sessions, Duration timeout) throws InterruptedException {
		await(sessions + " nodes inside the campaign run", timeout, () -> {
			if (!child.isAlive()) {
				throw new AssertionError("the child node stopped");
			}
			return jdbc.sql("""
					select count(*) = :sessions and count(*) filter (where application_name = :child) = 1
					from pg_stat_activity
					where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
					  and wait_event_type = 'Lock'
					  and (query like '%pg_advisory_xact_lock(hashtext(''vigia.recertification''))%'
					       or query like '%recertification_setting%')
					""").param("sessions", sessions).param("child", ClusterNode.APPLICATION_NAME)
				.query(Boolean.class).single();
		});
	}

	static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition)
			throws InterruptedException {
		var deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(what + ": not within " + timeout);
			}
			Thread.sleep(100);
		}
	}

	@Test
	void editorsRecordAPhoneAnswerAndTheApiListsAnswersNewestFirst() throws Exception {
		var body = """
				{"answeredBy": "Concejal de deportes", "stillOfficial": "YES", "administrators": "Prensa",
				 "twoFactor": "YES", "institutionalRecovery": "NO"}""";
		mvc.perform(post("/api/accounts/" + deportes + "/attestations").with(httpBasic("viewer", "viewer"))
			.contentType("application/json").content(body)).andExpect(status().isForbidden());
		mvc.perform(post("/api/accounts/" + deportes + "/attestations").with(httpBasic("editor", "editor"))
			.contentType("application/json").content(body))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.channel").value("PHONE"))
			.andExpect(jsonPath("$.recordedBy").value("editor"));
		mvc.perform(get("/api/accounts/" + deportes + "/attestations").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].answeredBy").value("Concejal de deportes"))
			.andExpect(jsonPath("$[0].answer.institutionalRecovery").value("NO"));
		assertThat(standing("ACCOUNT_SECURITY", deportes)).isOne();
		mvc.perform(put("/api/organizations/" + organization + "/recertification").with(httpBasic("editor", "editor"))
			.contentType("application/json").content("{\"cadence\": \"quarterly\", \"window\": \"P14D\"}"))
			.andExpect(status().is4xxClientError())
			.andExpect(content().string(Matchers.containsString("cadence")));
		mvc.perform(put("/api/organizations/" + organization + "/recertification").with(httpBasic("editor", "editor"))
			.contentType("application/json").content("{\"cadence\": \"P6M\", \"window\": \"P21D\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cadence").value("P6M"));
	}

	@Test
	void aTikTokAccountWhoseOwnerReportsNoPostForAYearIsAbandonedAndOneWithARecentPostIsNot() throws Exception {
		var unit = jdbc.sql("select unit_id from account where id = :id").param("id", tiktok).query(Long.class).single();
		var recent = account("TIKTOK", "villaverde.joven", unit, "juventud@villaverde.example");
		campaigns.run();
		var prensa = linkOf("prensa@villaverde.example");
		answer(prensa, tiktok, "YES", "YES", "YES", "2025-05-20").andExpect(status().is3xxRedirection());
		answer(linkOf("juventud@villaverde.example"), recent, "YES", "YES", "YES", "2026-05-25")
			.andExpect(status().is3xxRedirection());

		assertThat(standing("ABANDONED", tiktok)).as("a year without a post, in its owner's word").isOne();
		assertThat(jdbc.sql("""
				select evidence ->> 'reportedBy' from finding where type = 'ABANDONED' and account_id = :id
				""").param("id", tiktok).query(String.class).single()).isEqualTo("prensa@villaverde.example");
		assertThat(standing("ABANDONED", recent) + standing("DORMANT", recent)).as("posted a week ago").isZero();

		CLOCK.set(T0.plus(Duration.ofDays(92)));
		campaigns.run();
		answers.record(tiktok, new Attestation.Answer(Attestation.StillOfficial.YES, null, Attestation.Choice.YES,
				Attestation.Choice.YES, java.time.LocalDate.parse("2026-08-30")), "Jefa de prensa", "editor");
		assertThat(standing("ABANDONED", tiktok)).as("a newer report resolves it").isZero();
	}

	@Test
	void auditorsReadTheCurrentRoundAccountByAccountAsJsonAndCsv() throws Exception {
		mvc.perform(get("/api/recertification").param("organizationId", String.valueOf(organization))
			.with(httpBasic("viewer", "viewer"))).andExpect(status().isNotFound());
		campaigns.run();
		var prensa = linkOf("prensa@villaverde.example");
		answer(prensa, tiktok, "RETIRE", "NO", "YES", "2026-05-30").andExpect(status().is3xxRedirection());

		mvc.perform(get("/api/recertification").param("organizationId", String.valueOf(organization))
			.with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.organizationId").value(organization))
			.andExpect(jsonPath("$.round").value(1))
			.andExpect(jsonPath("$.closesAt").value("2026-06-15T08:00:00Z"))
			.andExpect(jsonPath("$.asked").value(3))
			.andExpect(jsonPath("$.answered").value(1))
			.andExpect(jsonPath("$.accounts[?(@.accountId == %d)].owners[*]".formatted(cultura),
					Matchers.containsInAnyOrder("jefa.prensa@villaverde.example", "prensa@villaverde.example")))
			.andExpect(jsonPath("$.accounts[?(@.accountId == %d)].answer.stillOfficial".formatted(tiktok))
				.value("RETIRE"))
			.andExpect(jsonPath("$.accounts[?(@.accountId == %d)].answeredBy".formatted(tiktok))
				.value("prensa@villaverde.example"))
			.andExpect(jsonPath("$.accounts[?(@.accountId == %d)].answeredAt".formatted(deportes)).value(
					Matchers.contains(Matchers.nullValue())));
		mvc.perform(get("/api/recertification").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].organization").value("Villaverde"));
		mvc.perform(get("/").with(httpBasic("viewer", "viewer")).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Recertified")))
			.andExpect(content().string(Matchers.containsString("33% (1 of 3)")));

		var csv = mvc.perform(get("/api/recertification").header(HttpHeaders.ACCEPT, "text/csv")
			.with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		var lines = csv.lines().toList();
		assertThat(lines.getFirst()).isEqualTo(String.join(",", Rounds.COLUMNS));
		assertThat(lines).hasSize(4);
		assertThat(lines).anySatisfy(line -> assertThat(line)
			.startsWith("Villaverde,1,2026-06-01T08:00:00Z,2026-06-15T08:00:00Z," + tiktok + ",tiktok,villaverde,")
			.endsWith(",prensa@villaverde.example,LINK,RETIRE,Jefa de prensa,NO,YES,2026-05-30"));
	}

	@Test
	void theAccountPageShowsTheLatestAnswerWithWhoWhenAndHowAndEditorsRecordAPhoneAnswerThere() throws Exception {
		campaigns.run();
		answer(linkOf("prensa@villaverde.example"), cultura, "YES", "YES", "NO", null)
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/accounts/" + cultura).with(httpBasic("viewer", "viewer")).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Latest answer")))
			.andExpect(content().string(Matchers.containsString("Answered by prensa@villaverde.example on")))
			.andExpect(content().string(Matchers.containsString("through the mailed link")))
			.andExpect(content().string(Matchers.containsString("Jefa de prensa")))
			.andExpect(content().string(Matchers.not(Matchers.containsString("Record the answer"))));

		mvc.perform(post("/accounts/" + cultura + "/attestations").with(httpBasic("viewer", "viewer")).with(csrf())
			.param("answeredBy", "Jefa de prensa").param("stillOfficial", "YES")).andExpect(status().isForbidden());
		mvc.perform(post("/accounts/" + cultura + "/attestations").with(httpBasic("editor", "editor"))
			.param("answeredBy", "Jefa de prensa").param("stillOfficial", "YES")).andExpect(status().isForbidden());
		mvc.perform(post("/accounts/" + cultura + "/attestations").with(httpBasic("editor", "editor")).with(csrf())
			.param("answeredBy", "Jefa de prensa").param("stillOfficial", "YES").param("administrators", "Gabinete")
			.param("twoFactor", "YES").param("institutionalRecovery", "YES").param("lastPost", ""))
			.andExpect(status().is3xxRedirection());
		assertThat(standing("ACCOUNT_SECURITY", cultura)).as("the phone answer says the recovery is institutional now")
			.isZero();
		mvc.perform(get("/accounts/" + cultura).with(httpBasic("editor", "editor")).header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Respondió Jefa de prensa el")))
			.andExpect(content().string(Matchers.containsString("por teléfono, registrado por editor")))
			.andExpect(content().string(Matchers.containsString("Gabinete")))
			.andExpect(content().string(Matchers.containsString("Respuestas anteriores")))
			.andExpect(content().string(Matchers.containsString("Registrar la respuesta")));
		mvc.perform(post("/accounts/" + cultura + "/attestations").with(httpBasic("editor", "editor")).with(csrf())
			.param("answeredBy", "").param("stillOfficial", "YES")).andExpect(status().is3xxRedirection());
		var maybe = mvc.perform(post("/accounts/" + cultura + "/attestations").with(httpBasic("editor", "editor"))
			.with(csrf())
			.param("answeredBy", "Jefa").param("stillOfficial", "MAYBE")).andExpect(status().is3xxRedirection()).andReturn();
		// The page says why in the reader's language: the flash keeps the message, not an English sentence.
		assertThat((List<?>) maybe.getFlashMap().get("errors")).singleElement()
			.satisfies((error) -> assertThat(org.vigia.platform.English.text(String.valueOf(error),
					java.util.Locale.forLanguageTag("es"))).isEqualTo("stillOfficial: 'MAYBE' no es ninguna de las opciones"));
		assertThat(jdbc.sql("select channel || ' ' || answered_by || ' ' || coalesce(recorded_by, '-') from attestation "
				+ "where account_id = :id order by id").param("id", cultura).query(String.class).list())
			.as("the refused phone answers wrote nothing")
			.containsExactly("LINK prensa@villaverde.example -", "PHONE Jefa de prensa editor");
		mvc.perform(get("/api/accounts/" + cultura + "/attestations").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[0].channel").value("PHONE"))
			.andExpect(jsonPath("$[1].channel").value("LINK"))
			.andExpect(jsonPath("$[1].answeredBy").value("prensa@villaverde.example"))
			.andExpect(jsonPath("$[1].addressHash").doesNotExist());
		mvc.perform(get("/api/accounts/999999/attestations").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aRetireAnswerProposesTheArchiveToAnEditorWhoseOneButtonArchivesTheAccount() throws Exception {
		campaigns.run();
		answer(linkOf("prensa@villaverde.example"), tiktok, "RETIRE", "YES", "YES", null)
			.andExpect(status().is3xxRedirection());
		var page = mvc.perform(get("/accounts/" + tiktok).with(httpBasic("editor", "editor"))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString(
					"prensa@villaverde.example answered on")))
			.andExpect(content().string(Matchers.containsString("that this account should be retired")))
			.andReturn().getResponse().getContentAsString();
		var start = page.indexOf("<form method=\"post\" action=\"/accounts/" + tiktok + "/archive\">");
		assertThat(start).as("a POST form that archives the account").isNotNegative();
		var form = page.substring(start, page.indexOf("</form>", start));
		assertThat(form).as("one button, with its CSRF token").contains("name=\"_csrf\"", "Archive it")
			.containsOnlyOnce("<button");
		mvc.perform(get("/accounts/" + cultura).with(httpBasic("editor", "editor")).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(content().string(Matchers.not(Matchers.containsString("should be retired"))));

		mvc.perform(post("/accounts/" + tiktok + "/archive").with(httpBasic("editor", "editor")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/accounts/" + tiktok + "/archive").with(httpBasic("viewer", "viewer")).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select status from account where id = :id").param("id", tiktok).query(String.class).single())
			.isEqualTo("ACTIVE");
		mvc.perform(post("/accounts/" + tiktok + "/archive").with(httpBasic("editor", "editor")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select status from account where id = :id").param("id", tiktok).query(String.class).single())
			.isEqualTo("ARCHIVED");
		mvc.perform(get("/accounts/" + tiktok).with(httpBasic("editor", "editor")).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(content().string(Matchers.not(Matchers.containsString("should be retired"))));
	}

	@Test
	void theRegistryExportAppendsTheLatestAnswerAfterItsOwnColumnsAndImportsBackUnchanged() throws Exception {
		campaigns.run();
		answer(linkOf("prensa@villaverde.example"), tiktok, "RETIRE", "NO", "YES", "2026-05-30")
			.andExpect(status().is3xxRedirection());
		var csv = mvc.perform(get("/api/registry/export").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		var lines = csv.lines().toList();
		var header = new ArrayList<>(org.vigia.registry.RegistryCsv.COLUMNS);
		header.addAll(org.vigia.registry.RegistryCsv.ATTESTATION_COLUMNS);
		assertThat(lines.getFirst()).isEqualTo(String.join(",", header));
		assertThat(lines.getFirst()).startsWith(
				"organization,unit,platform,handle,url,display_name,contact_email,purpose,language,max_silence_days,notes,");
		assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Villaverde,Prensa,tiktok,villaverde,")
			.endsWith(",2026-06-01T08:00:00Z,prensa@villaverde.example,LINK,RETIRE,Jefa de prensa,NO,YES,2026-05-30"));
		assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Villaverde,Prensa,bluesky,")
			.endsWith(",,,,,,,,"));

		jdbc.sql("""
				update account set url = case platform when 'BLUESKY' then 'https://bsky.app/profile/' || handle
				    when 'MASTODON' then 'https://social.villaverde.example/@cultura'
				    else 'https://www.tiktok.com/@' || handle end
				""").update();
		csv = mvc.perform(get("/api/registry/export").with(httpBasic("viewer", "viewer")))
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		mvc.perform(post("/api/registry/import").with(httpBasic("editor", "editor")).contentType("text/csv")
			.content(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.unchanged").value(3));
	}

	@Test
	void visitorsAreKeptAsASaltedHashOfTheirAddressNeverTheAddressNorItsPlainHash() throws Exception {
		campaigns.run();
		answer(linkOf("prensa@villaverde.example"), cultura, "YES", "YES", "YES", null)
			.andExpect(status().is3xxRedirection());
		var salt = jdbc.sql("select salt from recertification_salt").query(byte[].class).single();
		assertThat(salt).hasSize(32);
		var mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA256"));
		var salted = java.util.HexFormat.of().formatHex(mac.doFinal("127.0.0.1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(jdbc.sql("select distinct address_hash from recertification_visit").query(String.class).list())
			.containsExactly(salted).doesNotContain(Tokens.hash("127.0.0.1"), "127.0.0.1");
		assertThat(jdbc.sql("select address_hash from attestation").query(String.class).single()).isEqualTo(salted);
		assertThat(Tokens.hash("127.0.0.1")).isNotEqualTo(salted);
	}

	@Test
	void theRecipientsLanguageWritesTheAnswerPageAndAVisitorsChoiceWins() throws Exception {
		jdbc.sql("insert into alert_recipient (address, locale, updated_at) values ('deportes@villaverde.example', 'es', now())").update();
		campaigns.run();
		var path = linkOf("deportes@villaverde.example");
		mvc.perform(get(path)).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("¿Sigue siendo oficial y necesaria la cuenta?")));
		mvc.perform(get(path).param("lang", "en")).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Is the account still official and needed?")));
	}

}
