package org.vigia.alerts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who hears about a finding: an account's owners are its contact, else its unit's contacts, and a unit's owners (of a
 * finding about the unit) are its contacts; HIGH findings also go to the central recipients, and so does whatever has
 * no owner. One rule for alerts, digests and reminders.
 */
final class Routes {

	private Routes() {
	}

	/**
	 * An account's owners: its contact when it has a valid one, else its unit's valid contacts; lower-case. A unit's
	 * owners: its valid contacts (no contact given).
	 */
	static List<String> owners(@Nullable String contact, String @Nullable [] unitContacts) {
		List<String> owners = new ArrayList<>();
		if (Addresses.valid(contact)) {
			owners.add(contact.toLowerCase(Locale.ROOT));
		}
		else if (unitContacts != null) {
			for (var address : unitContacts) {
				if (Addresses.valid(address)) {
					owners.add(address.toLowerCase(Locale.ROOT));
				}
			}
		}
		return owners;
	}

	/** The recipients of a finding with these owners: them, and the central recipients if HIGH or unowned. */
	static Set<String> recipients(List<String> owners, boolean high, List<String> central) {
		var recipients = new LinkedHashSet<>(owners);
		if (high || recipients.isEmpty()) {
			recipients.addAll(central);
		}
		return recipients;
	}

}
