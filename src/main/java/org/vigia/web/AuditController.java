package org.vigia.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.apache.commons.csv.CSVFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.audit.AuditEvent;
import org.vigia.audit.AuditTrail;

/** The audit trail for administrators and auditors: filtered, newest first, paged; or all of it as CSV. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

	/** An audit event as the API shows it: the fields before and after as JSON. */
	record AuditView(long id, Instant at, @Nullable String actor, @Nullable String address, String action,
			String objectType, @Nullable String objectId, @Nullable Long organizationId,
			@JsonRawValue @Nullable String before, @JsonRawValue @Nullable String after) {

		static AuditView of(AuditEvent event) {
			return new AuditView(event.id(), event.at(), event.actor(), event.address(), event.action(),
					event.objectType(), event.objectId(), event.organizationId(), event.before(), event.after());
		}

	}

	private static final int CSV_PAGE = 1000;

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping
	List<AuditView> find(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable Long organizationId,
			@RequestParam(required = false) @Nullable String objectType,
			@RequestParam(required = false) @Nullable String objectId,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return trail.find(new AuditTrail.Filter(actor, organizationId, objectType, objectId, from, to),
				Math.max(page, 0), Math.clamp(size, 1, 500)).stream().map(AuditView::of).toList();
	}

	/** The events matching the filter as CSV, newest first, for auditors. */
	@GetMapping(value = "/export", produces = "text/csv")
	void export(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable Long organizationId,
			@RequestParam(required = false) @Nullable String objectType,
			@RequestParam(required = false) @Nullable String objectId,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
			HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"vigia-audit.csv\"");
		var filter = new AuditTrail.Filter(actor, organizationId, objectType, objectId, from, to);
		var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		try (var csv = CSVFormat.RFC4180.builder()
			.setHeader("id", "at", "actor", "address", "action", "objectType", "objectId", "organizationId", "before",
					"after")
			.get()
			.print(writer)) {
			for (int page = 0;; page++) {
				var events = trail.find(filter, page, CSV_PAGE);
				for (var event : events) {
					csv.printRecord(event.id(), event.at(), event.actor(), event.address(), event.action(),
							event.objectType(), event.objectId(), event.organizationId(), event.before(), event.after());
				}
				if (events.size() < CSV_PAGE) {
					break;
				}
			}
		}
	}

}
