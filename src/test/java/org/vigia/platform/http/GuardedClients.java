package org.vigia.platform.http;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.Dns;

/** Clients with the address guard on, for tests of other packages that must reach one local server and no other. */
public final class GuardedClients {

	private GuardedClients() {
	}

	/** Private addresses refused, except the one endpoint given (an IP literal and port the test server listens on). */
	public static PlatformHttpClient exempting(InetSocketAddress endpoint) {
		var local = HttpProperties.forLocalTests();
		var properties = new HttpProperties(false, local.maxConcurrentRequests(), local.maxRequestsPerHost(),
				local.connectTimeout(), local.readTimeout(), local.callTimeout(), local.maxResponseSize(),
				local.maxRedirects(), local.maxRetries(), local.maxRateLimitWait(), local.contactUrl(),
				local.retryBaseDelay());
		return new PlatformHttpClient(properties, new SimpleMeterRegistry(), Clock.systemUTC(), Thread::sleep,
				Dns.SYSTEM, Set.of(endpoint));
	}

}
