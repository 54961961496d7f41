package org.vigia.connections;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys that keep the connections' tokens at rest ({@code VIGIA_SECRETS_KEY}, {@code VIGIA_SECRETS_OLD_KEYS}).
 * @param key the key new tokens are encrypted with: 32 bytes in base64, optionally preceded by its id and a colon
 *     ({@code 2026a:base64}); without an id, one is derived from the key
 * @param oldKeys earlier keys in the same form, which still decrypt what they encrypted
 */
@ConfigurationProperties("vigia.secrets")
record SecretsProperties(@Nullable String key, @Nullable List<String> oldKeys) {

	SecretsProperties {
		oldKeys = (oldKeys == null) ? List.of() : oldKeys.stream().filter(old -> !old.isBlank()).toList();
	}

	boolean hasKey() {
		return key != null && !key.isBlank();
	}

}
