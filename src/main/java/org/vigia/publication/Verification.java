package org.vigia.publication;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * What the directory answers about a pasted account.
 * @param status OFFICIAL, FORMERLY_OFFICIAL (retired, or its handle now held by someone else), IMPERSONATOR (an
 * editor published it as confirmed) or NOT_FOUND
 * @param account the registry's record, for an official or formerly official account
 * @param since for FORMERLY_OFFICIAL, since when it is no longer official; for IMPERSONATOR, since when confirmed
 * @param handleTaken for FORMERLY_OFFICIAL, whether someone else now holds the handle
 * @param officialAccounts for NOT_FOUND and IMPERSONATOR, the organization's official accounts on that network
 * @param listing which organization and version of its directory the official accounts come from (never shown), so
 * that a page renders their table once per version
 */
record Verification(Status status, String network, String handle, @Nullable PublicOrganization organization,
		@Nullable PublicAccount account, @Nullable Instant since, boolean handleTaken,
		List<PublicAccount> officialAccounts, @JsonIgnore @Nullable Listing listing) {

	enum Status {

		OFFICIAL, FORMERLY_OFFICIAL, IMPERSONATOR, NOT_FOUND

	}

	/** A version of an organization's directory: its id, its latest change and how many accounts it lists. */
	record Listing(long organizationId, String version) {
	}

	/** An organization as the public sees it. */
	record PublicOrganization(String name, String slug) {
	}

}
