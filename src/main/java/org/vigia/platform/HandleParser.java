package org.vigia.platform;

import org.jspecify.annotations.Nullable;

/** Turns whatever people paste for one platform into that platform's canonical account address. */
interface HandleParser {

	/**
	 * @throws InvalidHandleException when the input does not name an account on the platform
	 */
	AccountAddress parse(@Nullable String input);

	/** Lets other parsers tell people which network a misplaced link belongs to. */
	default boolean owns(String host) {
		return false;
	}

}
