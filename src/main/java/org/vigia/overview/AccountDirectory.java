package org.vigia.overview;

import org.vigia.common.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.Platform;

/** The active accounts with their health, filtered and sorted in the database, a page at a time. */
@Service
@Transactional(readOnly = true)
public class AccountDirectory {

	/** Health states an account can be in. */
	public static final List<String> STATES = java.util.Arrays.stream(HealthState.values()).map(Enum::name).toList();

	/**
	 * Which accounts, in what order.
	 * @param sort {@code silence} (longest silent first), {@code handle} or {@code organization}
	 */
	public record Query(@Nullable Long organizationId, @Nullable Long unitId, @Nullable Platform platform,
			@Nullable String state, @Nullable String text, String sort) {

		public static final Set<String> SORTS = Set.of("silence", "handle", "organization");

	}

	/** One account as a list shows it. */
	public record Row(long id, long organizationId, String organization, @Nullable Long unitId, @Nullable String unit,
			String platform, String handle, String url, @Nullable String displayName, String state,
			@Nullable Instant lastActivityAt, @Nullable Long silentDays, @Nullable Instant lastCheckedAt,
			@Nullable String lastOutcome, List<String> findings) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final HealthSnapshot snapshot;

	private final Visibility visibility;

	AccountDirectory(JdbcClient jdbc, Clock clock, HealthSnapshot snapshot, Visibility visibility) {
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.clock = clock;
		this.snapshot = snapshot;
	}

	public Page<Row> list(Query query, Pageable pageable) {
		snapshot.refresh();
		// Filters on the registry's columns (and the health's state); the active status is added where they are used.
		var where = new ArrayList<String>();
		Map<String, Object> params = new HashMap<>();
		var seen = visibility.seen();
		if (!seen.all()) {
			where.add("a.organization_id = any(:seen)");
			params.put("seen", seen.array());
		}
		if (query.organizationId() != null) {
			where.add("a.organization_id = :organizationId");
			params.put("organizationId", query.organizationId());
		}
		if (query.unitId() != null) {
			where.add("a.unit_id = :unitId");
			params.put("unitId", query.unitId());
		}
		if (query.platform() != null) {
			where.add("a.platform = :platform");
			params.put("platform", query.platform().name());
		}
		if (query.state() != null) {
			where.add("h.state = :state");
			params.put("state", query.state());
		}
		if (query.text() != null && !query.text().isBlank()) {
			where.add("(a.handle ilike :text or a.display_name ilike :text or a.url ilike :text)");
			params.put("text", "%" + query.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		var order = switch (query.sort()) {
			case "handle" -> "a.handle, a.id";
			case "organization" -> "o.name, u.name nulls first, a.handle, a.id";
			default -> "h.last_activity_at asc nulls last, a.id";
		};
		var from = """
				from account_health_snapshot h
				join registry_accounts a on a.id = h.account_id
				join registry_organizations o on o.id = a.organization_id
				left join registry_units u on u.id = a.unit_id
				where h.status = 'ACTIVE'
				""" + and(where);
		var now = clock.instant();
		var rows = jdbc.sql("""
				select a.id, a.organization_id, o.name as organization, a.unit_id, u.name as unit, a.platform, a.handle,
				       a.url, a.display_name, h.state, h.last_activity_at, h.last_checked_at, h.last_outcome, h.finding_types
				""" + from + " order by " + order + " limit :limit offset :offset")
			.params(params)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query((rs, n) -> {
				var lastActivity = Rows.instant(rs, "last_activity_at");
				return new Row(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("organization"),
						Rows.nullableLong(rs, "unit_id"), rs.getString("unit"),
						Platform.valueOf(rs.getString("platform")).id(), rs.getString("handle"), rs.getString("url"),
						rs.getString("display_name"), rs.getString("state"), lastActivity,
						(lastActivity != null) ? Math.max(0, Duration.between(lastActivity, now).toDays()) : null,
						Rows.instant(rs, "last_checked_at"), rs.getString("last_outcome"),
						Arrays.asList((String[]) rs.getArray("finding_types").getArray()));
			})
			.list();
		// Without a health filter, counting needs the registry alone, not every account's health.
		var counted = (query.state() == null) ? "from registry_accounts a where a.status = 'ACTIVE'" + and(where) : from;
		long total = jdbc.sql("select count(*) " + counted).params(params).query(Long.class).single();
		return new PageImpl<>(rows, pageable, total);
	}

	/**
	 * The conditions, each after an {@code and}. The status the list reads is the snapshot's copy, so that the default
	 * order is read off the snapshot's index; the count without a health filter reads the registry's.
	 */
	private static String and(List<String> conditions) {
		return conditions.stream().map(condition -> " and " + condition).collect(Collectors.joining());
	}

}
