package org.vigia.platform.handle;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The host names under which one platform serves profiles, including the subdomains it treats as aliases. */
public record Hosts(Pattern pattern) {

	/**
	 * @param aliases a regular expression for one optional leading label, such as {@code www|m|mobile}
	 */
	public static Hosts of(String aliases, String... names) {
		var alternatives = Arrays.stream(names).map(Pattern::quote).collect(Collectors.joining("|"));
		return new Hosts(Pattern.compile("(?:(?:" + aliases + ")\\.)?(?:" + alternatives + ")"));
	}

	public boolean owns(String host) {
		return this.pattern.matcher(host).matches();
	}

	/** A bare site name must not pass for a handle on platforms whose handles may contain dots. */
	public boolean isBareHost(String input) {
		var lower = input.toLowerCase(Locale.ROOT);
		return owns(lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower);
	}

}
