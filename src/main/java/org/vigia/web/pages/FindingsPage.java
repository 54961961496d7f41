package org.vigia.web.pages;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.vigia.platform.Message;
import org.vigia.health.FindingActionException;
import org.vigia.health.FindingFilter;
import org.vigia.health.FindingStatus;
import org.vigia.health.FindingType;
import org.vigia.health.Findings;
import org.vigia.health.Severity;
import org.vigia.web.Sentences;
import org.vigia.web.Times;
import org.vigia.platform.Platform;

/** Triage: findings, gravest first; a finding with its evidence and history; acknowledge, dismiss, reopen. */
@Controller
class FindingsPage {

	private final Findings findings;

	private final Clock clock;

	private final Sentences sentences;

	private final MessageSource messages;

	private final Times times;

	FindingsPage(Findings findings, Clock clock, Sentences sentences, MessageSource messages, Times times) {
		this.findings = findings;
		this.clock = clock;
		this.sentences = sentences;
		this.messages = messages;
		this.times = times;
	}

	@GetMapping("/findings")
	String list(@RequestParam(required = false) @Nullable List<String> status,
			@RequestParam(required = false) @Nullable List<String> type,
			@RequestParam(required = false) @Nullable List<String> severity,
			@RequestParam(required = false) @Nullable Long organizationId,
			@RequestParam(required = false) @Nullable String platform,
			@RequestParam(required = false) @Nullable Long accountId, @RequestParam(defaultValue = "0") int page,
			Model model) {
		var statuses = parse(status, FindingStatus::valueOf);
		if (status == null) {
			statuses = new LinkedHashSet<>(List.of(FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED));
		}
		var filter = new FindingFilter(statuses, parse(type, FindingType::valueOf), parse(severity, Severity::valueOf),
				organizationId, null, Platform.fromId(platform).orElse(null), accountId);
		var result = findings.list(filter, PageRequest.of(Math.max(0, page), 50));
		model.addAttribute("section", "findings");
		model.addAttribute("filter", filter);
		model.addAttribute("page", result);
		model.addAttribute("statuses", FindingStatus.values());
		model.addAttribute("types", FindingType.values());
		model.addAttribute("severities", Severity.values());
		var current = ServletUriComponentsBuilder.fromCurrentRequest();
		model.addAttribute("previousUrl",
				current.cloneBuilder().replaceQueryParam("page", result.getNumber() - 1).build().toUriString());
		model.addAttribute("nextUrl",
				current.cloneBuilder().replaceQueryParam("page", result.getNumber() + 1).build().toUriString());
		return "findings";
	}

	@GetMapping("/findings/{id}")
	String finding(@PathVariable long id, Model model) {
		model.addAttribute("section", "findings");
		var finding = findings.get(id);
		model.addAttribute("finding", finding);
		// The page title is a fragment parameter, where templates may not call beans.
		model.addAttribute("findingSubject", sentences.text(finding.subject()));
		model.addAttribute("lookalike", LookalikeView.of(finding, times));
		model.addAttribute("evidence",
				EvidenceView.of(finding.evidence(), messages, times, sentences, LocaleContextHolder.getLocale()));
		model.addAttribute("history", findings.history(id));
		model.addAttribute("tomorrow", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1));
		return "finding";
	}

	@PostMapping("/findings/{id}/acknowledge")
	String acknowledge(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
		return act(id, redirect, () -> findings.acknowledge(id, user.getName()));
	}

	@PostMapping("/findings/{id}/dismiss")
	String dismiss(@PathVariable long id, @RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable LocalDate until, Authentication user, RedirectAttributes redirect) {
		return act(id, redirect, () -> findings.dismiss(id, user.getName(), reason,
				(until != null) ? until.atStartOfDay(ZoneOffset.UTC).toInstant() : null));
	}

	@PostMapping("/findings/{id}/reopen")
	String reopen(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
		return act(id, redirect, () -> findings.reopen(id, user.getName()));
	}

	/** An editor confirms an impersonation to the public directory, or takes the confirmation back. */
	@PostMapping("/findings/{id}/publish")
	String publish(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
		return act(id, redirect, () -> findings.publish(id, user.getName()));
	}

	@PostMapping("/findings/{id}/unpublish")
	String unpublish(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
		return act(id, redirect, () -> findings.unpublish(id, user.getName()));
	}

	private String act(long id, RedirectAttributes redirect, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("done", true);
		}
		catch (FindingActionException ex) {
			redirect.addFlashAttribute("error", (ex.code() == null) ? ex.getMessage()
					: Message.of(ex.code(), ex.arguments()).encode());
		}
		return "redirect:/findings/" + id;
	}

	private static <E extends Enum<E>> Set<E> parse(@Nullable List<String> values, Function<String, E> parser) {
		var parsed = new LinkedHashSet<E>();
		if (values == null) {
			return parsed;
		}
		values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty())
			.forEach(v -> {
				try {
					parsed.add(parser.apply(v.toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					// an unknown value in a bookmarked URL filters nothing
				}
			});
		return parsed;
	}

}
