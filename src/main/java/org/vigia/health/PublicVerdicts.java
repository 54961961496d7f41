package org.vigia.health;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.Platform;

/**
 * The two things about findings the public directory may say: that an editor published an account as a confirmed
 * impersonator, and that a handle an official account gave up now answers for someone else (discovery's watch of
 * released handles). Nothing else about findings ever leaves the authenticated area.
 */
@Service
@Transactional(readOnly = true)
public class PublicVerdicts {

	/** An account an editor published as a confirmed impersonator of the organization. */
	public record ConfirmedImpersonation(Platform platform, String handle, long organizationId, Instant publishedAt) {
	}

	/**
	 * A handle an official account gave up and someone else now holds.
	 * @param accountId the official account that held it
	 * @param releasedAt since when it is no longer the official account's
	 */
	public record TakenHandle(Platform platform, String handle, long accountId, @Nullable Instant releasedAt) {
	}

	private final JdbcClient jdbc;

	PublicVerdicts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The published, standing confirmations about any of these accounts. */
	public List<ConfirmedImpersonation> confirmed(Collection<AccountAddress> addresses) {
		if (addresses.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select platform, evidence -> 'candidate' ->> 'handle' as handle, organization_id, published_at
				from finding
				where subject_key = any(:keys) and type = 'IMPERSONATION' and published_at is not null
				  and status in ('OPEN', 'ACKNOWLEDGED') and organization_id is not null
				order by published_at
				""").param("keys", keys(addresses)).query((rs, row) -> new ConfirmedImpersonation(
				platform(rs.getString("platform")), rs.getString("handle"), rs.getLong("organization_id"),
				rs.getTimestamp("published_at").toInstant()))
			.list()
			.stream()
			.filter(confirmed -> confirmed.handle() != null)
			.toList();
	}

	/** The released handles among these accounts that a standing impersonation finding says someone else took. */
	public List<TakenHandle> taken(Collection<AccountAddress> addresses) {
		if (addresses.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select platform, evidence -> 'candidate' ->> 'handle' as handle,
				       (evidence -> 'released' ->> 'accountId')::bigint as account_id,
				       evidence -> 'released' ->> 'releasedAt' as released_at
				from finding
				where subject_key = any(:keys) and type = 'IMPERSONATION' and status in ('OPEN', 'ACKNOWLEDGED')
				  and evidence -> 'released' ->> 'accountId' is not null
				""").param("keys", keys(addresses)).query((rs, row) -> {
			var released = rs.getString("released_at");
			return new TakenHandle(platform(rs.getString("platform")), rs.getString("handle"), rs.getLong("account_id"),
					(released != null) ? Instant.parse(released) : null);
		}).list();
	}

	private static String[] keys(Collection<AccountAddress> addresses) {
		return addresses.stream()
			.map(address -> LookalikeVerdict.subjectKey(address.platform(), address.handle()))
			.distinct()
			.toArray(String[]::new);
	}

	private static Platform platform(String id) {
		return Platform.fromId(id).orElseThrow(() -> new IllegalStateException("Unknown platform " + id));
	}

}
