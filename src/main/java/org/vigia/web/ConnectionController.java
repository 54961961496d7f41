package org.vigia.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.connections.Connection;
import org.vigia.connections.ConnectionState;
import org.vigia.connections.Connections;

/** Connections through the API: list them, read one, disconnect one (editors). Never a token. */
@RestController
@RequestMapping("/api/connections")
class ConnectionController {

	/** A connection as the API shows it: what it is and what it covers, never its tokens. */
	record ConnectionView(long id, String network, long organizationId, String grantedBy, String networkUserId,
			@Nullable String networkUserName, Instant grantedAt, List<String> scopes, @Nullable Instant expiresAt,
			ConnectionState state, List<Long> accountIds, @Nullable Instant lastUsedAt, List<AssetView> assets) {

		static ConnectionView of(Connection connection) {
			return new ConnectionView(connection.id(), connection.registration(), connection.organizationId(),
					connection.grantedBy(), connection.networkUserId(), connection.networkUserName(),
					connection.grantedAt(), connection.scopes(),
					connection.expiresAt(), connection.state(), connection.accountIds(), connection.lastUsedAt(),
					connection.assets()
						.stream()
						.map(asset -> new AssetView(asset.platform().id(), asset.platformId(), asset.handle(),
								asset.accountId(), asset.present()))
						.toList());
		}

	}

	/** An account a connection administers, and the registry account it was matched to. */
	record AssetView(String platform, String platformId, @Nullable String handle, @Nullable Long accountId,
			boolean present) {
	}

	private final Connections connections;

	ConnectionController(Connections connections) {
		this.connections = connections;
	}

	@GetMapping
	List<ConnectionView> list(@RequestParam(required = false) @Nullable Long organizationId) {
		return connections.list(organizationId).stream().map(ConnectionView::of).toList();
	}

	@GetMapping("/{id}")
	ConnectionView get(@PathVariable long id) {
		return ConnectionView.of(connections.get(id));
	}

	/** A connection just disconnected, and what the network did: REVOKED, UNSUPPORTED, FAILED or NOT_ASKED. */
	record DisconnectionView(@JsonUnwrapped ConnectionView connection, Connections.Revocation revocation) {
	}

	/**
	 * Disconnects: revokes it at the network where the network allows, forgets its tokens; answers it, REVOKED, and
	 * whether the network revoked it (a refusal there still disconnects it in Vigía).
	 */
	@DeleteMapping("/{id}")
	DisconnectionView disconnect(@PathVariable long id, Principal principal) {
		var disconnection = connections.disconnect(id, principal.getName());
		return new DisconnectionView(ConnectionView.of(disconnection.connection()), disconnection.revocation());
	}

}
