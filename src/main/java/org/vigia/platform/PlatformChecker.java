package org.vigia.platform;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The platform module's public face for polling: checks any account, on any network, with the right adapter. */
@Service
public class PlatformChecker {

	private static final Logger log = LoggerFactory.getLogger(PlatformChecker.class);

	private final Map<Platform, PlatformAdapter> adapters = new EnumMap<>(Platform.class);

	PlatformChecker(List<PlatformAdapter> adapters) {
		for (var adapter : adapters) {
			var previous = this.adapters.put(adapter.platform(), adapter);
			if (previous != null) {
				throw new IllegalStateException("Two adapters for " + adapter.platform() + ": "
						+ previous.getClass().getName() + " and " + adapter.getClass().getName());
			}
		}
	}

	/** Whether an adapter exists for the platform. */
	public boolean supports(Platform platform) {
		return adapters.containsKey(platform);
	}

	/** Checks an account; UNSUPPORTED without an adapter, ERROR when the adapter itself failed. */
	public CheckResult check(CheckRequest request) {
		var adapter = adapters.get(request.address().platform());
		if (adapter == null) {
			return CheckResult.unsupported(request.address().platform());
		}
		long started = System.nanoTime();
		try {
			return adapter.check(request);
		}
		catch (RuntimeException ex) {
			log.warn("The {} adapter failed on {}", adapter.platform().id(), request.address().handle(), ex);
			return CheckResult.failure(CheckOutcome.ERROR, null, Duration.ofNanos(System.nanoTime() - started), 0,
					"internal error: " + ex.getClass().getSimpleName(), null);
		}
	}

}
