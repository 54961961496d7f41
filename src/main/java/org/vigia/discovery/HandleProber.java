package org.vigia.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformDirectory;

/**
 * Asks the platforms about handles for the candidate sources, a few requests at a time, and keeps their answers in
 * the probe cache. Where a platform takes batches (Bluesky's getProfiles) handles go in batches; a host that cannot
 * take more before the run's patience ({@code rate-limit-wait}) runs out is left alone for the rest of the call, and
 * its handles wait, unanswered and uncached, for the next run.
 */
@Component
class HandleProber {

	private final PlatformDirectory directory;

	private final DiscoveryRepository repository;

	private final DiscoveryProperties properties;

	HandleProber(PlatformDirectory directory, DiscoveryRepository repository, DiscoveryProperties properties) {
		this.directory = directory;
		this.repository = repository;
		this.properties = properties;
	}

	/** Probes these handles one at a time (a single handle's answer says more: taken down, or never there). */
	Map<AccountAddress, HandleProbe> probeEach(List<AccountAddress> addresses, Examination examination) {
		return probe(addresses, examination, false);
	}

	/** Probes these handles in batches where the platform takes them. */
	Map<AccountAddress, HandleProbe> probeBatched(List<AccountAddress> addresses, Examination examination) {
		return probe(addresses, examination, true);
	}

	/** How many handles one request looks up on this platform, for budgets that count requests. */
	int batch(Platform platform) {
		return directory.probeBatch(platform);
	}

	private Map<AccountAddress, HandleProbe> probe(List<AccountAddress> addresses, Examination examination,
			boolean batched) {
		if (addresses.isEmpty()) {
			return Map.of();
		}
		var requests = new ArrayList<List<AccountAddress>>();
		Map<Platform, List<AccountAddress>> open = new HashMap<>();
		for (var address : addresses) {
			int size = batched ? directory.probeBatch(address.platform()) : 1;
			var batch = open.get(address.platform());
			if (batch == null || batch.size() >= size) {
				batch = new ArrayList<>(size);
				open.put(address.platform(), batch);
				requests.add(batch);
			}
			batch.add(address);
		}
		Map<AccountAddress, HandleProbe> answers = new ConcurrentHashMap<>();
		Set<String> limited = ConcurrentHashMap.newKeySet();
		var permits = new Semaphore(properties.parallelism());
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			var futures = new ArrayList<Future<?>>();
			for (var batch : requests) {
				futures.add(executor.submit(() -> {
					permits.acquireUninterruptibly();
					try {
						var host = host(batch.get(0));
						if (limited.contains(host)) {
							return;
						}
						examination.probes.addAndGet(batch.size());
						examination.requests.incrementAndGet();
						var batchAnswers = directory.probe(batch, properties.rateLimitWait());
						for (var address : batch) {
							var probe = batchAnswers.get(address);
							if (probe == null) {
								continue;
							}
							if (probe.existence() == HandleProbe.Existence.UNKNOWN) {
								examination.unanswered.incrementAndGet();
								if (probe.retryAt() != null) {
									limited.add(host);
								}
							}
							answers.put(address, probe);
						}
					}
					finally {
						permits.release();
					}
				}));
			}
			for (var future : futures) {
				try {
					future.get();
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException("A probe failed", ex.getCause());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while probing handles", ex);
				}
			}
		}
		repository.cacheProbes(answers, examination.now);
		return answers;
	}

	private static String host(AccountAddress address) {
		if (address.platform() == Platform.MASTODON) {
			return "mastodon:" + URI.create(address.url()).getRawAuthority();
		}
		return address.platform().name();
	}

}
