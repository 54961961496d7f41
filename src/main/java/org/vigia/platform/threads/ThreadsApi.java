package org.vigia.platform.threads;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.Graph;

/**
 * The Threads API: the versioned API for profiles and posts, and the unversioned root for the token exchanges. Its
 * answers, errors and usage headers have the Graph API's shapes. Calls do not carry {@code appsecret_proof}: the
 * Threads documentation does not describe it.
 */
@Component
public class ThreadsApi {

	private final Graph versioned;

	private final Graph root;

	private final ThreadsProperties properties;

	@Autowired
	public ThreadsApi(PlatformHttpClient http, ThreadsProperties properties, Clock clock) {
		this(http, properties, clock, Thread::sleep);
	}

	ThreadsApi(PlatformHttpClient http, ThreadsProperties properties, Clock clock, Graph.Sleeper sleeper) {
		this.properties = properties;
		this.versioned = new Graph(http, properties.base() + "/" + ThreadsProperties.VERSION, properties.appSecret(),
				false, "Threads API", clock, sleeper);
		this.root = new Graph(http, properties.base(), properties.appSecret(), false, "Threads API", clock,
				sleeper);
	}

	/** Profiles and posts: {@code /v1.0/me}, {@code /v1.0/me/threads}. */
	public Graph graph() {
		return versioned;
	}

	/** The token endpoints: {@code /access_token}, {@code /refresh_access_token}. */
	Graph root() {
		return root;
	}

	ThreadsProperties properties() {
		return properties;
	}

}
