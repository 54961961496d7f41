package org.vigia.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.vigia.discovery.DiscoveryRun;
import org.vigia.health.Finding;
import org.vigia.health.FindingTransition;
import org.vigia.overview.AccountHealth;
import org.vigia.platform.Message;
import org.vigia.polling.AccountCheck;
import org.vigia.polling.PollRun;

/**
 * Writes what findings keep as message codes and arguments (subjects, summaries) in the reader's language: the
 * request's locale, which the dashboard's language choice or the API's {@code Accept-Language} sets.
 * Templates call it as {@code ${@sentences.text(f.summary)}}.
 */
@Component("sentences")
public class Sentences {

	private final MessageSource messages;

	Sentences(MessageSource messages) {
		this.messages = messages;
	}

	/** A stored sentence in the request's language. */
	public String text(@Nullable String stored) {
		return text(stored, LocaleContextHolder.getLocale());
	}

	public String text(@Nullable String stored, Locale locale) {
		return Message.render(stored, messages, locale);
	}

	/** An account's health whose reason for how it is watched is in the request's language. */
	AccountHealth.Health health(AccountHealth.Health h) {
		var watchedBy = h.watchedBy();
		return (watchedBy == null) ? h
				: h.withWatchedBy(new AccountHealth.WatchedBy(watchedBy.kind(), watchedBy.connectionId(),
						watchedBy.grantedBy(), text(watchedBy.reason())));
	}

	Finding finding(Finding f) {
		return new Finding(f.id(), f.type(), f.severity(), f.status(), f.accountId(), f.unitId(), f.organizationId(),
				f.platform(), text(f.subject()), text(f.summary()), evidence(f.evidence()), f.openedAt(), f.updatedAt(),
				f.resolvedAt(), f.dismissedUntil(), f.dismissReason());
	}

	/**
	 * Evidence whose sentences (a look-alike reason's detail, a check's error) are in the request's language, at any
	 * depth; the keys, numbers and the platform's own words stay as they are.
	 */
	@SuppressWarnings("unchecked")
	<T> T evidence(T evidence) {
		if (evidence instanceof Map<?, ?> map) {
			var rendered = new LinkedHashMap<Object, @Nullable Object>();
			map.forEach((key, value) -> rendered.put(key, evidence(value)));
			return (T) rendered;
		}
		if (evidence instanceof List<?> list) {
			return (T) list.stream().map(this::evidence).toList();
		}
		return (T) value(evidence);
	}

	/** A discovery run whose last error, when Vigía wrote it, is in the request's language. */
	DiscoveryRun run(DiscoveryRun r) {
		return new DiscoveryRun(r.id(), r.status(), r.trigger(), r.total(), r.checked(), r.failed(), r.searches(),
				r.probes(), r.unanswered(), r.candidates(), r.impersonations(), r.unregistered(), r.errors(),
				(r.error() == null) ? null : text(r.error()), r.startedAt(), r.finishedAt());
	}

	/** A poll run whose last error, when Vigía wrote it, is in the request's language. */
	PollRun run(PollRun r) {
		return new PollRun(r.id(), r.status(), r.trigger(), r.total(), r.checked(), r.failed(), r.startedAt(),
				r.finishedAt(), r.reason(), (r.error() == null) ? null : text(r.error()));
	}

	/** A recorded check whose error or note, when an adapter wrote it as a message, is in the request's language. */
	AccountCheck check(AccountCheck c) {
		return (c.error() == null) ? c
				: new AccountCheck(c.id(), c.checkedAt(), c.outcome(), c.httpStatus(), c.latencyMs(), c.requests(),
						text(c.error()), c.lastActivityAt(), c.newestPostUrl(), c.notModified(), c.recentPosts(),
						c.replyShare(), c.movedTo(), c.runId(), c.profile());
	}

	/** A value of a finding's evidence: a stored message in the request's language, anything else as it is. */
	public @Nullable Object value(@Nullable Object value) {
		return (value instanceof String stored && Message.decode(stored) != null) ? text(stored) : value;
	}

	FindingTransition transition(FindingTransition t) {
		return new FindingTransition(t.id(), t.findingId(), t.type(), t.severity(), t.kind(), t.from(), t.to(), t.at(),
				t.actor(), (t.reason() == null) ? null : text(t.reason()), t.accountId(), t.unitId(), t.organizationId(),
				t.platform(), text(t.subject()), text(t.summary()), t.evidence());
	}

}
