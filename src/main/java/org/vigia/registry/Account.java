package org.vigia.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.Platform;

/**
 * An official account in the registry: where it lives (platform, canonical handle, profile URL), who owns it, and
 * what is expected of it.
 */
@Table("account")
public record Account(@Id @Nullable Long id, Long organizationId, @Nullable Long unitId, Platform platform,
		String handle, String url, @Nullable String displayName, @Nullable String contactEmail,
		@Nullable String purpose, @Nullable String language, @Nullable Integer maxSilenceDays, @Nullable String notes,
		AccountStatus status, Instant createdAt, Instant updatedAt, @Nullable Instant archivedAt) {

	static Account register(AccountDetails details, Instant now) {
		var address = details.address();
		return new Account(null, details.organizationId(), details.unitId(), address.platform(), address.handle(),
				address.url(), details.displayName(), details.contactEmail(), details.purpose(), details.language(),
				details.maxSilenceDays(), details.notes(), AccountStatus.ACTIVE, now, now, null);
	}

	/** The registry's facts about this account, as an import line or a form would state them. */
	AccountDetails details() {
		return new AccountDetails(organizationId, unitId, new AccountAddress(platform, handle, url), displayName,
				contactEmail, purpose, language, maxSilenceDays, notes);
	}

	/** Whether restating these details (and keeping the account active) would change nothing. */
	boolean matches(AccountDetails details) {
		return status == AccountStatus.ACTIVE && details().equals(details);
	}

	Account update(AccountDetails details, Instant now) {
		var address = details.address();
		if (address.platform() != platform) {
			throw new IllegalArgumentException("An account cannot change platform; register the new account instead");
		}
		return new Account(id, details.organizationId(), details.unitId(), platform, address.handle(), address.url(),
				details.displayName(), details.contactEmail(), details.purpose(), details.language(),
				details.maxSilenceDays(), details.notes(), status, createdAt, now, archivedAt);
	}

	Account archive(Instant now) {
		if (status == AccountStatus.ARCHIVED) {
			return this;
		}
		return new Account(id, organizationId, unitId, platform, handle, url, displayName, contactEmail, purpose,
				language, maxSilenceDays, notes, AccountStatus.ARCHIVED, createdAt, now, now);
	}

	Account restore(Instant now) {
		if (status == AccountStatus.ACTIVE) {
			return this;
		}
		return new Account(id, organizationId, unitId, platform, handle, url, displayName, contactEmail, purpose,
				language, maxSilenceDays, notes, AccountStatus.ACTIVE, createdAt, now, null);
	}

	public AccountAddress address() {
		return new AccountAddress(platform, handle, url);
	}

	public boolean isActive() {
		return status == AccountStatus.ACTIVE;
	}

}
