package org.vigia.health;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.Platform;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the rules need, set-based: the facts of a set of accounts in one query, the groups of duplicates and the
 * platforms' failure counts in one query each, whatever the number of accounts.
 */
@Repository
class FactsRepository {

	/** How many of a platform's checked accounts are unreachable. */
	record PlatformStats(int unreachable, int checked) {
	}

	private final JdbcClient jdbc;

	private final HealthProperties properties;

	private final JsonMapper json;

	FactsRepository(JdbcClient jdbc, HealthProperties properties, JsonMapper json) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.json = json;
	}

	/**
	 * Locks these accounts against other evaluators until the transaction ends (always in id order, as the poller writes
	 * them: no deadlocks), and answers those that exist.
	 */
	List<Long> lock(List<Long> accountIds) {
		return jdbc.sql("select id from registry_accounts account where id = any(:ids) order by id for no key update")
			.param("ids", accountIds.toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	/**
	 * Locks and answers the next accounts of a sweep: active ones, and archived ones with standing findings. The
	 * {@code offset 0} keeps the EXISTS a per-row lookup in finding_account_idx, made only for archived accounts;
	 * without it PostgreSQL hashes every standing finding for every chunk, which makes a sweep quadratic.
	 */
	List<Long> lockNext(long afterId, int limit) {
		return jdbc.sql("""
				select a.id from registry_accounts a
				where a.id > :after
				  and (a.status = 'ACTIVE'
				       or exists (select 1 from finding f where f.account_id = a.id and f.status <> 'RESOLVED' offset 0))
				order by a.id
				limit :limit
				for no key update
				""").param("after", afterId).param("limit", limit).query(Long.class).list();
	}

	List<AccountFacts> facts(List<Long> accountIds, HealthProperties.GuidelineDefaults defaults) {
		return jdbc.sql("""
				select a.id, a.organization_id, o.name as organization_name, o.aliases, o.official_domains, a.unit_id,
				       u.name as unit_name, u.contact_emails, a.contact_email, a.platform, a.handle, a.status,
				       a.max_silence_days, s.handle = a.handle as state_current, s.last_checked_at, s.last_success_at,
				       s.last_activity_at, s.newest_post_url, s.last_outcome, s.last_http_status, s.outcome_streak,
				       s.consecutive_failures, s.failing_since, s.last_error, s.moved_to, s.platform_id, s.recent_posts,
				       s.reply_share, p.id as profile_id, p.display_name, p.bio, p.avatar_url, p.fields::text as fields,
				       p.created_at as profile_created_at, g.organization_id as guideline_id,
				       g.display_name_contains_name, g.official_link, g.avatar, g.handle_pattern,
				       r.last_post_at as reported_last_post_at, r.reported_by, r.reported_at
				from registry_accounts a
				join registry_organizations o on o.id = a.organization_id
				left join registry_units u on u.id = a.unit_id
				left join polling_account_states s on s.account_id = a.id
				left join polling_profiles p on p.id = s.profile_id and s.handle = a.handle
				left join organization_guideline g on g.organization_id = a.organization_id
				left join recertification_reported_activity r on r.account_id = a.id
				where a.id = any(:ids)
				order by a.id
				""").param("ids", accountIds.toArray(Long[]::new)).query((rs, row) -> facts(rs, defaults)).list();
	}

	/**
	 * Groups of active accounts registered for one real account, and the units running several active accounts on one
	 * network (one bounded group per unit and network).
	 * @param accountIds the accounts whose groups (and whose units' groups) are wanted, or null for all
	 */
	Context context(@Nullable List<Long> accountIds, Map<Platform, PlatformStats> stats) {
		boolean all = accountIds == null;
		var ids = all ? new Long[0] : accountIds.toArray(Long[]::new);
		Map<Long, List<Context.Peer>> sameAccount = new HashMap<>();
		// A Mastodon account id is unique on its server only: the server is part of the identity. For a batch, only
		// the accounts sharing a platform id with it are read (an index lookup), not every account.
		jdbc.sql("""
				select array_agg(a.id) as ids, array_agg(a.handle) as handles
				from registry_accounts a join polling_account_states s on s.account_id = a.id and s.handle = a.handle
				where a.status = 'ACTIVE' and s.platform_id is not null %s
				group by a.platform,
				         case when a.platform = 'MASTODON' then s.platform_id || '@' || split_part(a.handle, '@', 2)
				              else s.platform_id end
				having count(*) > 1
				""".formatted(all ? "" : """
				and s.platform_id in (select platform_id from polling_account_states account_state
				                      where account_id = any(:ids) and platform_id is not null)
				"""))
			.params(all ? Map.of() : Map.of("ids", ids))
			.query(rs -> {
				group(rs, sameAccount);
			});
		var units = all ? unitGroups("", Map.of())
				: unitGroups("and a.unit_id in (select unit_id from registry_accounts where id = any(:ids))",
						Map.of("ids", ids));
		var outages = new java.util.HashSet<Platform>();
		stats.forEach((platform, counts) -> {
			if (properties.outage(counts.unreachable(), counts.checked())) {
				outages.add(platform);
			}
		});
		return new Context(sameAccount, units, Set.copyOf(outages));
	}

	/** One unit's groups: its networks where it runs several active accounts. */
	Map<Context.UnitNetwork, Context.UnitGroup> unitGroups(long unitId) {
		return unitGroups("and a.unit_id = :unitId", Map.of("unitId", unitId));
	}

	/**
	 * The units running several active accounts on one network where the rule applies, each with its count, its oldest
	 * few accounts and a digest of all of them: one row per unit and network, however many accounts the unit has.
	 * @param filter a condition on the accounts {@code a}, ANDed to the others
	 */
	private Map<Context.UnitNetwork, Context.UnitGroup> unitGroups(String filter, Map<String, ?> params) {
		Map<Context.UnitNetwork, Context.UnitGroup> groups = new HashMap<>();
		var platforms = properties.sameUnitPlatforms().stream().map(Platform::name).toArray(String[]::new);
		if (platforms.length == 0) {
			return groups;
		}
		jdbc.sql("""
				select a.unit_id, u.organization_id, u.name, u.manages_many_accounts, a.platform, count(*) as accounts,
				       (array_agg(a.id order by a.id))[1 : %d] as ids, (array_agg(a.handle order by a.id))[1 : %d] as handles,
				       md5(string_agg(a.id::text, ',' order by a.id)) as digest
				from registry_accounts a join registry_units u on u.id = a.unit_id
				where a.status = 'ACTIVE' and a.platform = any(:platforms) %s
				group by a.unit_id, u.organization_id, u.name, u.manages_many_accounts, a.platform
				having count(*) > 1
				""".formatted(Context.UnitGroup.SHOWN, Context.UnitGroup.SHOWN, filter))
			.params(params)
			.param("platforms", platforms)
			.query(rs -> {
				var accountIds = (Long[]) rs.getArray("ids").getArray();
				var handles = (String[]) rs.getArray("handles").getArray();
				var first = new ArrayList<Context.Peer>(accountIds.length);
				for (int i = 0; i < accountIds.length; i++) {
					first.add(new Context.Peer(accountIds[i], handles[i]));
				}
				var platform = Platform.valueOf(rs.getString("platform"));
				var group = new Context.UnitGroup(rs.getLong("unit_id"), rs.getLong("organization_id"),
						rs.getString("name"), platform, rs.getInt("accounts"), first, rs.getString("digest"),
						rs.getBoolean("manages_many_accounts"));
				groups.put(new Context.UnitNetwork(group.unitId(), platform), group);
			});
		return groups;
	}

	/** By platform: how many active, checked accounts there are and how many of them are unreachable. */
	Map<Platform, PlatformStats> platformStats() {
		var stats = new EnumMap<Platform, PlatformStats>(Platform.class);
		jdbc.sql("""
				select a.platform, count(*) filter (where s.consecutive_failures >= :after) as unreachable, count(*) as checked
				from registry_accounts a join polling_account_states s on s.account_id = a.id
				where a.status = 'ACTIVE' and s.last_checked_at is not null and s.last_outcome <> 'UNSUPPORTED'
				group by a.platform
				""").param("after", properties.unreachableAfter()).query(rs -> {
			stats.put(Platform.valueOf(rs.getString("platform")),
					new PlatformStats(rs.getInt("unreachable"), rs.getInt("checked")));
		});
		return stats;
	}

	/** The stored findings about these accounts. */
	Map<String, Lifecycle.Stored> storedForAccounts(List<Long> accountIds) {
		return stored(jdbc.sql("""
				select id, type, subject_key, status, fingerprint, dismissed_until from finding
				where account_id = any(:ids)
				  and type not in ('IMPERSONATION', 'UNREGISTERED', 'LOST_CONTROL', 'ACCOUNT_SECURITY', 'UNCERTIFIED',
				                   'ACCESS_LOST', 'CONNECTION_EXPIRING')
				""").param("ids", accountIds.toArray(Long[]::new)));
	}

	/** The stored findings about these units (all units' when null), by unit and network. */
	Map<String, Lifecycle.Stored> storedForUnits(@Nullable Collection<Long> unitIds) {
		if (unitIds == null) {
			return stored(jdbc.sql("""
					select id, type, subject_key, status, fingerprint, dismissed_until from finding
					where unit_id is not null and type = 'DUPLICATE'
					"""));
		}
		return stored(jdbc.sql("""
				select id, type, subject_key, status, fingerprint, dismissed_until from finding
				where unit_id = any(:ids) and type = 'DUPLICATE'
				""").param("ids", unitIds.toArray(Long[]::new)));
	}

	/** The stored platform-level findings. */
	Map<String, Lifecycle.Stored> storedForPlatforms() {
		return stored(jdbc.sql("""
				select id, type, subject_key, status, fingerprint, dismissed_until from finding
				where subject_key like 'platform:%' for update
				"""));
	}

	private static Map<String, Lifecycle.Stored> stored(JdbcClient.StatementSpec statement) {
		Map<String, Lifecycle.Stored> stored = new HashMap<>();
		statement.query(rs -> {
			var finding = new Lifecycle.Stored(rs.getLong("id"), FindingType.valueOf(rs.getString("type")),
					rs.getString("subject_key"), FindingStatus.valueOf(rs.getString("status")),
					rs.getString("fingerprint"), instant(rs, "dismissed_until"));
			stored.put(key(finding.type(), finding.subjectKey()), finding);
		});
		return stored;
	}

	static String key(FindingType type, String subjectKey) {
		return type + " " + subjectKey;
	}

	/** Adds a group, oldest registration first (sorted here: ordered aggregates cost PostgreSQL a sort per group). */
	private static void group(ResultSet rs, Map<Long, List<Context.Peer>> groups) throws SQLException {
		var ids = (Long[]) rs.getArray("ids").getArray();
		var handles = (String[]) rs.getArray("handles").getArray();
		var peers = new ArrayList<Context.Peer>(ids.length);
		for (int i = 0; i < ids.length; i++) {
			peers.add(new Context.Peer(ids[i], handles[i]));
		}
		peers.sort(java.util.Comparator.comparingLong(Context.Peer::accountId));
		var group = List.copyOf(peers);
		for (var id : ids) {
			groups.put(id, group);
		}
	}

	private AccountFacts facts(ResultSet rs, HealthProperties.GuidelineDefaults defaults) throws SQLException {
		AccountFacts.State state = null;
		if (rs.getBoolean("state_current")) {
			var outcome = rs.getString("last_outcome");
			state = new AccountFacts.State(instant(rs, "last_checked_at"), instant(rs, "last_success_at"),
					instant(rs, "last_activity_at"), rs.getString("newest_post_url"),
					(outcome != null) ? CheckOutcome.valueOf(outcome) : null, integer(rs, "last_http_status"),
					rs.getInt("outcome_streak"), rs.getInt("consecutive_failures"), instant(rs, "failing_since"),
					rs.getString("last_error"), rs.getString("moved_to"), rs.getString("platform_id"),
					integer(rs, "recent_posts"), decimal(rs, "reply_share"));
		}
		AccountFacts.ProfileFacts profile = null;
		rs.getLong("profile_id");
		if (!rs.wasNull()) {
			profile = new AccountFacts.ProfileFacts(rs.getString("display_name"), rs.getString("bio"),
					rs.getString("avatar_url"), links(rs.getString("fields")), instant(rs, "profile_created_at"));
		}
		rs.getLong("guideline_id");
		var guideline = rs.wasNull() ? Guideline.of(defaults)
				: new Guideline(rs.getBoolean("display_name_contains_name"), rs.getBoolean("official_link"),
						rs.getBoolean("avatar"), rs.getString("handle_pattern"), true);
		var reportedAt = instant(rs, "reported_last_post_at");
		var reported = (reportedAt == null) ? null
				: new AccountFacts.Reported(reportedAt, rs.getString("reported_by"), instant(rs, "reported_at"));
		return new AccountFacts(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("organization_name"),
				strings(rs.getArray("aliases")), strings(rs.getArray("official_domains")),
				FindingWriter.nullableLong(rs, "unit_id"), rs.getString("unit_name"), strings(rs.getArray("contact_emails")),
				rs.getString("contact_email"), Platform.valueOf(rs.getString("platform")), rs.getString("handle"),
				"ACTIVE".equals(rs.getString("status")), integer(rs, "max_silence_days"), state, profile, guideline,
				reported);
	}

	private List<String> links(@Nullable String fields) {
		if (fields == null) {
			return List.of();
		}
		var links = new ArrayList<String>();
		for (JsonNode field : json.readTree(fields)) {
			var value = field.get("value");
			if (value != null && value.isString()) {
				links.add(value.asString());
			}
		}
		return links;
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		return (array == null) ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable Double decimal(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

}
