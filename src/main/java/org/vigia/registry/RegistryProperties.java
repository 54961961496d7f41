package org.vigia.registry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the registry import.
 * @param importMaxLines the most accounts one CSV may hold
 * @param importMaxSize the largest CSV accepted
 * @param importMaxErrors how many errors an import reports before it stops looking
 */
@ConfigurationProperties("vigia.registry")
@Validated
record RegistryProperties(@DefaultValue("100000") @Min(1) @Max(1_000_000) int importMaxLines,
		@DefaultValue("32MB") DataSize importMaxSize, @DefaultValue("1000") @Min(1) int importMaxErrors) {

	RegistryProperties {
		if (importMaxSize.toBytes() < 1) {
			throw new IllegalArgumentException("vigia.registry.import-max-size must be positive, was " + importMaxSize);
		}
	}

	/** The import's size limit, for the web layer that reads the request body. */
	long importMaxBytes() {
		return importMaxSize.toBytes();
	}

}
