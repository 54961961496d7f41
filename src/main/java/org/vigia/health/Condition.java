package org.vigia.health;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformText;

/**
 * A finding's condition as a rule sees it now.
 * @param subjectKey what it is about, {@code account:42}, {@code unit:7:mastodon} or {@code platform:bluesky}
 * @param unitId the unit it is about, for a finding about a unit rather than one of its accounts
 * @param subject what it is about, for a person; kept to one line
 * @param summary what is wrong, for a person; kept to one line, whatever platform text it quotes
 * @param fingerprint the material part of the evidence: when it changes, a dismissed finding wakes up
 */
record Condition(FindingType type, String subjectKey, @Nullable Long accountId, @Nullable Long unitId,
		@Nullable Long organizationId, @Nullable Platform platform, String subject, String summary,
		Map<String, Object> evidence, String fingerprint) {

	Condition {
		// Summaries quote display names, handles and bios, and mails quote summaries: a line break must not survive.
		subject = PlatformText.oneLine(subject);
		summary = PlatformText.oneLine(summary);
	}

	static String accountKey(long accountId) {
		return "account:" + accountId;
	}

	static String unitKey(long unitId, Platform platform) {
		return "unit:" + unitId + ":" + platform.id();
	}

	static String platformKey(Platform platform) {
		return "platform:" + platform.id();
	}

}
