package org.vigia.web.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vigia.audit.AuditTrail;

/** The audit trail for administrators: filtered by person, organization, object and time, with a CSV export. */
@Controller
class AuditPage {

	private static final int PAGE_SIZE = 100;

	private final AuditTrail trail;

	AuditPage(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping("/admin/audit")
	String audit(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable Long organizationId,
			@RequestParam(required = false) @Nullable String objectType,
			@RequestParam(required = false) @Nullable String objectId,
			@RequestParam(required = false) @Nullable LocalDate from, @RequestParam(required = false) @Nullable LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		var filter = new AuditTrail.Filter(blank(actor), organizationId, blank(objectType), blank(objectId),
				from == null ? null : start(from), to == null ? null : start(to.plusDays(1)));
		model.addAttribute("section", "audit");
		model.addAttribute("events", trail.find(filter, Math.max(page, 0), PAGE_SIZE));
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pageSize", PAGE_SIZE);
		return "audit";
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static @Nullable String blank(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
