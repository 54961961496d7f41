package org.vigia.health;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/**
 * What a discovery run concluded about one account outside the registry: an impersonator, an unregistered official
 * account, neither (any standing finding about it resolves), or nothing it could tell (held: standing findings stay as
 * they are).
 * @param platformId the platform's id of the candidate account, which tells a new owner of the handle from the old one
 * @param type IMPERSONATION or UNREGISTERED, or null when the account is neither (or could not be judged)
 * @param held whether the run could not judge the account (the platform did not answer): nothing changes
 * @param clearedReason why a standing finding resolves, when the account is neither any longer
 * @param accountId the official account it imitates or belongs beside, when there is one
 * @param evidence the candidate and the official account side by side, the score and its reasons; shown as is
 */
public record LookalikeVerdict(Platform platform, String handle, String url, @Nullable String platformId,
		@Nullable FindingType type, boolean held, @Nullable String clearedReason, @Nullable Long accountId,
		String summary, Map<String, Object> evidence) {

	public LookalikeVerdict {
		if (type != null && type != FindingType.IMPERSONATION && type != FindingType.UNREGISTERED) {
			throw new IllegalArgumentException("A look-alike is IMPERSONATION or UNREGISTERED, not " + type);
		}
		evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
	}

	/** The run could not tell anything about the account this time. */
	public static LookalikeVerdict held(Platform platform, String handle, String url) {
		return new LookalikeVerdict(platform, handle, url, null, null, true, null, null, "", Map.of());
	}

	/** The account is no look-alike (any longer), for this reason. */
	public static LookalikeVerdict cleared(Platform platform, String handle, String url, String reason) {
		return new LookalikeVerdict(platform, handle, url, null, null, false, reason, null, "", Map.of());
	}

	/** The subject key of the findings about this account: one per type and account outside the registry, ever. */
	String subjectKey() {
		return subjectKey(platform, handle);
	}

	static String subjectKey(Platform platform, String handle) {
		return "lookalike:" + platform.id() + ":" + handle;
	}

}
