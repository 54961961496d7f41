package org.vigia.polling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.Profile;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What polling learnt about accounts: each one's current state and its check history. */
@Service
@Transactional(readOnly = true)
public class AccountActivity {

	private static final TypeReference<List<Profile.Field>> FIELDS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AccountActivity(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The current state of these accounts, by id; accounts never seen by polling are absent. */
	public Map<Long, AccountState> states(Collection<Long> accountIds) {
		Map<Long, AccountState> states = new HashMap<>();
		if (accountIds.isEmpty()) {
			return states;
		}
		jdbc.sql("""
				select account_id, last_activity_at, newest_post_url, last_checked_at, last_success_at, last_outcome,
				       consecutive_failures, moved_to, next_due_at
				from account_state where account_id = any(:ids)
				""").param("ids", accountIds.toArray(Long[]::new)).query(rs -> {
			var outcome = rs.getString("last_outcome");
			states.put(rs.getLong("account_id"),
					new AccountState(rs.getLong("account_id"), instant(rs, "last_activity_at"),
							rs.getString("newest_post_url"), instant(rs, "last_checked_at"),
							instant(rs, "last_success_at"), outcome == null ? null : CheckOutcome.valueOf(outcome),
							rs.getInt("consecutive_failures"), rs.getString("moved_to"),
							rs.getTimestamp("next_due_at").toInstant()));
		});
		return states;
	}

	/** The account's checks, newest first. */
	public Page<AccountCheck> history(long accountId, Pageable pageable) {
		var content = jdbc.sql("""
				select c.*, p.display_name, p.bio, p.avatar_url, p.followers, p.following, p.posts, p.fields, p.bot,
				       p.created_at as profile_created_at
				from account_check c
				left join profile_snapshot p on p.id = c.profile_id
				where c.account_id = :accountId
				order by c.checked_at desc, c.id desc
				limit :limit offset :offset
				""")
			.param("accountId", accountId)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(this::check)
			.list();
		long total = jdbc.sql("select count(*) from account_check where account_id = :accountId")
			.param("accountId", accountId)
			.query(Long.class)
			.single();
		return new PageImpl<>(content, pageable, total);
	}

	/** One week of an account's activity: how many distinct newest posts the checks saw appear in it. */
	public record Week(java.time.LocalDate start, int posts) {
	}

	/**
	 * The account's posting over the last weeks, from the check history: each check records the newest post it saw, so
	 * the distinct newest-post times within a week are posts seen that week (a lower bound when several posts came
	 * between two checks). Oldest week first; weeks without posts included.
	 */
	public List<Week> weeks(long accountId, int weeks, Instant now) {
		var start = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)
			.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
			.minusWeeks(weeks - 1L);
		Map<java.time.LocalDate, Integer> counts = new HashMap<>();
		jdbc.sql("""
				select (date_trunc('week', last_activity_at at time zone 'UTC'))::date as week,
				       count(distinct last_activity_at) as posts
				from account_check
				where account_id = :id and last_activity_at >= :from and last_activity_at <= :now
				group by 1
				""")
			.param("id", accountId)
			.param("from", Timestamp.from(start.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
			.param("now", Timestamp.from(now))
			.query(rs -> {
				counts.put(rs.getDate("week").toLocalDate(), rs.getInt("posts"));
			});
		var result = new java.util.ArrayList<Week>(weeks);
		for (int i = 0; i < weeks; i++) {
			var week = start.plusWeeks(i);
			result.add(new Week(week, counts.getOrDefault(week, 0)));
		}
		return result;
	}

	/** The latest profile polling saw for the account under its current handle, if any. */
	public java.util.Optional<Profile> profile(long accountId) {
		return jdbc.sql("""
				select p.display_name, p.bio, p.avatar_url, p.followers, p.following, p.posts, p.fields, p.bot,
				       p.created_at as profile_created_at
				from account_state s join registry_accounts a on a.id = s.account_id and a.handle = s.handle
				join profile_snapshot p on p.id = s.profile_id
				where s.account_id = :id
				""").param("id", accountId).query((rs, row) -> new Profile(rs.getString("display_name"),
				rs.getString("bio"), rs.getString("avatar_url"), rs.getObject("followers", Long.class),
				rs.getObject("following", Long.class), rs.getObject("posts", Long.class),
				json.readValue(rs.getString("fields"), FIELDS), rs.getBoolean("bot"), instant(rs, "profile_created_at")))
			.optional();
	}

	private AccountCheck check(ResultSet rs, int row) throws SQLException {
		Profile profile = null;
		if (rs.getObject("profile_id") != null) {
			profile = new Profile(rs.getString("display_name"), rs.getString("bio"), rs.getString("avatar_url"),
					(Long) rs.getObject("followers", Long.class), rs.getObject("following", Long.class),
					rs.getObject("posts", Long.class), json.readValue(rs.getString("fields"), FIELDS),
					rs.getBoolean("bot"), instant(rs, "profile_created_at"));
		}
		return new AccountCheck(rs.getLong("id"), instant(rs, "checked_at"), CheckOutcome.valueOf(rs.getString("outcome")),
				rs.getObject("http_status", Integer.class), rs.getInt("latency_ms"), rs.getInt("requests"),
				rs.getString("error"), instant(rs, "last_activity_at"), rs.getString("newest_post_url"),
				rs.getBoolean("not_modified"), rs.getObject("recent_posts", Integer.class),
				rs.getObject("reply_share", Double.class), rs.getString("moved_to"),
				rs.getObject("run_id", Long.class), profile);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

}
