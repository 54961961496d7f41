package org.vigia.connections;

import org.vigia.common.Visibility;
import java.security.Principal;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.vigia.platform.NetworkAuthorization;

/**
 * The editor's side of connecting: the form on /connections starts it for an organization, Spring Security's client
 * takes the editor to the network and exchanges the code, and the network's way back lands here, where the grant is
 * completed with the network's own steps, kept, and the editor sent back to /connections saying what happened.
 */
@Controller
class ConnectFlow {

	private static final Logger log = LoggerFactory.getLogger(ConnectFlow.class);

	/** The organization the editor is connecting for, kept in the session across the trip to the network. */
	static final String ORGANIZATION = ConnectFlow.class.getName() + ".organization";

	private final Connections connections;

	private final JdbcClient jdbc;

	private final Visibility visibility;

	ConnectFlow(Connections connections, JdbcClient jdbc, Visibility visibility) {
		this.visibility = visibility;
		this.connections = connections;
		this.jdbc = jdbc;
	}

	@PostMapping(ConnectionsSecurityConfiguration.BASE + "/start")
	String start(@RequestParam String registration, @RequestParam long organizationId, HttpSession session) {
		if (connections.registrations().stream().noneMatch(known -> known.id().equals(registration))) {
			return back("failed", "unknown");
		}
		boolean exists = jdbc.sql("select count(*) from registry_organizations where id = :id")
			.param("id", organizationId)
			.query(Long.class)
			.single() > 0;
		if (!exists || !visibility.edited().contains(organizationId)) {
			return back("failed", "organization");
		}
		session.setAttribute(ORGANIZATION, organizationId);
		return "redirect:" + ConnectionsSecurityConfiguration.AUTHORIZATION + "/" + registration;
	}

	@GetMapping(ConnectionsSecurityConfiguration.BASE + "/code/{registration}")
	String finish(@PathVariable String registration, @RequestParam(required = false) @Nullable String error,
			Principal principal, HttpServletRequest request, HttpServletResponse response) {
		var session = request.getSession();
		var organization = (Long) session.getAttribute(ORGANIZATION);
		session.removeAttribute(ORGANIZATION);
		var grants = ConnectionsSecurityConfiguration.GRANTS;
		var client = grants.loadAuthorizedClient(registration, null, request);
		if (client != null) {
			grants.removeAuthorizedClient(registration, null, request, response);
		}
		if (error != null || client == null) {
			// The person declined at the network, or the exchange failed (its reason is in Spring Security's log).
			log.info("Connecting {} for organization {} did not complete: {}", registration, organization,
					(error != null) ? error : "no authorization");
			return back("failed", "declined");
		}
		if (organization == null) {
			return back("failed", "organization");
		}
		var access = client.getAccessToken();
		var refresh = client.getRefreshToken();
		var token = new NetworkAuthorization.Token(access.getTokenValue(),
				(refresh != null) ? refresh.getTokenValue() : null, access.getExpiresAt(),
				(refresh != null) ? refresh.getExpiresAt() : null);
		try {
			var connection = connections.connect(organization, registration, token, Set.copyOf(access.getScopes()),
					principal.getName());
			return back("connected", String.valueOf(connection.id()));
		}
		catch (RuntimeException ex) {
			log.warn("Connecting {} for organization {} failed: {}", registration, organization, ex.getMessage());
			return back("failed", "network");
		}
	}

	private static String back(String outcome, String detail) {
		return "redirect:" + UriComponentsBuilder.fromPath("/connections").queryParam(outcome, detail).toUriString();
	}

}
