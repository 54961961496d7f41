package org.vigia.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.health.Finding;
import org.vigia.health.FindingFilter;
import org.vigia.health.FindingStatus;
import org.vigia.health.FindingTransition;
import org.vigia.health.FindingType;
import org.vigia.health.Findings;
import org.vigia.health.Severity;
import org.vigia.platform.Platform;

/** Findings: listed with filters, read with their history, acknowledged, dismissed and reopened by editors. */
@RestController
@RequestMapping("/api/findings")
class FindingController {

	/** A finding with its history, newest transition first. */
	record FindingDetail(@JsonUnwrapped Finding finding, List<FindingTransition> history) {
	}

	/** The body of a dismissal: why, and until when (none: until the evidence changes materially). */
	record DismissRequest(@Nullable String reason, @Nullable Instant until) {
	}

	private final Findings findings;

	private final Sentences sentences;

	FindingController(Findings findings, Sentences sentences) {
		this.findings = findings;
		this.sentences = sentences;
	}

	/**
	 * Findings matching every filter given; a filter may list several values (comma-separated or repeated). Standing
	 * findings come first, the gravest first.
	 */
	@GetMapping
	PagedModel<Finding> list(@RequestParam(required = false) @Nullable List<String> status,
			@RequestParam(required = false) @Nullable List<String> type,
			@RequestParam(required = false) @Nullable List<String> severity,
			@RequestParam(name = "organizationId", required = false) @Nullable Long organizationId,
			@RequestParam(name = "organization", required = false) @Nullable Long organization,
			@RequestParam(name = "unitId", required = false) @Nullable Long unitId,
			@RequestParam(name = "unit", required = false) @Nullable Long unit,
			@RequestParam(required = false) @Nullable String platform,
			@RequestParam(name = "accountId", required = false) @Nullable Long accountId,
			@RequestParam(name = "account", required = false) @Nullable Long account,
			@PageableDefault(size = 50) Pageable pageable) {
		Platform parsedPlatform = null;
		if (platform != null && !platform.isBlank()) {
			parsedPlatform = Platform.fromId(platform)
				.orElseThrow(() -> BadParameterException.platform("platform", platform));
		}
		var filter = new FindingFilter(parse(status, "status", FindingStatus::valueOf, FindingStatus.values()),
				parse(type, "type", FindingType::valueOf, FindingType.values()),
				parse(severity, "severity", Severity::valueOf, Severity.values()),
				(organizationId != null) ? organizationId : organization, (unitId != null) ? unitId : unit,
				parsedPlatform, (accountId != null) ? accountId : account);
		return new PagedModel<>(findings.list(filter, pageable).map(sentences::finding));
	}

	@GetMapping("/{id}")
	FindingDetail get(@PathVariable long id) {
		return new FindingDetail(sentences.finding(findings.get(id)),
				findings.history(id).stream().map(sentences::transition).toList());
	}

	@PostMapping("/{id}/acknowledge")
	Finding acknowledge(@PathVariable long id, Authentication user) {
		return sentences.finding(findings.acknowledge(id, user.getName()));
	}

	@PostMapping("/{id}/dismiss")
	Finding dismiss(@PathVariable long id, @RequestBody(required = false) @Nullable DismissRequest request,
			Authentication user) {
		return sentences.finding(findings.dismiss(id, user.getName(), (request != null) ? request.reason() : null,
				(request != null) ? request.until() : null));
	}

	/** Publishes a standing IMPERSONATION finding as confirmed: the public directory names the impersonator. */
	@PostMapping("/{id}/publish")
	Finding publish(@PathVariable long id, Authentication user) {
		return findings.publish(id, user.getName());
	}

	@PostMapping("/{id}/unpublish")
	Finding unpublish(@PathVariable long id, Authentication user) {
		return findings.unpublish(id, user.getName());
	}

	@PostMapping("/{id}/reopen")
	Finding reopen(@PathVariable long id, Authentication user) {
		return sentences.finding(findings.reopen(id, user.getName()));
	}

	private static <E extends Enum<E>> Set<E> parse(@Nullable List<String> values, String name,
			Function<String, E> parser, E[] known) {
		var parsed = new LinkedHashSet<E>();
		if (values == null) {
			return parsed;
		}
		for (var value : values) {
			if (value == null || value.isBlank()) {
				continue;
			}
			try {
				parsed.add(parser.apply(value.strip().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw new BadParameterException("problem.badParameter.values", name, value,
						Arrays.stream(known).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
			}
		}
		return parsed;
	}

}
