package org.vigia.platform.handle;

import org.vigia.platform.AccountAddress;
import org.vigia.platform.InvalidHandleException;

import org.jspecify.annotations.Nullable;

/** Turns whatever people paste for one platform into that platform's canonical account address. */
public interface HandleParser {

	/**
	 * @throws InvalidHandleException when the input does not name an account on the platform
	 */
	AccountAddress parse(@Nullable String input);

	/** Lets other parsers tell people which network a misplaced link belongs to. */
	default boolean owns(String host) {
		return false;
	}

}
