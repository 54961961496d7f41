package org.vigia.web.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login form, in the dashboard's look and language (Spring Security's generated one is English only). Spring
 * Security still checks what it posts to {@code /login}.
 */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login() {
		return "login";
	}

}
