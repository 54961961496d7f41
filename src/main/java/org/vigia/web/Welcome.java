package org.vigia.web;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.util.StringUtils;

/**
 * The last words of start-up, where a first-time user looks: the address to open and, when the admin's password was
 * generated, that password (printed this once, since it is kept nowhere).
 */
final class Welcome {

	private static final Logger log = LoggerFactory.getLogger(Welcome.class);

	private Welcome() {
	}

	static void log(ApplicationContext context, @Nullable String generatedPassword) {
		var url = url(context);
		if (generatedPassword != null) {
			var open = (url != null) ? "Vigía is ready: open " + url + " and log in as admin.\n    " : "";
			log.warn("\n\n    {}Generated password of the 'admin' user: {}\n    Set VIGIA_SECURITY_ADMIN_PASSWORD to choose "
					+ "one; this one changes at every start.\n", open, generatedPassword);
		}
		else if (url != null) {
			log.info("Vigía is ready: open {}", url);
		}
	}

	/** Where this node's dashboard answers, or null without a web server of its own (a test's mock, a worker). */
	static @Nullable String url(ApplicationContext context) {
		if (!(context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
			return null;
		}
		var environment = context.getEnvironment();
		var address = environment.getProperty("server.address", "");
		var host = (!StringUtils.hasText(address) || address.equals("0.0.0.0") || address.equals("::")) ? "localhost"
				: address.contains(":") ? "[" + address + "]" : address;
		var path = environment.getProperty("server.servlet.context-path", "");
		return "http://" + host + ":" + web.getWebServer().getPort() + StringUtils.trimTrailingCharacter(path, '/') + "/";
	}

}
