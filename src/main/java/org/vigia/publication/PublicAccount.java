package org.vigia.publication;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.registry.PublishedAccount;

/**
 * An official account as the public sees it: these fields and no others (the allow-list the tests hold every answer
 * to).
 */
record PublicAccount(String network, String handle, String url, @Nullable String displayName, @Nullable String unit,
		@Nullable String purpose, @Nullable String language, Instant registeredSince) {

	static PublicAccount of(PublishedAccount account) {
		return new PublicAccount(account.platform().id(), account.handle(), account.url(), account.displayName(),
				account.unit(), account.purpose(), account.language(), account.registeredAt());
	}

}
