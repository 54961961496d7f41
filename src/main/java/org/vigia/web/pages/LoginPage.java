package org.vigia.web.pages;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.vigia.web.LoginThrottledException;

/**
 * The login form, in the dashboard's look and language (Spring Security's generated one is English only). Spring
 * Security still checks what it posts to {@code /login}; after too many failures it sends the person back here with
 * {@code ?throttled}, and the page says how long to wait.
 */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login(@Nullable HttpSession session, Model model) {
		if (session != null
				&& session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof LoginThrottledException throttled) {
			model.addAttribute("retryAfterMinutes", throttled.retryAfterMinutes());
		}
		return "login";
	}

}
