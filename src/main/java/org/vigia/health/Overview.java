package org.vigia.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The overview: per organization and unit, how the active accounts are doing. A few aggregate queries in all. */
@Service
@Transactional(readOnly = true)
public class Overview {

	/**
	 * One group of accounts: everything, an organization, or a unit.
	 * @param id the organization's or unit's id; null for everything and for an organization's accounts without a unit
	 * @param accounts active accounts
	 * @param byState active accounts by health state
	 * @param byPlatform active accounts by platform id
	 * @param openFindings open and acknowledged findings by type
	 * @param ownedShare share of active accounts with a unit and a contact (0 to 1), null without accounts
	 * @param medianSilentDays median days since the newest public post, among accounts whose newest post is known
	 * @param units an organization's units (empty elsewhere)
	 */
	public record Group(@Nullable Long id, String name, long accounts, Map<String, Long> byState,
			Map<String, Long> byPlatform, Map<String, Long> openFindings, @Nullable Double ownedShare,
			@Nullable Double medianSilentDays, List<Group> units) {
	}

	/** The whole overview. */
	public record Report(Instant generatedAt, Group total, List<Group> organizations) {
	}

	private record Key(@Nullable Long organizationId, @Nullable Long unitId, int level) {
	}

	private static final class Builder {

		long accounts;

		long owned;

		@Nullable Double median;

		final Map<String, Long> byState = new TreeMap<>();

		final Map<String, Long> byPlatform = new TreeMap<>();

		final Map<String, Long> findings = new TreeMap<>();

	}

	private static final String ACCOUNTS = """
			with acct as (
			    select h.account_id, h.organization_id, h.unit_id, lower(h.platform) as platform, h.state,
			           extract(epoch from (:now::timestamptz - h.last_activity_at)) / 86400 as silent_days,
			           (a.unit_id is not null
			            and (nullif(btrim(a.contact_email), '') is not null or cardinality(u.contact_emails) > 0)) as owned
			    from account_health h
			    join account a on a.id = h.account_id
			    left join unit u on u.id = a.unit_id
			    where h.status = 'ACTIVE' /*organization*/
			)
			""";

	/**
	 * Accounts by organization and unit (and all together) in total, by state and by platform, and the standing
	 * findings the same way; {@code level} is GROUPING(organization, unit): 3 for all, 1 for an organization, 0 for a
	 * unit.
	 */
	private static final String WITH_UNITS = ACCOUNTS + """
			select organization_id, unit_id, grouping(organization_id, unit_id) as level, 'total' as kind,
			       null as value, count(*) as n, count(*) filter (where owned) as owned,
			       percentile_cont(0.5) within group (order by silent_days) as median
			from acct group by grouping sets ((), (organization_id), (organization_id, unit_id))
			union all
			select organization_id, unit_id, grouping(organization_id, unit_id), 'state', state, count(*), null, null
			from acct
			group by grouping sets ((state), (organization_id, state), (organization_id, unit_id, state))
			union all
			select organization_id, unit_id, grouping(organization_id, unit_id), 'platform', platform, count(*), null,
			       null
			from acct
			group by grouping sets ((platform), (organization_id, platform), (organization_id, unit_id, platform))
			union all
			select f.organization_id, a.unit_id, grouping(f.organization_id, a.unit_id), 'finding', f.type, count(*),
			       null, null
			from finding f left join account a on a.id = f.account_id
			where f.status in ('OPEN', 'ACKNOWLEDGED')
			  /*finding organization*/
			group by grouping sets ((f.type), (f.organization_id, f.type), (f.organization_id, a.unit_id, f.type))
			""";

	/** The same without the units: the level of an organization is still 1, and of all of them 3. */
	private static final String WITHOUT_UNITS = ACCOUNTS + """
			select organization_id, null::bigint as unit_id, 2 * grouping(organization_id) + 1 as level, 'total' as kind,
			       null as value, count(*) as n, count(*) filter (where owned) as owned,
			       percentile_cont(0.5) within group (order by silent_days) as median
			from acct group by grouping sets ((), (organization_id))
			union all
			select organization_id, null, 2 * grouping(organization_id) + 1, 'state', state, count(*), null, null
			from acct
			group by grouping sets ((state), (organization_id, state))
			union all
			select organization_id, null, 2 * grouping(organization_id) + 1, 'platform', platform, count(*), null, null
			from acct
			group by grouping sets ((platform), (organization_id, platform))
			union all
			select f.organization_id, null, 2 * grouping(f.organization_id) + 1, 'finding', f.type, count(*), null, null
			from finding f
			where f.status in ('OPEN', 'ACKNOWLEDGED')
			group by grouping sets ((f.type), (f.organization_id, f.type))
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	Overview(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The overview, each organization with its units. */
	public Report report() {
		return report(true, null);
	}

	/** One organization with its units, or null when it has no active account. */
	public @Nullable Group organization(long organizationId) {
		return report(true, organizationId).organizations().stream().findFirst().orElse(null);
	}

	/**
	 * The overview without the units of each organization ({@code units} empty): what the dashboard's overview shows,
	 * at a third of the rows to aggregate and read.
	 */
	public Report summary() {
		return report(false, null);
	}

	private Report report(boolean withUnits, @Nullable Long organizationId) {
		var now = clock.instant();
		var nowParam = FindingWriter.timestamp(now);
		Map<Key, Builder> groups = new HashMap<>();
		// One statement: the health view is computed once for all three groupings (it was three times), and the
		// findings ride along, so the overview costs one pass over the accounts and one round trip.
		var statement = withUnits ? WITH_UNITS : WITHOUT_UNITS;
		// One organization's figures: its accounts and findings only (a statement of its own, so that the planner
		// sees no optional filter in the statement for all of them).
		statement = (organizationId != null)
				? statement.replace("/*organization*/", "and h.organization_id = :organizationId")
					.replace("/*finding organization*/", "and f.organization_id = :organizationId")
				: statement;
		jdbc.sql(statement).param("now", nowParam).params((organizationId != null) ? Map.of("organizationId", organizationId) : Map.of()).query(rs -> {
			var key = key(rs);
			var kind = rs.getString("kind");
			if (kind.equals("finding") && key.level() != 3 && key.organizationId() == null) {
				return; // platform-level findings count in the total only
			}
			var group = groups.computeIfAbsent(key, k -> new Builder());
			switch (kind) {
				case "total" -> {
					group.accounts = rs.getLong("n");
					group.owned = rs.getLong("owned");
					double median = rs.getDouble("median");
					group.median = rs.wasNull() ? null : Math.round(median * 10) / 10.0;
				}
				case "state" -> group.byState.put(rs.getString("value"), rs.getLong("n"));
				case "platform" -> group.byPlatform.put(rs.getString("value"), rs.getLong("n"));
				default -> group.findings.put(rs.getString("value"), rs.getLong("n"));
			}
		});
		Map<Long, String> organizations = new HashMap<>();
		jdbc.sql("select id, name from organization").query(rs -> {
			organizations.put(rs.getLong("id"), rs.getString("name"));
		});
		Map<Long, String> units = new HashMap<>();
		jdbc.sql("select id, name from unit").query(rs -> {
			units.put(rs.getLong("id"), rs.getString("name"));
		});
		var total = group(null, "All organizations", groups.getOrDefault(new Key(null, null, 3), new Builder()), List.of());
		var result = new ArrayList<Group>();
		// Units by organization in one pass: a network of hundreds of organizations is no quadratic loop.
		Map<Long, List<Group>> unitsByOrganization = new HashMap<>();
		groups.forEach((key, builder) -> {
			if (key.level() == 0 && key.organizationId() != null) {
				unitsByOrganization.computeIfAbsent(key.organizationId(), id -> new ArrayList<>())
					.add(group(key.unitId(), key.unitId() == null ? "(no unit)" : units.getOrDefault(key.unitId(), "?"),
							builder, List.of()));
			}
		});
		groups.forEach((key, builder) -> {
			if (key.level() == 1 && key.organizationId() != null) {
				var unitGroups = unitsByOrganization.getOrDefault(key.organizationId(), new ArrayList<>());
				unitGroups.sort(Comparator.comparing(Group::name));
				result.add(group(key.organizationId(), organizations.getOrDefault(key.organizationId(), "?"), builder,
						List.copyOf(unitGroups)));
			}
		});
		result.sort(Comparator.comparing(Group::name));
		return new Report(now, total, result);
	}

	/**
	 * Which unit is present on which network: active accounts per organization, unit and platform, and how many of them
	 * have an owner (a unit and a contact).
	 */
	public record Coverage(long organizationId, @Nullable Long unitId, String platform, long accounts, long owned) {
	}

	/** @param organizationId the organization whose coverage is wanted */
	public List<Coverage> coverage(long organizationId) {
		return jdbc.sql("""
				select a.organization_id, a.unit_id, lower(a.platform) as platform, count(*) as accounts,
				       count(*) filter (where a.unit_id is not null
				                        and (nullif(btrim(a.contact_email), '') is not null
				                             or cardinality(u.contact_emails) > 0)) as owned
				from account a left join unit u on u.id = a.unit_id
				where a.status = 'ACTIVE' and a.organization_id = :organizationId
				group by a.organization_id, a.unit_id, a.platform
				""").param("organizationId", organizationId).query((rs, row) -> new Coverage(rs.getLong("organization_id"), FindingWriter.nullableLong(rs, "unit_id"),
				rs.getString("platform"), rs.getLong("accounts"), rs.getLong("owned"))).list();
	}

	private static Key key(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Key(FindingWriter.nullableLong(rs, "organization_id"), FindingWriter.nullableLong(rs, "unit_id"),
				rs.getInt("level"));
	}

	private static Group group(@Nullable Long id, String name, Builder builder, List<Group> units) {
		return new Group(id, name, builder.accounts, builder.byState, builder.byPlatform, builder.findings,
				builder.accounts == 0 ? null : (double) builder.owned / builder.accounts, builder.median, units);
	}

}
