package org.vigia.web.pages;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.vigia.web.LoginThrottledException;
import org.vigia.web.SingleSignOnLogin;

/**
 * The login form, in the dashboard's look and language (Spring Security's generated one is English only). Spring
 * Security still checks what it posts to {@code /login}; after too many failures it sends the person back here with
 * {@code ?throttled}, and the page says how long to wait. With single sign-on configured, a button beside the form
 * starts it; with local passwords switched off, the button is all there is.
 */
@Controller
class LoginPage {

	private final ObjectProvider<ClientRegistrationRepository> clients;

	private final boolean localLogin;

	LoginPage(ObjectProvider<ClientRegistrationRepository> clients,
			@Value("${vigia.security.local-login:true}") boolean localLogin) {
		this.clients = clients;
		this.localLogin = localLogin;
	}

	@GetMapping("/login")
	String login(@Nullable HttpSession session, Model model) {
		model.addAttribute("ssoProvider", SingleSignOnLogin.providerName(clients.getIfAvailable()));
		model.addAttribute("localLogin", localLogin);
		if (session != null
				&& session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof LoginThrottledException throttled) {
			model.addAttribute("retryAfterMinutes", throttled.retryAfterMinutes());
		}
		return "login";
	}

}
