package org.vigia.discovery;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.vigia.discovery.scoring.AvatarHash;
import org.vigia.platform.PlatformDirectory;

/** Avatars' perceptual hashes, from the cache or fetched through the platforms' guarded client. */
@Component
class AvatarHashes {

	private static final Logger log = LoggerFactory.getLogger(AvatarHashes.class);

	private final DiscoveryRepository repository;

	private final PlatformDirectory directory;

	private final DiscoveryProperties properties;

	AvatarHashes(DiscoveryRepository repository, PlatformDirectory directory, DiscoveryProperties properties) {
		this.repository = repository;
		this.directory = directory;
		this.properties = properties;
	}

	/**
	 * The avatars' hashes; null for an image not hashed. A URL whose fetching or hashing throws is handed to
	 * {@code failed} (and not cached, so it is tried again next run).
	 */
	Map<String, @Nullable Long> of(List<@Nullable String> urls, Instant now, BiConsumer<String, RuntimeException> failed) {
		var wanted = urls.stream().filter(Objects::nonNull).distinct().toList();
		Map<String, @Nullable Long> hashes = new HashMap<>(repository.cachedAvatars(wanted,
				now.minus(properties.avatarTtl())));
		Map<String, @Nullable Long> fetched = new HashMap<>();
		for (var url : wanted) {
			if (!hashes.containsKey(url)) {
				try {
					var bytes = directory.image(url, properties.avatarMaxBytes());
					var hash = (bytes != null) ? AvatarHash.dHash(bytes) : null;
					fetched.put(url, hash);
					hashes.put(url, hash);
				}
				catch (RuntimeException ex) {
					log.debug("Fetching or hashing the avatar {} failed", url, ex);
					failed.accept(url, ex);
				}
			}
		}
		repository.cacheAvatars(fetched, now);
		return hashes;
	}

}
