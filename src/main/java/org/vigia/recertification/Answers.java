package org.vigia.recertification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.health.Attestations;
import org.vigia.platform.Platform;

/**
 * Answers: through a mailed link (the link is the credential: it answers only for its own accounts, once each, while
 * its round is the current one and until a week after the window closes) or by phone, recorded by an editor. Each
 * answer is kept with who gave it, when and through which link, and its consequences follow at once.
 */
@Service
public class Answers {

	/** Too many requests from one address. */
	static final class TooManyVisitsException extends RuntimeException {

		TooManyVisitsException() {
			super("Too many requests from this address; try again in an hour");
		}

	}

	/** Why a link does not answer. */
	enum Refusal {

		/** No link has this token: mistyped, cut, or guessed. */
		UNKNOWN,

		/** The link's time is over (the window closed more than the grace ago). */
		EXPIRED,

		/** A later round has started: this link belongs to an earlier one. */
		SUPERSEDED

	}

	/** A link that does not answer. */
	static final class RefusedLinkException extends RuntimeException {

		private final Refusal refusal;

		RefusedLinkException(Refusal refusal) {
			super("recertification link refused: " + refusal);
			this.refusal = refusal;
		}

		Refusal refusal() {
			return refusal;
		}

	}

	/** An account on the answer page, with the answer given in this round if any. */
	record Item(long accountId, String handle, Platform platform, @Nullable String displayName, boolean readable,
			@Nullable Attestation answered) {
	}

	/** The answer page: the person's accounts in the round. */
	record Page(long requestId, long roundId, String recipient, Locale locale, String organization, Instant closesAt,
			List<Item> items) {
	}

	private record Link(long requestId, long roundId, String recipient, Locale locale, Instant expiresAt,
			List<Long> accountIds, boolean current, String organization, Instant closesAt) {
	}

	private static final int MAX_ADMINISTRATORS = 500;

	private final JdbcClient jdbc;

	private final Attestations findings;

	private final RecertificationProperties properties;

	private final Clock clock;

	private final Visitors visitors;

	Answers(JdbcClient jdbc, Attestations findings, RecertificationProperties properties, Clock clock,
			Visitors visitors) {
		this.jdbc = jdbc;
		this.visitors = visitors;
		this.findings = findings;
		this.properties = properties;
		this.clock = clock;
	}

	/** The page a link opens. */
	@Transactional(noRollbackFor = RefusedLinkException.class)
	Page page(String token, String address) {
		var link = link(token, address);
		return page(link);
	}

	/**
	 * Answers for one account of the link.
	 * @throws ConflictException when the account was answered already in this round (the page then shows the answer)
	 */
	@Transactional(noRollbackFor = RefusedLinkException.class)
	Attestation answer(String token, long accountId, Attestation.Answer answer, String address) {
		var link = link(token, address);
		if (!link.accountIds().contains(accountId)) {
			throw new RecertificationNotFoundException("problem.recertification.notThisLink", String.valueOf(accountId));
		}
		var clean = clean(answer);
		var now = clock.instant();
		var id = jdbc.sql("""
				insert into attestation (account_id, round_id, request_id, channel, answered_by, answered_at, still_official,
				                         administrators, two_factor, institutional_recovery, last_post, address_hash)
				values (:account, :round, :request, 'LINK', :by, :now, :still, :admins, :twoFactor, :recovery, :lastPost,
				        :address)
				on conflict (round_id, account_id) where channel = 'LINK' do nothing
				returning id
				""").param("account", accountId).param("round", link.roundId()).param("request", link.requestId())
			.param("by", link.recipient()).param("now", Timestamp.from(now))
			.param("still", clean.stillOfficial().name()).param("admins", clean.administrators())
			.param("twoFactor", clean.twoFactor().name()).param("recovery", clean.institutionalRecovery().name())
			.param("lastPost", clean.lastPost()).param("address", visitors.hash(address))
			.query(Long.class)
			.optional();
		if (id.isEmpty()) {
			throw new AlreadyAnsweredException("problem.recertification.answered", String.valueOf(accountId));
		}
		consequences(id.get(), accountId, clean, link.recipient(), now);
		return attestation(id.get());
	}

	/** Records an answer an editor took by phone; it counts for the organization's current round. */
	@Transactional
	public Attestation record(long accountId, Attestation.Answer answer, String answeredBy, String recordedBy) {
		var organization = jdbc.sql("select organization_id from registry_accounts account where id = :id")
			.param("id", accountId).query(Long.class).optional()
			.orElseThrow(() -> new RecertificationNotFoundException("problem.no.account", String.valueOf(accountId)));
		if (answeredBy == null || answeredBy.isBlank() || answeredBy.equals("null") || answeredBy.strip().length() > 200) {
			throw new InvalidAnswerException("problem.recertification.answeredBy", 200);
		}
		var clean = clean(answer);
		var now = clock.instant();
		var round = jdbc.sql("""
				select id from recertification_round where organization_id = :org order by number desc limit 1
				""").param("org", organization).query(Long.class).optional().orElse(null);
		var id = jdbc.sql("""
				insert into attestation (account_id, round_id, channel, answered_by, recorded_by, answered_at, still_official,
				                         administrators, two_factor, institutional_recovery, last_post)
				values (:account, :round, 'PHONE', :by, :recordedBy, :now, :still, :admins, :twoFactor, :recovery, :lastPost)
				returning id
				""").param("account", accountId).param("round", round, java.sql.Types.BIGINT)
			.param("by", answeredBy.strip()).param("recordedBy", recordedBy).param("now", Timestamp.from(now))
			.param("still", clean.stillOfficial().name()).param("admins", clean.administrators())
			.param("twoFactor", clean.twoFactor().name()).param("recovery", clean.institutionalRecovery().name())
			.param("lastPost", clean.lastPost())
			.query(Long.class)
			.single();
		consequences(id, accountId, clean, answeredBy.strip(), now);
		return attestation(id);
	}

	/** An account's answers, newest first. */
	@Transactional(readOnly = true)
	public List<Attestation> of(long accountId) {
		if (jdbc.sql("select count(*) from registry_accounts account where id = :id").param("id", accountId)
			.query(Long.class).single() == 0) {
			throw new RecertificationNotFoundException("problem.no.account", String.valueOf(accountId));
		}
		return jdbc.sql("select * from attestation where account_id = :id order by answered_at desc, id desc")
			.param("id", accountId).query((rs, row) -> attestation(rs)).list();
	}

	/** Each account's latest answer, for the registry export: one query for the whole registry. */
	@Transactional(readOnly = true)
	public Map<Long, Attestation> latestOfEach() {
		var latest = new HashMap<Long, Attestation>();
		jdbc.sql("""
				select distinct on (account_id) * from attestation order by account_id, answered_at desc, id desc
				""").query(rs -> {
			var attestation = attestation(rs);
			latest.put(attestation.accountId(), attestation);
		});
		return latest;
	}

	private void consequences(long attestationId, long accountId, Attestation.Answer answer, String by, Instant now) {
		if (answer.lastPost() != null) {
			jdbc.sql("""
					insert into reported_activity (account_id, last_post_at, reported_by, reported_at, attestation_id)
					values (:account, :at, :by, :now, :attestation)
					on conflict (account_id) do update set last_post_at = excluded.last_post_at,
					    reported_by = excluded.reported_by, reported_at = excluded.reported_at,
					    attestation_id = excluded.attestation_id
					""").param("account", accountId)
				.param("at", Timestamp.from(answer.lastPost().atStartOfDay().toInstant(ZoneOffset.UTC)))
				.param("by", by).param("now", Timestamp.from(now)).param("attestation", attestationId).update();
		}
		findings.answered(new Attestations.Answer(accountId,
				answer.stillOfficial() == Attestation.StillOfficial.NOT_OURS,
				answer.twoFactor() == Attestation.Choice.NO, answer.institutionalRecovery() == Attestation.Choice.NO, by),
				now);
	}

	private Attestation.Answer clean(Attestation.Answer answer) {
		if (answer.stillOfficial() == null) {
			throw new InvalidAnswerException("problem.recertification.stillOfficial");
		}
		var admins = (answer.administrators() == null || answer.administrators().isBlank()) ? null
				: answer.administrators().strip();
		if (admins != null && admins.length() > MAX_ADMINISTRATORS) {
			throw new InvalidAnswerException("problem.recertification.administrators", MAX_ADMINISTRATORS);
		}
		var today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		if (answer.lastPost() != null && answer.lastPost().isAfter(today)) {
			throw new InvalidAnswerException("problem.recertification.lastPost", String.valueOf(answer.lastPost()));
		}
		return new Attestation.Answer(answer.stillOfficial(), admins,
				(answer.twoFactor() == null) ? Attestation.Choice.UNKNOWN : answer.twoFactor(),
				(answer.institutionalRecovery() == null) ? Attestation.Choice.UNKNOWN : answer.institutionalRecovery(),
				answer.lastPost());
	}

	/** The link of this token, after the rate limit; every visit counts, a guessed token ten times. */
	private Link link(String token, String address) {
		var now = clock.instant();
		var addressHash = visitors.hash(address);
		long weight = jdbc.sql("""
				select coalesce(sum(case when found then 1 else 10 end), 0) from recertification_visit
				where address_hash = :hash and at > :since
				""").param("hash", addressHash).param("since", Timestamp.from(now.minus(Duration.ofHours(1))))
			.query(Long.class).single();
		if (weight >= properties.visitsPerHour()) {
			throw new TooManyVisitsException();
		}
		var link = (token.length() > 100) ? null : jdbc.sql("""
				select q.id, q.round_id, q.recipient, q.locale, q.expires_at, q.account_ids, o.name, r.closes_at,
				       r.number = (select max(number) from recertification_round c where c.organization_id = r.organization_id)
				           as current
				from recertification_link l
				join recertification_request q on q.id = l.request_id
				join recertification_round r on r.id = q.round_id
				join registry_organizations o on o.id = r.organization_id
				where l.token_hash = :hash
				""").param("hash", Tokens.hash(token)).query((rs, row) -> new Link(rs.getLong("id"), rs.getLong("round_id"),
				rs.getString("recipient"), Locale.forLanguageTag(rs.getString("locale")),
				rs.getTimestamp("expires_at").toInstant(), List.of((Long[]) rs.getArray("account_ids").getArray()),
				rs.getBoolean("current"), rs.getString("name"), rs.getTimestamp("closes_at").toInstant()))
			.optional()
			.orElse(null);
		jdbc.sql("insert into recertification_visit (address_hash, at, found) values (:hash, :now, :found)")
			.param("hash", addressHash).param("now", Timestamp.from(now)).param("found", link != null).update();
		jdbc.sql("delete from recertification_visit where at < :old").param("old", Timestamp.from(now.minus(Duration.ofDays(1))))
			.update();
		if (link == null) {
			throw new RefusedLinkException(Refusal.UNKNOWN);
		}
		if (now.isAfter(link.expiresAt())) {
			throw new RefusedLinkException(Refusal.EXPIRED);
		}
		if (!link.current()) {
			throw new RefusedLinkException(Refusal.SUPERSEDED);
		}
		return link;
	}

	private Page page(Link link) {
		Map<Long, Attestation> answered = new HashMap<>();
		jdbc.sql("""
				select * from attestation where round_id = :round and account_id = any(:ids) and channel = 'LINK'
				""").param("round", link.roundId()).param("ids", link.accountIds().toArray(Long[]::new))
			.query(rs -> {
				var attestation = attestation(rs);
				answered.put(attestation.accountId(), attestation);
			});
		var items = new ArrayList<Item>();
		jdbc.sql("""
				select a.id, a.handle, a.platform, a.display_name,
				       exists (select 1 from polling_account_states s where s.account_id = a.id and s.handle = a.handle
				               and s.last_success_at is not null and s.last_outcome <> 'UNSUPPORTED') as readable
				from registry_accounts a where a.id = any(:ids) order by a.platform, a.handle
				""").param("ids", link.accountIds().toArray(Long[]::new)).query(rs -> {
			items.add(new Item(rs.getLong("id"), rs.getString("handle"), Platform.valueOf(rs.getString("platform")),
					rs.getString("display_name"), rs.getBoolean("readable"), answered.get(rs.getLong("id"))));
		});
		return new Page(link.requestId(), link.roundId(), link.recipient(), link.locale(), link.organization(),
				link.closesAt(), items);
	}

	private Attestation attestation(long id) {
		return jdbc.sql("select * from attestation where id = :id").param("id", id).query((rs, row) -> attestation(rs))
			.single();
	}

	static Attestation attestation(ResultSet rs) throws SQLException {
		var lastPost = rs.getObject("last_post", LocalDate.class);
		return new Attestation(rs.getLong("id"), rs.getLong("account_id"), nullableLong(rs, "round_id"),
				nullableLong(rs, "request_id"), Attestation.Channel.valueOf(rs.getString("channel")),
				rs.getString("answered_by"), rs.getString("recorded_by"), rs.getTimestamp("answered_at").toInstant(),
				new Attestation.Answer(Attestation.StillOfficial.valueOf(rs.getString("still_official")),
						rs.getString("administrators"), Attestation.Choice.valueOf(rs.getString("two_factor")),
						Attestation.Choice.valueOf(rs.getString("institutional_recovery")), lastPost));
	}

	private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
