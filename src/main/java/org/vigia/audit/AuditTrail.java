package org.vigia.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.vigia.common.Audited;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every {@link Audited} event to {@code audit_event} in the transaction that published it (a change and its
 * audit entry are committed together or not at all), with the signed-in person and the client address when the event
 * names neither; reads the trail with filters; purges events older than the retention now and then (the only deletion
 * the table's trigger lets through).
 */
@Service
@EnableConfigurationProperties(AuditProperties.class)
public class AuditTrail {

	/**
	 * What to look for; every field is optional.
	 * @param actor who (without case)
	 * @param organizationId which organization
	 * @param objectType which kind of object
	 * @param objectId which object (with objectType)
	 * @param from since (inclusive)
	 * @param to until (exclusive)
	 */
	public record Filter(@Nullable String actor, @Nullable Long organizationId, @Nullable String objectType,
			@Nullable String objectId, @Nullable Instant from, @Nullable Instant to) {
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final AuditProperties properties;

	private final TransactionTemplate transactions;

	private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

	AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock, AuditProperties properties,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
	}

	@EventListener
	void record(Audited event) {
		var actor = event.actor();
		if (actor == null) {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			actor = authentication == null ? null : authentication.getName();
		}
		var address = event.address();
		if (address == null && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			address = request.getRequest().getRemoteAddr();
		}
		jdbc.sql("""
				insert into audit_event (at, actor, address, action, object_type, object_id, organization_id, before, after)
				values (:at, :actor, :address, :action, :objectType, :objectId, :organizationId,
				        cast(:before as jsonb), cast(:after as jsonb))
				""")
			.param("at", utc(clock.instant()))
			.param("actor", actor)
			.param("address", address)
			.param("action", event.action())
			.param("objectType", event.objectType())
			.param("objectId", event.objectId())
			.param("organizationId", event.organizationId(), java.sql.Types.BIGINT)
			.param("before", event.before() == null ? null : json.writeValueAsString(event.before()))
			.param("after", event.after() == null ? null : json.writeValueAsString(event.after()))
			.update();
		purgeNowAndThen();
	}

	/** Events matching the filter, newest first. */
	public List<AuditEvent> find(Filter filter, int page, int size) {
		return jdbc.sql("""
				select * from audit_event
				where (cast(:actor as text) is null or lower(actor) = lower(:actor))
				  and (cast(:organizationId as bigint) is null or organization_id = :organizationId)
				  and (cast(:objectType as text) is null or object_type = :objectType)
				  and (cast(:objectId as text) is null or object_id = :objectId)
				  and (cast(:from as timestamptz) is null or at >= :from)
				  and (cast(:to as timestamptz) is null or at < :to)
				order by at desc, id desc limit :size offset :offset
				""")
			.param("actor", filter.actor())
			.param("organizationId", filter.organizationId(), java.sql.Types.BIGINT)
			.param("objectType", filter.objectType())
			.param("objectId", filter.objectId())
			.param("from", filter.from() == null ? null : utc(filter.from()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("to", filter.to() == null ? null : utc(filter.to()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
					rs.getString("address"), rs.getString("action"), rs.getString("object_type"),
					rs.getString("object_id"), rs.getObject("organization_id", Long.class), rs.getString("before"),
					rs.getString("after")))
			.list();
	}

	/** Deletes the events older than the retention; answers how many. */
	public int purge() {
		var cutOff = clock.instant().atOffset(ZoneOffset.UTC).minus(properties.retention());
		Integer deleted = transactions.execute(status -> {
			// The trigger lets a deletion through only in a transaction that says it is the purge.
			jdbc.sql("select set_config('vigia.audit_purge', 'on', true)").query(String.class).single();
			return jdbc.sql("delete from audit_event where at < :cutOff").param("cutOff", cutOff).update();
		});
		return deleted == null ? 0 : deleted;
	}

	private void purgeNowAndThen() {
		var now = clock.instant();
		var last = lastPurge.get();
		if (now.isBefore(last.plus(Duration.ofHours(1))) || !lastPurge.compareAndSet(last, now)) {
			return;
		}
		purge();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
