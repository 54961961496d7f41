package org.vigia.publication;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vigia.discovery.LookalikeScoring;
import org.vigia.discovery.scoring.Verdict;
import org.vigia.health.CitizenReport;
import org.vigia.health.CitizenReports;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.registry.PublishedOrganization;

/**
 * Citizens' reports of suspicious accounts: rate-limited per address (of which only a salted hash is kept, the salt
 * changing daily), scored at once against the organization, and handed to health as a finding.
 */
@Service
class Reports {

	/** What became of a report. */
	enum Outcome {

		/** An IMPERSONATION finding opened or counts one report more. */
		IMPERSONATION,

		/** A REPORTED finding for triage. */
		REPORTED,

		/** The account is one of the organization's official ones: nothing to report. */
		OFFICIAL,

		/** The hidden field was filled: a robot. Answered as accepted, and nothing is kept. */
		IGNORED

	}

	/** Too many reports from one address. */
	static final class TooManyReportsException extends RuntimeException {

		private final Duration retryAfter;

		TooManyReportsException(Duration retryAfter) {
			super("Too many reports from this address; try again later");
			this.retryAfter = retryAfter;
		}

		Duration retryAfter() {
			return retryAfter;
		}

	}

	/** A report that names no organization and resembles none. */
	static final class NoOrganizationException extends RuntimeException {

		private final transient Message sentence;

		NoOrganizationException(Message sentence) {
			super(sentence.english());
			this.sentence = sentence;
		}

		/** What was wrong, for the caller's language. */
		Message sentence() {
			return sentence;
		}

	}

	private static final int MAX_NOTE_LENGTH = 1000;

	private final JdbcClient jdbc;

	private final Directory directory;

	private final LookalikeScoring scoring;

	private final CitizenReports findings;

	private final TransactionTemplate transactions;

	private final PublicationProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	Reports(JdbcClient jdbc, Directory directory, LookalikeScoring scoring, CitizenReports findings,
			PlatformTransactionManager transactions, PublicationProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.scoring = scoring;
		this.findings = findings;
		this.transactions = new TransactionTemplate(transactions);
		this.properties = properties;
		this.clock = clock;
	}

	/** How many of the networks' readings of a pasted account are looked up on their platforms. */
	private static final int READINGS_ASKED = 3;

	/**
	 * Records a report. The account's profile is read from its platform (where Vigía can ask it: Bluesky, Mastodon)
	 * and scored with discovery's look-alike scorer against the organization's official accounts as polling last saw
	 * them; the network is asked before anything is written, outside any transaction.
	 * @param organizationSlug the organization the visitor reports to, or null: the one the account resembles most
	 * @param honeypot the field people never see: filled only by robots
	 * @throws IllegalArgumentException when the url names no account, or the note is too long
	 */
	Outcome report(String url, @Nullable String note, @Nullable String organizationSlug, @Nullable String honeypot,
			String remoteAddress) {
		var addresses = Platform.readAny(url);
		if (addresses.isEmpty()) {
			throw new PublicInputException(Message.of("problem.public.reportInvalid", url.strip()));
		}
		var cleanNote = (note == null || note.isBlank()) ? null : note.strip();
		if (cleanNote != null && cleanNote.length() > MAX_NOTE_LENGTH) {
			throw new PublicInputException(Message.of("problem.public.noteLength", MAX_NOTE_LENGTH));
		}
		if (honeypot != null && !honeypot.isEmpty()) {
			return Outcome.IGNORED;
		}
		var hash = hash(remoteAddress);
		limit(hash, clock.instant());
		PublishedOrganization named = null;
		if (organizationSlug != null && !organizationSlug.isBlank()) {
			named = directory.organization(organizationSlug.strip())
				.orElseThrow(() -> new NoOrganizationException(
						Message.of("problem.public.noOrganization", organizationSlug.strip())));
		}
		var candidates = new ArrayList<LookalikeScoring.Candidate>();
		for (var address : addresses.subList(0, Math.min(READINGS_ASKED, addresses.size()))) {
			candidates.add(scoring.candidate(address));
		}
		var organization = named;
		if (organization == null) {
			var displayName = candidates.stream()
				.map(candidate -> candidate.identity().displayName())
				.filter(name -> name != null && !name.isBlank())
				.findFirst()
				.orElse(null);
			organization = directory.bestMatch(addresses, displayName)
				.map(Directory.Match::organization)
				.orElseThrow(() -> new NoOrganizationException(Message.of("problem.public.noMatch")));
		}
		var now = clock.instant();
		LookalikeScoring.Assessment best = null;
		for (var candidate : candidates) {
			var assessment = scoring.assess(organization.id(), candidate, now);
			if (best == null || assessment.classification().score().points() > best.classification().score().points()
					|| (candidate.profileRead() && !best.candidate().profileRead() && assessment.classification()
						.score()
						.points() == best.classification().score().points())) {
				best = assessment;
			}
		}
		Objects.requireNonNull(best, "at least one reading");
		if (best.classification().verdict() == Verdict.REGISTERED) {
			return Outcome.OFFICIAL;
		}
		var chosen = best;
		var organizationId = organization.id();
		return Objects.requireNonNull(transactions.execute(status -> record(chosen, organizationId, cleanNote, hash)));
	}

	private Outcome record(LookalikeScoring.Assessment assessment, long organizationId, @Nullable String note,
			String hash) {
		var now = clock.instant();
		limit(hash, now);
		var address = assessment.candidate().address();
		var score = assessment.classification().score();
		jdbc.sql("""
				insert into public_report (organization_id, platform, handle, note, points, address_hash, reported_at)
				values (:organizationId, :platform, :handle, :note, :points, :hash, :now)
				""").param("organizationId", organizationId).param("platform", address.platform().name())
			.param("handle", address.handle()).param("note", note).param("points", score.points())
			.param("hash", hash).param("now", timestamp(now))
			.update();
		long reports = jdbc.sql("""
				select count(*) from public_report
				where organization_id = :organizationId and platform = :platform and handle = :handle
				""").param("organizationId", organizationId).param("platform", address.platform().name())
			.param("handle", address.handle())
			.query(Long.class)
			.single();
		var impersonation = score.points() >= assessment.threshold();
		List<Map<String, Object>> reasons = score.reasons().stream().map(reason -> {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("signal", reason.signal());
			map.put("points", reason.points());
			map.put("detail", reason.detail());
			return map;
		}).toList();
		var imitated = score.imitated();
		findings.record(new CitizenReport(organizationId, address.platform(), address.handle(), address.url(), null,
				(imitated != null) ? imitated.handle() : null, impersonation, score.points(), assessment.threshold(),
				reasons, reports, now));
		return impersonation ? Outcome.IMPERSONATION : Outcome.REPORTED;
	}

	/** Refuses a report from an address that has sent its share. */
	private void limit(String hash, Instant now) {
		var counts = jdbc.sql("""
				select count(*) filter (where reported_at > :hour) as hour, count(*) as day
				from public_report where address_hash = :hash and reported_at > :day
				""").param("hash", hash).param("hour", timestamp(now.minus(Duration.ofHours(1))))
			.param("day", timestamp(now.minus(Duration.ofDays(1))))
			.query((rs, row) -> new long[] { rs.getLong("hour"), rs.getLong("day") })
			.single();
		if (counts[0] >= properties.reportsPerHour()) {
			throw new TooManyReportsException(Duration.ofHours(1));
		}
		if (counts[1] >= properties.reportsPerDay()) {
			throw new TooManyReportsException(Duration.ofDays(1));
		}
	}

	/** The address, hashed with today's salt: enough to count its reports today, and nothing tomorrow. */
	private String hash(String address) {
		var day = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
		var fresh = new byte[32];
		random.nextBytes(fresh);
		jdbc.sql("insert into public_report_salt (day, salt) values (:day, :salt) on conflict (day) do nothing")
			.param("day", day)
			.param("salt", fresh)
			.update();
		var salt = jdbc.sql("select salt from public_report_salt where day = :day").param("day", day)
			.query(byte[].class)
			.single();
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(salt, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	private static java.sql.Timestamp timestamp(java.time.Instant instant) {
		return java.sql.Timestamp.from(instant);
	}

}
