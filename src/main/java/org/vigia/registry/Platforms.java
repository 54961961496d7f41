package org.vigia.registry;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.vigia.platform.Platform;

/** How the registry names platforms to people. */
final class Platforms {

	private static final String IDS = Arrays.stream(Platform.values())
		.map(Platform::id)
		.collect(Collectors.joining(", "));

	private Platforms() {
	}

	static String ids() {
		return IDS;
	}

}
