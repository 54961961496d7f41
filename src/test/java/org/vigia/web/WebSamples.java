package org.vigia.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vigia.discovery.DiscoveryRun;
import org.vigia.health.Finding;
import org.vigia.health.FindingStatus;
import org.vigia.health.FindingType;
import org.vigia.platform.Platform;
import org.vigia.polling.PollRun;
import org.vigia.registry.Account;
import org.vigia.registry.AccountEntry;
import org.vigia.registry.AccountStatus;
import org.vigia.registry.Organization;
import org.vigia.registry.Unit;

/** What the mocked services of the slice tests answer: the records the real ones return, with plausible values. */
public final class WebSamples {

	/** When everything in the samples happened. */
	public static final Instant AT = Instant.parse("2026-11-20T09:30:00Z");

	/** A display name as hostile as platforms allow. */
	public static final String HOSTILE = "<img src=x onerror=alert(1)>";

	private WebSamples() {
	}

	public static Finding finding(long id, FindingType type, FindingStatus status, Map<String, Object> evidence) {
		return new Finding(id, type, type.severity(), status, 7L, null, 1L, "mastodon", "cultura@social.villaverde.example",
				type + " finding about cultura@social.villaverde.example", evidence, AT, AT, null, null, null);
	}

	public static Finding dormant(long id) {
		return finding(id, FindingType.DORMANT, FindingStatus.OPEN, Map.of("silentDays", 42));
	}

	public static Account account(long id, AccountStatus status, @Nullable String displayName) {
		return new Account(id, 1L, 3L, Platform.MASTODON, "cultura@social.villaverde.example",
				"https://social.villaverde.example/@cultura", displayName, "cultura@villaverde.example", "Agenda cultural",
				"es", 60, "Run by the press office", status, AT, AT, (status == AccountStatus.ARCHIVED) ? AT : null);
	}

	public static AccountEntry entry(long id) {
		return new AccountEntry(account(id, AccountStatus.ACTIVE, "Cultura Villaverde"), "Villaverde", "Prensa");
	}

	public static Organization organization(long id, String name) {
		return new Organization(id, name, List.of("Ayto. de " + name), List.of(name.toLowerCase() + ".example"), AT, AT);
	}

	public static Unit unit(long id, long organizationId, String name) {
		return new Unit(id, organizationId, name, List.of("prensa@villaverde.example"), false, AT, AT);
	}

	public static PollRun pollRun(long id, PollRun.Status status) {
		return new PollRun(id, status, PollRun.Trigger.MANUAL, 30, (status == PollRun.Status.RUNNING) ? 12 : 30, 1, AT,
				(status == PollRun.Status.RUNNING) ? null : AT.plusSeconds(95), null, null);
	}

	/** A run the cluster gave up: its workers kept stopping on a database error. */
	public static PollRun failedPollRun(long id) {
		return new PollRun(id, PollRun.Status.FAILED, PollRun.Trigger.MANUAL, 30, 12, 0, AT, AT.plusSeconds(300),
				PollRun.Reason.WORKERS_STOPPED, "PreparedStatementCallback; ERROR: relation \"account_check\" is locked");
	}

	public static DiscoveryRun discoveryRun(long id, DiscoveryRun.Status status) {
		return new DiscoveryRun(id, status, DiscoveryRun.Trigger.MANUAL, 3, (status == DiscoveryRun.Status.RUNNING) ? 1 : 3,
				0, 24, 60, 2, 17, 1, 0, 0, null, AT, (status == DiscoveryRun.Status.RUNNING) ? null : AT.plusSeconds(300));
	}

}
