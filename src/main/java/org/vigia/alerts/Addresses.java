package org.vigia.alerts;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** E-mail addresses as Vigía accepts them: one plain address, no display name, no line breaks. */
final class Addresses {

	private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\",;]+@[^\\s@<>\",;]+");

	private Addresses() {
	}

	static boolean valid(@Nullable String address) {
		return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
	}

	/** The domain of an address, for Message-IDs. */
	static String domain(String address) {
		return address.substring(address.indexOf('@') + 1);
	}

}
