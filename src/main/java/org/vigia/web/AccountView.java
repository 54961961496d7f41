package org.vigia.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.registry.AccountEntry;
import org.vigia.registry.AccountStatus;

/** An account as the API shows it: registry facts and, once polling has checked it, its health. */
record AccountView(long id, String organization, long organizationId, @Nullable String unit, @Nullable Long unitId,
		String platform, String handle, String url, @Nullable String displayName, @Nullable String contactEmail,
		@Nullable String purpose, @Nullable String language, @Nullable Integer maxSilenceDays, @Nullable String notes,
		AccountStatus status, Health health, Instant createdAt, Instant updatedAt, @Nullable Instant archivedAt) {

	/** What the last checks say; UNKNOWN with no dates until the account has been checked. */
	record Health(String state, @Nullable Instant lastActivityAt, @Nullable Instant lastCheckedAt,
			@Nullable String lastOutcome, @Nullable Long silentDays) {

		static Health unknown() {
			return new Health("UNKNOWN", null, null, null, null);
		}

	}

	static AccountView of(AccountEntry entry) {
		var account = entry.account();
		return new AccountView(account.id(), entry.organization(), account.organizationId(), entry.unit(),
				account.unitId(), account.platform().id(), account.handle(), account.url(), account.displayName(),
				account.contactEmail(), account.purpose(), account.language(), account.maxSilenceDays(),
				account.notes(), account.status(), Health.unknown(), account.createdAt(), account.updatedAt(),
				account.archivedAt());
	}

}
