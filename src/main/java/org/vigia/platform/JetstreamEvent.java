package org.vigia.platform;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One event of a Bluesky account, as Jetstream relays it: a post or a repost made, an account deactivated or taken
 * down, a handle changed.
 * @param kind what happened
 * @param did the account's DID
 * @param timeUs the Jetstream instance's time of the event in microseconds: the stream's sequence and its cursor
 * @param at when the account was active (posts and reposts): the earlier of the record's own date and the event's
 * @param url the post on bsky.app (for a repost, the reposted post)
 * @param status for ACCOUNT: null when the account is active, else Bluesky's word for why not (deactivated,
 *     takendown, suspended, deleted)
 * @param handle for IDENTITY: the handle the account now claims
 */
public record JetstreamEvent(Kind kind, String did, long timeUs, @Nullable Instant at, @Nullable String url,
		@Nullable String status, @Nullable String handle) {

	public enum Kind {

		POST, REPOST, ACCOUNT, IDENTITY

	}

}
