package org.vigia.web;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.alerts.Notification;
import org.vigia.alerts.Notifications;

/** The mail outbox. */
@RestController
class NotificationController {

	private static final Set<String> STATUSES = Set.of("PENDING", "SENT", "FAILED");

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/api/notifications")
	PagedModel<Notification> list(@RequestParam(required = false) @Nullable String status,
			@PageableDefault(size = 50) Pageable pageable) {
		String wanted = null;
		if (status != null && !status.isBlank()) {
			wanted = status.strip().toUpperCase(Locale.ROOT);
			if (!STATUSES.contains(wanted)) {
				throw new BadParameterException("problem.badParameter.values", "status", status, "PENDING, SENT, FAILED");
			}
		}
		return new PagedModel<>(notifications.list(wanted, pageable));
	}

}
