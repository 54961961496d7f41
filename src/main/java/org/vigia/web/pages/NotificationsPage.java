package org.vigia.web.pages;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.vigia.alerts.Notifications;

/**
 * The mail outbox, newest first, each mail with its text: where the mails are read while SMTP is not configured (the
 * page says so, and which settings send them), and what was sent and what failed once it is.
 */
@Controller
class NotificationsPage {

	static final int PAGE_SIZE = 20;

	private final Notifications notifications;

	NotificationsPage(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/notifications")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		var result = notifications.letters(PageRequest.of(Math.max(0, page), PAGE_SIZE));
		model.addAttribute("section", "notifications");
		model.addAttribute("page", result);
		model.addAttribute("deliveryConfigured", notifications.deliveryConfigured());
		var current = ServletUriComponentsBuilder.fromCurrentRequest();
		model.addAttribute("previousUrl",
				current.cloneBuilder().replaceQueryParam("page", result.getNumber() - 1).build().toUriString());
		model.addAttribute("nextUrl",
				current.cloneBuilder().replaceQueryParam("page", result.getNumber() + 1).build().toUriString());
		return "notifications";
	}

}
