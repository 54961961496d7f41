package org.vigia.recertification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.alerts.CampaignMail;
import org.vigia.alerts.CampaignMails;
import org.vigia.health.Attestations;
import org.vigia.platform.Platform;

/**
 * Runs the campaigns: starts each organization's round when its cadence comes round (one mail per person, listing
 * every account they answer for), sends the reminders seven days before the window closes and on its last day, and
 * closes the round, opening UNCERTIFIED for every account nobody answered for. One node at a time (an advisory lock),
 * and each step is recorded with the mails it queued, so two nodes never send one mail twice.
 */
@Service
public class Campaigns {

	private static final Logger log = LoggerFactory.getLogger(Campaigns.class);

	private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\",;]+@[^\\s@<>\",;]+");

	/** An organization's cadence and response window, and whether they are its own or the defaults. */
	public record Settings(long organizationId, String cadence, String window, boolean own) {
	}

	private final JdbcClient jdbc;

	private final CampaignMails mails;

	private final Attestations findings;

	private final RecertificationProperties properties;

	private final Clock clock;

	Campaigns(JdbcClient jdbc, CampaignMails mails, Attestations findings, RecertificationProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.mails = mails;
		this.findings = findings;
		this.properties = properties;
		this.clock = clock;
	}

	/** Starts due rounds, sends due reminders and closes due rounds; answers how many mails were queued. */
	@Transactional
	public int run() {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('vigia.recertification'))").query().listOfRows();
		var now = clock.instant();
		int queued = start(now);
		queued += remind(now);
		close(now);
		return queued;
	}

	/** An organization's settings. */
	@Transactional(readOnly = true)
	public Settings settings(long organizationId) {
		requireOrganization(organizationId);
		return jdbc.sql("select cadence, response_window from recertification_setting where organization_id = :id")
			.param("id", organizationId)
			.query((rs, row) -> new Settings(organizationId, rs.getString("cadence"), rs.getString("response_window"), true))
			.optional()
			.orElse(new Settings(organizationId, properties.cadence().toString(), properties.window().toString(), false));
	}

	/**
	 * Sets an organization's cadence and window.
	 * @throws InvalidException naming the field, when a period is not ISO-8601 or not positive
	 */
	@Transactional
	public Settings configure(long organizationId, @Nullable String cadence, @Nullable String window) {
		requireOrganization(organizationId);
		var parsedCadence = cadence(cadence);
		var parsedWindow = window(window);
		jdbc.sql("""
				insert into recertification_setting (organization_id, cadence, response_window, updated_at)
				values (:id, :cadence, :window, :now)
				on conflict (organization_id) do update
				set cadence = excluded.cadence, response_window = excluded.response_window, updated_at = excluded.updated_at
				""").param("id", organizationId).param("cadence", parsedCadence.toString())
			.param("window", parsedWindow.toString()).param("now", Timestamp.from(clock.instant())).update();
		return settings(organizationId);
	}

	private static Period cadence(@Nullable String text) {
		try {
			var period = Period.parse(String.valueOf(text).strip());
			if (period.isNegative() || period.isZero()) {
				throw new InvalidAnswerException("problem.recertification.cadence", text);
			}
			return period;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidAnswerException("problem.recertification.cadence", text);
		}
	}

	private static Duration window(@Nullable String text) {
		try {
			var duration = Duration.parse(String.valueOf(text).strip());
			if (duration.compareTo(Duration.ofHours(1)) < 0) {
				throw new InvalidAnswerException("problem.recertification.window", text);
			}
			return duration;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidAnswerException("problem.recertification.window", text);
		}
	}

	private void requireOrganization(long organizationId) {
		if (jdbc.sql("select count(*) from registry_organizations organization where id = :id").param("id", organizationId)
			.query(Long.class).single() == 0) {
			throw new RecertificationNotFoundException("problem.no.organization", String.valueOf(organizationId));
		}
	}

	private record Due(long organizationId, String name, @Nullable String cadence, @Nullable String window,
			int lastNumber, @Nullable Instant lastOpened) {
	}

	private record Asked(long accountId, String handle, Platform platform, @Nullable String displayName,
			List<String> owners) {
	}

	private int start(Instant now) {
		var organizations = jdbc.sql("""
				select o.id, o.name, s.cadence, s.response_window, r.number, r.opens_at
				from registry_organizations o
				left join recertification_setting s on s.organization_id = o.id
				left join lateral (select number, opens_at from recertification_round r
				                   where r.organization_id = o.id order by number desc limit 1) r on true
				where exists (select 1 from registry_accounts a where a.organization_id = o.id and a.status = 'ACTIVE')
				order by o.id
				""").query((rs, row) -> new Due(rs.getLong("id"), rs.getString("name"), rs.getString("cadence"),
				rs.getString("response_window"), rs.getInt("number"),
				rs.getTimestamp("opens_at") == null ? null : rs.getTimestamp("opens_at").toInstant()))
			.list();
		int queued = 0;
		for (var organization : organizations) {
			var cadence = (organization.cadence() != null) ? Period.parse(organization.cadence()) : properties.cadence();
			var window = (organization.window() != null) ? Duration.parse(organization.window()) : properties.window();
			if (organization.lastOpened() != null
					&& organization.lastOpened().atOffset(ZoneOffset.UTC).plus(cadence).toInstant().isAfter(now)) {
				continue;
			}
			queued += open(organization, now, now.plus(window));
		}
		return queued;
	}

	private int open(Due organization, Instant now, Instant closes) {
		var round = jdbc.sql("""
				insert into recertification_round (organization_id, number, opens_at, closes_at)
				values (:org, :number, :now, :closes)
				on conflict (organization_id, number) do nothing
				returning id
				""").param("org", organization.organizationId()).param("number", organization.lastNumber() + 1)
			.param("now", Timestamp.from(now)).param("closes", Timestamp.from(closes))
			.query(Long.class)
			.optional();
		if (round.isEmpty()) {
			return 0;
		}
		var byRecipient = new LinkedHashMap<String, List<Asked>>();
		for (var account : accounts(organization.organizationId())) {
			for (var owner : account.owners()) {
				byRecipient.computeIfAbsent(owner, o -> new ArrayList<>()).add(account);
			}
		}
		var expires = closes.plus(properties.linkGrace());
		for (var entry : byRecipient.entrySet()) {
			var locale = mails.language(entry.getKey(), organization.organizationId());
			var request = jdbc.sql("""
					insert into recertification_request (round_id, recipient, locale, account_ids, asked_at, expires_at)
					values (:round, :recipient, :locale, :accounts, :now, :expires)
					returning id
					""").param("round", round.get()).param("recipient", entry.getKey())
				.param("locale", locale.toLanguageTag())
				.param("accounts", entry.getValue().stream().map(Asked::accountId).toArray(Long[]::new))
				.param("now", Timestamp.from(now)).param("expires", Timestamp.from(expires))
				.query(Long.class)
				.single();
			mails.queue(mail(CampaignMail.Kind.REQUEST, entry.getKey(), organization.organizationId(),
					organization.name(), entry.getValue(), link(request, now), closes), locale, now);
		}
		log.info("Recertification round {} of organization {} opened: {} accounts asked of {} people, closes at {}",
				organization.lastNumber() + 1, organization.organizationId(),
				byRecipient.values().stream().flatMap(List::stream).map(Asked::accountId).distinct().count(),
				byRecipient.size(), closes);
		return byRecipient.size();
	}

	/** A new link to the request: its path with a fresh token, of which only the hash is kept. */
	private String link(long requestId, Instant now) {
		var token = Tokens.fresh();
		jdbc.sql("insert into recertification_link (token_hash, request_id, created_at) values (:hash, :request, :now)")
			.param("hash", Tokens.hash(token)).param("request", requestId).param("now", Timestamp.from(now)).update();
		return "/recertify/" + token;
	}

	private static CampaignMail mail(CampaignMail.Kind kind, String recipient, long organizationId, String organization,
			List<Asked> accounts, String path, Instant closes) {
		return new CampaignMail(kind, recipient, organizationId, organization, accounts.stream()
			.map(a -> new CampaignMail.Account(a.handle(), a.platform().label(), a.displayName()))
			.toList(), path, closes);
	}

	/** The organization's active accounts, each with its owners: its contact, else its unit's contacts. */
	private List<Asked> accounts(long organizationId) {
		return jdbc.sql("""
				select a.id, a.handle, a.platform, a.display_name, a.contact_email, u.contact_emails
				from registry_accounts a left join registry_units u on u.id = a.unit_id
				where a.organization_id = :org and a.status = 'ACTIVE'
				order by a.platform, a.handle
				""").param("org", organizationId).query((rs, row) -> {
			var array = rs.getArray("contact_emails");
			return new Asked(rs.getLong("id"), rs.getString("handle"), Platform.valueOf(rs.getString("platform")),
					rs.getString("display_name"),
					owners(rs.getString("contact_email"), (array == null) ? null : (String[]) array.getArray()));
		}).list();
	}

	static List<String> owners(@Nullable String contact, String @Nullable [] unitContacts) {
		Set<String> owners = new LinkedHashSet<>();
		if (valid(contact)) {
			owners.add(contact.strip().toLowerCase(Locale.ROOT));
		}
		else if (unitContacts != null) {
			for (var address : unitContacts) {
				if (valid(address)) {
					owners.add(address.strip().toLowerCase(Locale.ROOT));
				}
			}
		}
		return List.copyOf(owners);
	}

	private static boolean valid(@Nullable String address) {
		return address != null && address.strip().length() <= 254 && ADDRESS.matcher(address.strip()).matches();
	}

	private record OpenRound(long id, long organizationId, String name, Instant opensAt, Instant closesAt,
			boolean remindedBefore, boolean remindedOnDay) {
	}

	private record Pending(long requestId, String recipient, Locale locale, List<Asked> accounts) {
	}

	private int remind(Instant now) {
		var rounds = jdbc.sql("""
				select r.id, r.organization_id, o.name, r.opens_at, r.closes_at,
				       r.reminded_before_at is not null as before, r.reminded_on_day_at is not null as on_day
				from recertification_round r join registry_organizations o on o.id = r.organization_id
				where r.closed_at is null and (r.reminded_before_at is null or r.reminded_on_day_at is null)
				order by r.id
				""").query((rs, row) -> new OpenRound(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("name"),
				rs.getTimestamp("opens_at").toInstant(), rs.getTimestamp("closes_at").toInstant(), rs.getBoolean("before"),
				rs.getBoolean("on_day")))
			.list();
		int queued = 0;
		for (var round : rounds) {
			var lastDay = LocalDate.ofInstant(round.closesAt(), ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
			var before = round.closesAt().minus(properties.reminderBefore());
			CampaignMail.Kind kind = null;
			if (!round.remindedOnDay() && !now.isBefore(lastDay) && now.isBefore(round.closesAt())) {
				kind = CampaignMail.Kind.LAST_DAY;
			}
			else if (!round.remindedBefore() && !now.isBefore(before) && before.isAfter(round.opensAt())
					&& now.isBefore(lastDay)) {
				kind = CampaignMail.Kind.REMINDER;
			}
			if (kind == null) {
				continue;
			}
			jdbc.sql("""
					update recertification_round set reminded_before_at = coalesce(reminded_before_at, :now),
					    reminded_on_day_at = case when :lastDay then :now else reminded_on_day_at end
					where id = :id
					""").param("now", Timestamp.from(now)).param("lastDay", kind == CampaignMail.Kind.LAST_DAY)
				.param("id", round.id()).update();
			for (var pending : pending(round.id())) {
				mails.queue(mail(kind, pending.recipient(), round.organizationId(), round.name(), pending.accounts(),
						link(pending.requestId(), now), round.closesAt()), pending.locale(), now);
				queued++;
			}
		}
		return queued;
	}

	/** Each request of the round with the accounts still unanswered in the round (and still active). */
	private List<Pending> pending(long roundId) {
		Map<Long, Pending> pending = new LinkedHashMap<>();
		jdbc.sql("""
				select q.id, q.recipient, q.locale, a.id as account_id, a.handle, a.platform, a.display_name
				from recertification_request q
				join registry_accounts a on a.id = any(q.account_ids) and a.status = 'ACTIVE'
				where q.round_id = :round
				  and not exists (select 1 from attestation t where t.round_id = q.round_id and t.account_id = a.id)
				order by q.id, a.platform, a.handle
				""").param("round", roundId).query(rs -> {
			pending.computeIfAbsent(rs.getLong("id"), id -> {
				try {
					return new Pending(id, rs.getString("recipient"), Locale.forLanguageTag(rs.getString("locale")),
							new ArrayList<>());
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}).accounts().add(new Asked(rs.getLong("account_id"), rs.getString("handle"),
					Platform.valueOf(rs.getString("platform")), rs.getString("display_name"), List.of()));
		});
		return List.copyOf(pending.values());
	}

	private void close(Instant now) {
		var rounds = jdbc.sql("""
				update recertification_round set closed_at = :now
				where closed_at is null and closes_at <= :now
				returning id, closes_at
				""").param("now", Timestamp.from(now))
			.query((rs, row) -> Map.entry(rs.getLong("id"), rs.getTimestamp("closes_at").toInstant()))
			.list();
		for (var round : rounds) {
			var unanswered = jdbc.sql("""
					select distinct a.id
					from recertification_request q
					join registry_accounts a on a.id = any(q.account_ids) and a.status = 'ACTIVE'
					where q.round_id = :round
					  and not exists (select 1 from attestation t where t.round_id = q.round_id and t.account_id = a.id)
					order by a.id
					""").param("round", round.getKey()).query(Long.class).list();
			findings.uncertified(unanswered, round.getValue(), now);
			log.info("Recertification round {} closed: {} accounts not recertified", round.getKey(), unanswered.size());
		}
	}

}
