package org.vigia.recertification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.Platform;

/**
 * The read side of the campaigns, for auditors and the dashboard: each organization's current round account by
 * account (who was asked, when, and what was answered), as JSON or CSV, and the share of accounts recertified per
 * organization and unit.
 */
@Service
public class Rounds {

	/** The columns of the CSV, one line per account asked in a round. */
	public static final List<String> COLUMNS = List.of("organization", "round", "opens_at", "closes_at", "account_id",
			"platform", "handle", "owners", "asked_at", "answered_at", "answered_by", "channel", "still_official",
			"administrators", "two_factor", "institutional_recovery", "last_post");

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader(COLUMNS.toArray(String[]::new))
		.get();

	/**
	 * An organization's current round.
	 * @param round its number (1 for the first)
	 * @param closedAt when Vigía closed it (UNCERTIFIED opened), null while it is open
	 * @param asked how many accounts were asked about
	 * @param answered how many of them somebody answered for
	 */
	public record Round(long organizationId, String organization, int round, Instant opensAt, Instant closesAt,
			@Nullable Instant closedAt, int asked, int answered, List<Asked> accounts) {
	}

	/**
	 * An account asked about in a round, and the answer that counts for it (the latest in the round), if any.
	 * @param owners the people asked, each mailed a link
	 */
	public record Asked(long accountId, String platform, String handle, List<String> owners, Instant askedAt,
			@Nullable Instant answeredAt, @Nullable String answeredBy, Attestation.@Nullable Channel channel,
			Attestation.@Nullable Answer answer) {
	}

	/**
	 * The share of an organization's (or one of its units') active accounts recertified in the current round.
	 * @param unitId the unit, null for accounts without one
	 */
	public record Share(long organizationId, @Nullable Long unitId, int round, Instant closesAt, int asked,
			int answered) {

		/** The share recertified, 0 to 100, rounded down. */
		public int percent() {
			return (asked == 0) ? 0 : (int) (100L * answered / asked);
		}

	}

	private final JdbcClient jdbc;

	Rounds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The current round of every organization that had one, or of one organization.
	 * @throws RecertificationNotFoundException when that organization does not exist
	 */
	@Transactional(readOnly = true)
	public List<Round> current(@Nullable Long organizationId) {
		if (organizationId != null && jdbc.sql("select count(*) from registry_organizations organization where id = :id")
			.param("id", organizationId).query(Long.class).single() == 0) {
			throw new RecertificationNotFoundException("problem.no.organization", String.valueOf(organizationId));
		}
		Map<Long, Round> rounds = new LinkedHashMap<>();
		Map<Long, List<Asked>> accounts = new LinkedHashMap<>();
		jdbc.sql("""
				select c.organization_id, o.name as organization, c.round, c.opens_at, c.closes_at, c.closed_at,
				       c.account_id, a.platform, a.handle, c.owners, c.asked_at, c.answered_at, t.answered_by, t.channel,
				       t.still_official, t.administrators, t.two_factor, t.institutional_recovery, t.last_post
				from recertification_current_accounts c
				join registry_organizations o on o.id = c.organization_id
				join registry_accounts a on a.id = c.account_id
				left join attestation t on t.id = c.attestation_id
				where (cast(:org as bigint) is null or c.organization_id = :org)
				order by lower(o.name), c.organization_id, a.platform, a.handle
				""").param("org", organizationId, java.sql.Types.BIGINT).query(rs -> {
			long org = rs.getLong("organization_id");
			if (!rounds.containsKey(org)) {
				rounds.put(org, new Round(org, rs.getString("organization"), rs.getInt("round"),
						instant(rs.getTimestamp("opens_at")), instant(rs.getTimestamp("closes_at")),
						nullable(rs.getTimestamp("closed_at")), 0, 0, List.of()));
				accounts.put(org, new ArrayList<>());
			}
			Attestation.Answer answer = null;
			var still = rs.getString("still_official");
			if (still != null) {
				answer = new Attestation.Answer(Attestation.StillOfficial.valueOf(still), rs.getString("administrators"),
						Attestation.Choice.valueOf(rs.getString("two_factor")),
						Attestation.Choice.valueOf(rs.getString("institutional_recovery")),
						rs.getObject("last_post", java.time.LocalDate.class));
			}
			var channel = rs.getString("channel");
			accounts.get(org).add(new Asked(rs.getLong("account_id"), Platform.valueOf(rs.getString("platform")).id(),
					rs.getString("handle"), Arrays.asList((String[]) rs.getArray("owners").getArray()),
					instant(rs.getTimestamp("asked_at")), nullable(rs.getTimestamp("answered_at")),
					rs.getString("answered_by"), (channel == null) ? null : Attestation.Channel.valueOf(channel), answer));
		});
		var result = new ArrayList<Round>();
		rounds.forEach((org, round) -> {
			var asked = accounts.get(org);
			int answered = (int) asked.stream().filter(a -> a.answeredAt() != null).count();
			result.add(new Round(round.organizationId(), round.organization(), round.round(), round.opensAt(),
					round.closesAt(), round.closedAt(), asked.size(), answered, List.copyOf(asked)));
		});
		return result;
	}

	/**
	 * One organization's current round.
	 * @throws RecertificationNotFoundException when the organization does not exist or has had no round yet
	 */
	@Transactional(readOnly = true)
	public Round currentOf(long organizationId) {
		var current = current(organizationId);
		if (current.isEmpty()) {
			throw new RecertificationNotFoundException("problem.recertification.noRound",
					String.valueOf(organizationId));
		}
		return current.getFirst();
	}

	/** The share recertified in each organization's current round, per unit of the active accounts asked. */
	@Transactional(readOnly = true)
	public List<Share> shares() {
		return jdbc.sql("""
				select organization_id, unit_id, round, closes_at, asked, answered from recertification_shares
				order by organization_id, unit_id nulls first
				""").query((rs, row) -> {
			long unit = rs.getLong("unit_id");
			return new Share(rs.getLong("organization_id"), rs.wasNull() ? null : unit, rs.getInt("round"),
					instant(rs.getTimestamp("closes_at")), rs.getInt("asked"), rs.getInt("answered"));
		}).list();
	}

	/**
	 * Writes these rounds as CSV, one line per account asked. A cell a spreadsheet would take for a formula gets a
	 * leading apostrophe (people's answers are written by anybody holding a link).
	 */
	public static void csv(List<Round> rounds, Writer writer) {
		try {
			// Not closed here: the writer belongs to the caller.
			var printer = new CSVPrinter(writer, FORMAT);
			for (var round : rounds) {
				for (var account : round.accounts()) {
					var answer = account.answer();
					printer.printRecord(cell(round.organization()), round.round(), round.opensAt(), round.closesAt(),
							account.accountId(), account.platform(), cell(account.handle()),
							cell(String.join(" ", account.owners())), account.askedAt(), account.answeredAt(),
							cell(account.answeredBy()), account.channel(),
							(answer == null) ? null : answer.stillOfficial(),
							(answer == null) ? null : cell(answer.administrators()),
							(answer == null) ? null : answer.twoFactor(),
							(answer == null) ? null : answer.institutionalRecovery(),
							(answer == null) ? null : answer.lastPost());
				}
			}
			printer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A cell as a spreadsheet should show it: text starting like a formula is kept as text. */
	static @Nullable String cell(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp.toInstant();
	}

	private static @Nullable Instant nullable(@Nullable Timestamp timestamp) {
		return (timestamp == null) ? null : timestamp.toInstant();
	}

}
