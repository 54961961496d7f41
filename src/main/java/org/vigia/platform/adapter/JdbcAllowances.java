package org.vigia.platform.adapter;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The allowances in PostgreSQL ({@code platform_allowance}): each take locks the period's row, so that the nodes of a
 * cluster share one count and none of them passes the limit.
 */
@Component
class JdbcAllowances implements Allowances {

	private final JdbcClient jdbc;

	JdbcAllowances(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public long take(String network, LocalDate period, long units, long limit, long posts) {
		if (units <= 0) {
			return 0;
		}
		jdbc.sql("""
				insert into platform_allowance (network, period_start) values (:network, :period)
				on conflict (network, period_start) do nothing
				""").param("network", network).param("period", period).update();
		return jdbc.sql("""
				with current_use as (
				    select used from platform_allowance where network = :network and period_start = :period for update)
				update platform_allowance a
				set used = least(a.used + :units, greatest(a.used, :limit)),
				    post_reads = a.post_reads + least(:posts, greatest(0, least(:units, :limit - a.used))),
				    updated_at = now()
				from current_use c
				where a.network = :network and a.period_start = :period
				returning greatest(0, least(:units, :limit - c.used))
				""").param("network", network).param("period", period).param("units", units).param("limit", limit)
			.param("posts", posts)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	@Override
	public void giveBack(String network, LocalDate period, long units, long posts) {
		if (units <= 0 && posts <= 0) {
			return;
		}
		jdbc.sql("""
				update platform_allowance set used = greatest(0, used - :units),
				    post_reads = greatest(0, post_reads - :posts), updated_at = now()
				where network = :network and period_start = :period
				""").param("network", network).param("period", period).param("units", units).param("posts", posts)
			.update();
	}

	@Override
	public Usage usage(String network, LocalDate period) {
		return jdbc.sql("select used, post_reads from platform_allowance where network = :network and period_start = :period")
			.param("network", network)
			.param("period", period)
			.query((rs, row) -> new Usage(rs.getLong("used"), rs.getLong("post_reads")))
			.optional()
			.orElse(new Usage(0, 0));
	}

}
