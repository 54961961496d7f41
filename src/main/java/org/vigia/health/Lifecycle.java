package org.vigia.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Message;

/**
 * The finding lifecycle as a pure function: given the finding as stored (if any) and the condition as the rules see it
 * now (if any), what changes. Rules speak, people decide: a dismissal holds until its date or until the evidence
 * changes materially; an acknowledgement holds while the condition does.
 */
final class Lifecycle {

	/** A stored finding, as much of it as the decision needs. */
	record Stored(long id, FindingType type, String subjectKey, FindingStatus status, String fingerprint,
			@Nullable Instant dismissedUntil) {
	}

	enum Action {

		/** A new finding row. */
		INSERT,

		/** A change of the stored row: status, evidence or both. */
		UPDATE

	}

	/**
	 * What to write.
	 * @param kind the transition to record, or null when only the evidence is refreshed
	 * @param to the status after the change
	 * @param reason why, in words, for the history
	 * @param dismissedUntil until when a dismissal holds, for a person's dismissal
	 */
	record Decision(Action action, @Nullable Stored stored, @Nullable Condition condition, @Nullable TransitionKind kind,
			FindingStatus to, @Nullable String reason, @Nullable Instant dismissedUntil) {

		Decision(Action action, @Nullable Stored stored, @Nullable Condition condition, @Nullable TransitionKind kind,
				FindingStatus to, @Nullable String reason) {
			this(action, stored, condition, kind, to, reason, null);
		}

	}

	private Lifecycle() {
	}

	/**
	 * @param held whether the condition cannot be judged now: a standing finding neither resolves nor changes
	 * @param clearedReason why the condition no longer holds, when there is more to say than that it cleared
	 * @return what to write, or null for nothing
	 */
	static @Nullable Decision decide(@Nullable Stored stored, @Nullable Condition condition, boolean held,
			@Nullable String clearedReason, Instant now) {
		if (stored == null) {
			return (condition == null) ? null
					: new Decision(Action.INSERT, null, condition, TransitionKind.OPENED, FindingStatus.OPEN, null);
		}
		if (condition == null) {
			if (held || !stored.status().standing()) {
				return null;
			}
			return new Decision(Action.UPDATE, stored, null, TransitionKind.RESOLVED, FindingStatus.RESOLVED,
					(clearedReason != null) ? clearedReason : Message.of("reason.cleared").encode());
		}
		boolean material = !stored.fingerprint().equals(condition.fingerprint());
		return switch (stored.status()) {
			case RESOLVED -> new Decision(Action.UPDATE, stored, condition, TransitionKind.REOPENED, FindingStatus.OPEN,
					Message.of("reason.cameBack").encode());
			case DISMISSED -> {
				if (stored.dismissedUntil() != null && !stored.dismissedUntil().isAfter(now)) {
					yield new Decision(Action.UPDATE, stored, condition, TransitionKind.REOPENED, FindingStatus.OPEN,
							Message.of("reason.dismissalExpired").encode());
				}
				if (material) {
					yield new Decision(Action.UPDATE, stored, condition, TransitionKind.REOPENED, FindingStatus.OPEN,
							Message.of("reason.evidenceChanged").encode());
				}
				yield new Decision(Action.UPDATE, stored, condition, null, FindingStatus.DISMISSED, null);
			}
			case OPEN, ACKNOWLEDGED -> new Decision(Action.UPDATE, stored, condition,
					material ? TransitionKind.UPDATED : null, stored.status(), material ? Message.of("reason.evidenceChanged").encode() : null);
		};
	}

}
