package org.vigia.platform;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
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

	/** How many accounts of the platform {@link #checkAll} takes at once: 1 where the platform has no batch call. */
	public int batchSize(Platform platform) {
		var adapter = adapters.get(platform);
		return (adapter == null) ? 1 : Math.max(1, adapter.batchSize());
	}

	/** How often the platform's accounts are checked, where it has an interval of its own; null otherwise. */
	public @Nullable Duration interval(Platform platform) {
		var adapter = adapters.get(platform);
		return (adapter == null) ? null : adapter.interval();
	}

	/**
	 * Checks accounts of one platform, at most {@link #batchSize} of them, with the platform's batch call where it
	 * has one; answers one result per request, in their order.
	 */
	public List<CheckResult> checkAll(List<CheckRequest> requests) {
		if (requests.size() == 1) {
			return List.of(check(requests.getFirst()));
		}
		var platform = requests.getFirst().address().platform();
		var adapter = adapters.get(platform);
		if (adapter == null || requests.stream().anyMatch(request -> request.address().platform() != platform)) {
			return requests.stream().map(this::check).toList();
		}
		long started = System.nanoTime();
		try {
			var results = adapter.checkAll(requests);
			if (results.size() != requests.size()) {
				throw new IllegalStateException(results.size() + " results for " + requests.size() + " accounts");
			}
			return results;
		}
		catch (RuntimeException ex) {
			log.warn("The {} adapter failed on a batch of {} accounts", platform.id(), requests.size(), ex);
			var failure = CheckResult.failure(CheckOutcome.ERROR, null, Duration.ofNanos(System.nanoTime() - started),
					0, Message.of("check.internal", ex.getClass().getSimpleName()).encode(), null);
			return requests.stream().map(request -> failure).toList();
		}
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
					Message.of("check.internal", ex.getClass().getSimpleName()).encode(), null);
		}
	}

}
