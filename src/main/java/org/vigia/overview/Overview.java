package org.vigia.overview;

import org.vigia.common.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.Platform;

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
	 * @param coverage how many of the active accounts Vigía can check, and how
	 */
	public record Group(@Nullable Long id, String name, long accounts, Map<String, Long> byState,
			Map<String, Long> byPlatform, Map<String, Long> openFindings, @Nullable Double ownedShare,
			@Nullable Double medianSilentDays, List<Group> units, Share coverage) {

		public Group(@Nullable Long id, String name, long accounts, Map<String, Long> byState,
				Map<String, Long> byPlatform, Map<String, Long> openFindings, @Nullable Double ownedShare,
				@Nullable Double medianSilentDays, List<Group> units) {
			this(id, name, accounts, byState, byPlatform, openFindings, ownedShare, medianSilentDays, units,
					new Share(accounts, 0, 0, 0, accounts, Map.of(), Map.of()));
		}

	}

	/**
	 * How a group's active accounts are watched (see {@code AccountHealth.WatchedBy}).
	 * @param watched those Vigía can check: {@code publicly} plus through a {@code connection}
	 * @param none those nothing reaches
	 * @param connectable of those, by platform id, the ones a connection could reach (connecting would raise the share)
	 * @param unsupported of those, by platform id, the ones no configured connection reaches
	 */
	public record Share(long accounts, long watched, long publicly, long connection, long none,
			Map<String, Long> connectable, Map<String, Long> unsupported) {

		/** The share of accounts Vigía can check, 0 to 1; null without accounts. */
		public @Nullable Double share() {
			return (accounts == 0) ? null : (double) watched / accounts;
		}

		/** A platform id's name for people. */
		public String label(String platformId) {
			return Platform.fromId(platformId).map(Platform::label).orElse(platformId);
		}

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

		long publicly;

		long connection;

		final Map<String, Long> unwatched = new TreeMap<>();

	}

	/**
	 * Accounts by organization and unit (and all together): in total, with an owner, the median silence, and by state
	 * and platform in columns of their own ({@code state:ACTIVE}, {@code platform:BLUESKY}), in one pass over the health
	 * snapshot. {@code level} is GROUPING(organization, unit): 3 for all, 1 for an organization, 0 for a unit.
	 */
	private static final String ACCOUNTS = """
			select organization_id, /*unit*/ as unit_id, /*level*/ as level, count(*) as n,
			       count(*) filter (where owned) as owned,
			       percentile_cont(0.5) within group (order by date_part('epoch', :now::timestamptz - last_activity_at) / 86400)
			           as median
			       /*columns*/
			from (select s.*, s.platform in (/*public*/) as watched_publicly,
			             not s.platform in (/*public*/) and exists (
			                 select 1 from connections_account_coverage v
			                 where v.valid and (v.account_id = s.account_id
			                     or (s.platform = 'INSTAGRAM' and v.platform = 'INSTAGRAM'
			                         and v.organization_id = s.organization_id))) as watched_connection
			      from account_health_snapshot s) account_health_snapshot
			where status = 'ACTIVE' /*organization*/
			group by grouping sets (/*sets*/)
			""";

	/** The standing findings the same way: by type, for all, by organization and (when asked) by unit. */
	private static final String FINDINGS = """
			select f.organization_id, /*unit*/ as unit_id, /*level*/ as level, f.type, count(*) as n
			from health_findings f left join registry_accounts a on a.id = f.account_id
			where f.status in ('OPEN', 'ACKNOWLEDGED') /*organization*/
			group by grouping sets (/*sets*/)
			""";

	private static final String BY_STATE_AND_PLATFORM = AccountDirectory.STATES.stream()
		.map(state -> ", count(*) filter (where state = '%s') as \"state:%s\"".formatted(state, state))
		.collect(Collectors.joining())
			+ Arrays.stream(Platform.values())
				.map(platform -> ", count(*) filter (where platform = '%s') as \"platform:%s\"".formatted(platform.name(),
						platform.name()))
				.collect(Collectors.joining())
			+ ", count(*) filter (where watched_publicly) as watched_publicly"
			+ ", count(*) filter (where watched_connection) as watched_connection"
			+ Arrays.stream(Platform.values())
				.filter(platform -> !platform.pollable())
				.map(platform -> (", count(*) filter (where platform = '%s' and not watched_connection) as \"unwatched:%s\"")
					.formatted(platform.name(), platform.name()))
				.collect(Collectors.joining());

	private static final String PUBLIC = Arrays.stream(Platform.values())
		.filter(Platform::pollable)
		.map(platform -> "'" + platform.name() + "'")
		.collect(Collectors.joining(", "));

	private final JdbcClient jdbc;

	private final Clock clock;

	private final HealthSnapshot snapshot;

	private final Watching watching;

	private final Visibility visibility;

	Overview(JdbcClient jdbc, Clock clock, HealthSnapshot snapshot, Watching watching, Visibility visibility) {
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.clock = clock;
		this.snapshot = snapshot;
		this.watching = watching;
	}

	/** The overview, each organization with its units, of the organizations the person asking may see. */
	public Report report() {
		return report(true, null);
	}

	/** One organization with its units, or null when it has no active account. */
	public @Nullable Group organization(long organizationId) {
		if (!visibility.seen().contains(organizationId)) {
			return null;
		}
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
		snapshot.refresh();
		var now = clock.instant();
		var nowParam = Rows.timestamp(now);
		Map<Key, Builder> groups = new HashMap<>();
		// Two statements, each one pass: the accounts' health from the snapshot, the standing findings from their table.
		// One organization's figures: a statement of its own, so that the planner sees no optional filter.
		var seen = visibility.seen();
		Map<String, Object> params = new HashMap<>();
		if (organizationId != null) {
			params.put("organizationId", organizationId);
		}
		if (!seen.all()) {
			params.put("seen", seen.array());
		}
		jdbc.sql(grouped(ACCOUNTS, withUnits, organizationId != null, !seen.all(), "organization_id", "unit_id", null)
			.replace("/*columns*/", BY_STATE_AND_PLATFORM)
			.replace("/*public*/", PUBLIC))
			.param("now", nowParam)
			.params(params)
			.query(rs -> {
				var group = groups.computeIfAbsent(key(rs), k -> new Builder());
				group.accounts = rs.getLong("n");
				group.owned = rs.getLong("owned");
				double median = rs.getDouble("median");
				group.median = rs.wasNull() ? null : Math.round(median * 10) / 10.0;
				for (var state : AccountDirectory.STATES) {
					long n = rs.getLong("state:" + state);
					if (n > 0) {
						group.byState.put(state, n);
					}
				}
				for (var platform : Platform.values()) {
					long n = rs.getLong("platform:" + platform.name());
					if (n > 0) {
						group.byPlatform.put(platform.name().toLowerCase(Locale.ROOT), n);
					}
					if (!platform.pollable()) {
						long unwatched = rs.getLong("unwatched:" + platform.name());
						if (unwatched > 0) {
							group.unwatched.put(platform.id(), unwatched);
						}
					}
				}
				group.publicly = rs.getLong("watched_publicly");
				group.connection = rs.getLong("watched_connection");
			});
		// A unit's own finding (several accounts on one network) counts for the unit, like its accounts' findings.
		jdbc.sql(grouped(FINDINGS, withUnits, organizationId != null, !seen.all(), "f.organization_id",
				"coalesce(f.unit_id, a.unit_id)",
				"f.type"))
			.params(params)
			.query(rs -> {
				var key = key(rs);
				if (key.level() != 3 && key.organizationId() == null) {
					return; // platform-level findings count in the total only
				}
				groups.computeIfAbsent(key, k -> new Builder()).findings.put(rs.getString("type"), rs.getLong("n"));
			});
		Map<Long, String> organizations = new HashMap<>();
		jdbc.sql("select id, name from registry_organizations organization").query(rs -> {
			organizations.put(rs.getLong("id"), rs.getString("name"));
		});
		Map<Long, String> units = new HashMap<>();
		jdbc.sql("select id, name from registry_units unit").query(rs -> {
			units.put(rs.getLong("id"), rs.getString("name"));
		});
		var connectable = watching.connectable();
		var total = group(null, "All organizations", groups.getOrDefault(new Key(null, null, 3), new Builder()), List.of(),
				connectable);
		var result = new ArrayList<Group>();
		// Units by organization in one pass: a network of hundreds of organizations is no quadratic loop.
		Map<Long, List<Group>> unitsByOrganization = new HashMap<>();
		groups.forEach((key, builder) -> {
			if (key.level() == 0 && key.organizationId() != null) {
				unitsByOrganization.computeIfAbsent(key.organizationId(), id -> new ArrayList<>())
					.add(group(key.unitId(), key.unitId() == null ? "(no unit)" : units.getOrDefault(key.unitId(), "?"),
							builder, List.of(), connectable));
			}
		});
		groups.forEach((key, builder) -> {
			if (key.level() == 1 && key.organizationId() != null) {
				var unitGroups = unitsByOrganization.getOrDefault(key.organizationId(), new ArrayList<>());
				unitGroups.sort(Comparator.comparing(Group::name));
				result.add(group(key.organizationId(), organizations.getOrDefault(key.organizationId(), "?"), builder,
						List.copyOf(unitGroups), connectable));
			}
		});
		result.sort(Comparator.comparing(Group::name));
		return new Report(now, total, result);
	}

	/**
	 * Which unit is present on which network: active accounts per organization, unit and platform, and how many of them
	 * have an owner (a unit and a contact).
	 * @param manyByDesign whether the unit runs many accounts by design, so that several on one network are expected
	 */
	public record Coverage(long organizationId, @Nullable Long unitId, String platform, long accounts, long owned,
			boolean manyByDesign) {
	}

	/** @param organizationId the organization whose coverage is wanted */
	public List<Coverage> coverage(long organizationId) {
		if (!visibility.seen().contains(organizationId)) {
			return List.of();
		}
		return jdbc.sql("""
				select a.organization_id, a.unit_id, lower(a.platform) as platform, count(*) as accounts,
				       count(*) filter (where a.unit_id is not null
				                        and (nullif(btrim(a.contact_email), '') is not null
				                             or cardinality(u.contact_emails) > 0)) as owned,
				       coalesce(bool_or(u.manages_many_accounts), false) as many_by_design
				from registry_accounts a left join registry_units u on u.id = a.unit_id
				where a.status = 'ACTIVE' and a.organization_id = :organizationId
				group by a.organization_id, a.unit_id, a.platform
				""").param("organizationId", organizationId).query((rs, row) -> new Coverage(rs.getLong("organization_id"), Rows.nullableLong(rs, "unit_id"),
				rs.getString("platform"), rs.getLong("accounts"), rs.getLong("owned"), rs.getBoolean("many_by_design")))
			.list();
	}

	/**
	 * A statement grouped for all, by organization and (with units) by organization and unit, each also by
	 * {@code by} when given; for one organization when asked.
	 */
	private static String grouped(String statement, boolean withUnits, boolean oneOrganization, boolean restricted,
			String organization, String unit, @Nullable String by) {
		var groupings = withUnits ? List.of(List.<String>of(), List.of(organization), List.of(organization, unit))
				: List.of(List.<String>of(), List.of(organization));
		var sets = groupings.stream().map(columns -> {
			var all = new ArrayList<>(columns);
			if (by != null) {
				all.add(by);
			}
			return "(" + String.join(", ", all) + ")";
		}).collect(Collectors.joining(", "));
		return statement.replace("/*unit*/", withUnits ? unit : "null::bigint")
			.replace("/*level*/",
					withUnits ? "grouping(%s, %s)".formatted(organization, unit)
							: "2 * grouping(%s) + 1".formatted(organization))
			.replace("/*sets*/", sets)
			.replace("/*organization*/", (oneOrganization ? "and %s = :organizationId".formatted(organization) : "")
					+ (restricted ? " and %s = any(:seen)".formatted(organization) : ""));
	}

	private static Key key(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Key(Rows.nullableLong(rs, "organization_id"), Rows.nullableLong(rs, "unit_id"),
				rs.getInt("level"));
	}

	private static Group group(@Nullable Long id, String name, Builder builder, List<Group> units,
			Set<Platform> connectable) {
		var canConnect = new TreeMap<String, Long>();
		var unsupported = new TreeMap<String, Long>();
		builder.unwatched.forEach((platform, n) -> (connectable.contains(Platform.fromId(platform).orElseThrow())
				? canConnect : unsupported).put(platform, n));
		long watched = builder.publicly + builder.connection;
		var share = new Share(builder.accounts, watched, builder.publicly, builder.connection,
				builder.accounts - watched, canConnect, unsupported);
		return new Group(id, name, builder.accounts, builder.byState, builder.byPlatform, builder.findings,
				builder.accounts == 0 ? null : (double) builder.owned / builder.accounts, builder.median, units, share);
	}

}
