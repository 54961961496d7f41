package org.vigia.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vigia.IntegrationTest;

/**
 * A provincial office that files 2,000 municipal Bluesky accounts under one unit: a poll run over all of them and a
 * sweep complete in a JVM of 512 MB (a child JVM started with {@code -Xmx512m}, see {@link BigUnitNode}), and the unit
 * has one DUPLICATE finding for the network, its evidence bounded, routed to the unit's contact. Before the rule became
 * one finding per unit and network, each of the 2,000 accounts had its own finding listing the 1,999 others, and the
 * child ran out of memory.
 */
@IntegrationTest
class BigUnitTests {

	static final int ACCOUNTS = 2000;

	static final String FIXTURE_DID = "did:plc:cultura2ministerio3gob4e";

	static final String FIXTURE_HANDLE = "cultura.gob.example";

	static final Pattern POSTED = Pattern.compile("2026-04-\\d\\dT");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	final MockWebServer bluesky = new MockWebServer();

	long unit;

	@BeforeEach
	void twoThousandAccountsOfOneUnitOnBluesky() throws IOException {
		var profile = fixture("profile-active.json");
		// Every account posted yesterday, so that silence findings stay out of the way.
		var feed = POSTED.matcher(fixture("feed-active.json"))
			.replaceAll(LocalDate.now(ZoneOffset.UTC).minusDays(1) + "T");
		bluesky.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				var actor = String.valueOf(request.getUrl().queryParameter("actor"));
				// Each account its own DID, derived from its handle and back: no two are one real account.
				var name = actor.startsWith("did:plc:") ? actor.substring("did:plc:".length()) : actor.split("\\.")[0];
				var body = switch (request.getUrl().encodedPath()) {
					case "/xrpc/app.bsky.actor.getProfile" -> profile;
					case "/xrpc/app.bsky.feed.getAuthorFeed" -> feed;
					default -> null;
				};
				if (body == null) {
					return new MockResponse.Builder().code(404).body("no fixture for " + request.getTarget()).build();
				}
				return new MockResponse.Builder().code(200)
					.addHeader("Content-Type", "application/json; charset=utf-8")
					.body(body.replace(FIXTURE_DID, "did:plc:" + name)
						.replace(FIXTURE_HANDLE, name + ".diputacion.example"))
					.build();
			}
		});
		bluesky.start();
		jdbc.sql("truncate account, unit, organization, poll_run restart identity cascade").update();
		long organization = jdbc.sql("""
				insert into organization (name, created_at, updated_at) values ('Diputación Provincial', now(), now())
				returning id
				""").query(Long.class).single();
		unit = jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				values (:organization, 'Gabinete de Prensa', array['prensa@diputacion.example'], now(), now()) returning id
				""").param("organization", organization).query(Long.class).single();
		jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, created_at, updated_at)
				select :organization, :unit, 'BLUESKY', 'municipio' || i || '.diputacion.example',
				       'https://bsky.app/profile/municipio' || i || '.diputacion.example', now(), now()
				from generate_series(1, :accounts) i
				""").param("organization", organization).param("unit", unit).param("accounts", ACCOUNTS).update();
	}

	@AfterEach
	void stopServer() {
		bluesky.close();
	}

	@Test
	void twoThousandAccountsOfOneUnitOnOneNetworkArePolledAndSweptInA512MegabyteHeapWithOneFindingForTheUnit()
			throws Exception {
		var log = File.createTempFile("vigia-big-unit", ".log");
		var node = new ProcessBuilder(childCommand()).redirectErrorStream(true).redirectOutput(log).start();
		boolean finished = node.waitFor(8, TimeUnit.MINUTES);
		if (!finished) {
			node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		var output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
		var tail = output.substring(Math.max(0, output.length() - 4000));
		assertThat(finished).as("the node finished within 8 minutes; its log ends with:%n%s", tail).isTrue();
		assertThat(node.exitValue()).as("the node's exit status (3: out of memory); its log ends with:%n%s", tail)
			.isZero();
		var report = output.lines().filter(line -> line.startsWith("Poll run") || line.startsWith("Sweep")).toList();
		System.out.println(String.join("\n", report));
		assertThat(report.getFirst()).as("the poll run's evaluations all succeeded")
			.endsWith(" 0 failed evaluations");

		assertThat(jdbc.sql("""
				select r.status || ' ' || count(distinct c.account_id)
				from poll_run r join account_check c on c.run_id = r.id group by r.id
				""").query(String.class).single()).isEqualTo("COMPLETED " + ACCOUNTS);
		var duplicates = jdbc.sql("""
				select subject_key, unit_id, account_id, status, subject, summary, fingerprint,
				       (evidence ->> 'accounts')::int as accounts, jsonb_array_length(evidence -> 'firstAccounts') as listed,
				       (evidence -> 'firstAccounts' -> 0 ->> 'handle') as first, length(evidence::text) as evidence_size
				from finding where type = 'DUPLICATE'
				""").query((rs, row) -> List.of(rs.getString("subject_key"), rs.getLong("unit_id"),
				String.valueOf(rs.getObject("account_id")), rs.getString("status"), org.vigia.platform.English.text(rs.getString("subject")),
				org.vigia.platform.English.text(rs.getString("summary")), rs.getString("fingerprint"), rs.getInt("accounts"), rs.getInt("listed"),
				rs.getString("first"), rs.getInt("evidence_size")))
			.list();
		assertThat(duplicates).as("one DUPLICATE finding for the unit on Bluesky, none per account").hasSize(1);
		var finding = duplicates.getFirst();
		assertThat(finding.subList(0, 5)).containsExactly("unit:" + unit + ":bluesky", unit, "null", "OPEN",
				"Unit Gabinete de Prensa on Bluesky");
		assertThat((String) finding.get(5)).startsWith("Unit Gabinete de Prensa runs " + String.format(java.util.Locale.ENGLISH, "%,d", ACCOUNTS)
				+ " accounts on Bluesky: municipio1.diputacion.example (#1), ")
			.endsWith(" and " + String.format(java.util.Locale.ENGLISH, "%,d", ACCOUNTS - 5) + " more")
			.hasSizeLessThan(400);
		assertThat((String) finding.get(6)).hasSizeLessThan(100);
		assertThat(finding.subList(7, 10)).containsExactly(ACCOUNTS, 20, "municipio1.diputacion.example");
		assertThat((Integer) finding.get(10)).as("the evidence's size in characters").isLessThan(3000);
		assertThat(jdbc.sql("""
				select t.kind from finding_transition t join finding f on f.id = t.finding_id where f.type = 'DUPLICATE'
				""").query(String.class).list()).as("opened once by the poll run, unchanged by the sweep")
			.containsExactly("OPENED");
		assertThat(jdbc.sql("""
				select i.recipient from alert_item i join finding f on f.id = i.finding_id where f.type = 'DUPLICATE'
				""").query(String.class).list()).as("the unit's contact hears of it").containsExactly("prensa@diputacion.example");
	}

	List<String> childCommand() {
		var hikari = (HikariDataSource) dataSource;
		return new ArrayList<>(List.of(
				ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"),
				"-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
				BigUnitNode.class.getName(), "--spring.datasource.url=" + hikari.getJdbcUrl(),
				"--spring.datasource.username=" + hikari.getUsername(),
				"--spring.datasource.password=" + hikari.getPassword(), "--vigia.security.admin-password=child",
				// A cluster of its own: this test's application must not take the child's poll run.
				"--spring.quartz.scheduler-name=vigia-big-unit-" + UUID.randomUUID(),
				"--vigia.polling.schedule-enabled=false", "--vigia.health.sweep-enabled=false",
				"--vigia.alerts.delivery-enabled=false", "--vigia.discovery.schedule-enabled=false",
				"--vigia.http.allow-private-addresses=true", "--vigia.http.max-requests-per-host=16",
				"--vigia.platforms.bluesky.api-url=" + bluesky.url("/"),
				"--spring.datasource.hikari.minimum-idle=1", "--spring.datasource.hikari.maximum-pool-size=18",
				"--logging.level.root=WARN", "--logging.level.org.vigia.health=INFO"));
	}

	static String fixture(String name) {
		try (var in = BigUnitTests.class.getResourceAsStream("/fixtures/bluesky/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
