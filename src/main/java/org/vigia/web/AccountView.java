package org.vigia.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.overview.AccountHealth;
import org.vigia.registry.AccountEntry;
import org.vigia.registry.AccountStatus;

/** An account as the API shows it: registry facts and its health, which agrees with its findings. */
record AccountView(long id, String organization, long organizationId, @Nullable String unit, @Nullable Long unitId,
		String platform, String handle, String url, @Nullable String displayName, @Nullable String contactEmail,
		@Nullable String purpose, @Nullable String language, @Nullable Integer maxSilenceDays, @Nullable String notes,
		AccountStatus status, AccountHealth.Health health, Instant createdAt, Instant updatedAt, @Nullable Instant archivedAt) {

	static AccountView of(AccountEntry entry) {
		return of(entry, AccountHealth.Health.unknown());
	}

	static AccountView of(AccountEntry entry, AccountHealth.Health health) {
		var account = entry.account();
		return new AccountView(account.id(), entry.organization(), account.organizationId(), entry.unit(),
				account.unitId(), account.platform().id(), account.handle(), account.url(), account.displayName(),
				account.contactEmail(), account.purpose(), account.language(), account.maxSilenceDays(),
				account.notes(), account.status(), health, account.createdAt(), account.updatedAt(),
				account.archivedAt());
	}

}
