package org.vigia.web;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.polling.AccountState;
import org.vigia.registry.AccountEntry;
import org.vigia.registry.AccountStatus;

/** An account as the API shows it: registry facts and, once polling has checked it, its health. */
record AccountView(long id, String organization, long organizationId, @Nullable String unit, @Nullable Long unitId,
		String platform, String handle, String url, @Nullable String displayName, @Nullable String contactEmail,
		@Nullable String purpose, @Nullable String language, @Nullable Integer maxSilenceDays, @Nullable String notes,
		AccountStatus status, Health health, Instant createdAt, Instant updatedAt, @Nullable Instant archivedAt) {

	/**
	 * What the last checks say. The state stays UNKNOWN until the health rules judge it; the facts are filled in as
	 * soon as polling has checked the account.
	 */
	record Health(String state, @Nullable Instant lastActivityAt, @Nullable Instant lastCheckedAt,
			@Nullable String lastOutcome, @Nullable Long silentDays) {

		static Health unknown() {
			return new Health("UNKNOWN", null, null, null, null);
		}

		static Health of(@Nullable AccountState state, Instant now) {
			if (state == null) {
				return unknown();
			}
			var lastActivity = state.lastActivityAt();
			return new Health("UNKNOWN", lastActivity, state.lastCheckedAt(),
					state.lastOutcome() == null ? null : state.lastOutcome().name(),
					lastActivity == null ? null : Math.max(0, Duration.between(lastActivity, now).toDays()));
		}

	}

	static AccountView of(AccountEntry entry) {
		return of(entry, Health.unknown());
	}

	static AccountView of(AccountEntry entry, Health health) {
		var account = entry.account();
		return new AccountView(account.id(), entry.organization(), account.organizationId(), entry.unit(),
				account.unitId(), account.platform().id(), account.handle(), account.url(), account.displayName(),
				account.contactEmail(), account.purpose(), account.language(), account.maxSilenceDays(),
				account.notes(), account.status(), health, account.createdAt(), account.updatedAt(),
				account.archivedAt());
	}

}
