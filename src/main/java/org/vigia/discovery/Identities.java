package org.vigia.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.vigia.discovery.scoring.Identity;
import org.vigia.discovery.scoring.Link;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.Profile;

/** What the scorer compares of an account: its profile as an {@link Identity}, and the links it shows. */
final class Identities {

	private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"']+");

	private static final Pattern DOMAIN = Pattern.compile("(?i)^(?:https?://)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?:/\\S*)?$");

	private Identities() {
	}

	static Identity of(AccountAddress address, @Nullable Profile profile, @Nullable Long avatarHash) {
		if (profile == null) {
			return new Identity(address.platform(), address.handle(), null, null, List.of(), avatarHash, null, null);
		}
		return new Identity(address.platform(), address.handle(), profile.displayName(), profile.bio(), links(profile),
				avatarHash, profile.createdAt(), profile.followers());
	}

	static Identity withAvatar(Identity identity, long hash) {
		return new Identity(identity.platform(), identity.handle(), identity.displayName(), identity.bio(),
				identity.links(), hash, identity.createdAt(), identity.followers());
	}

	/** The links a profile shows: URLs in its bio, and its fields that look like links (Mastodon verifies those). */
	static List<Link> links(Profile profile) {
		var links = new ArrayList<Link>();
		if (profile.bio() != null) {
			var matcher = URL.matcher(profile.bio());
			while (matcher.find()) {
				links.add(new Link(matcher.group(), false));
			}
		}
		for (var field : profile.fields()) {
			var value = field.value().strip();
			if (DOMAIN.matcher(value).matches()) {
				links.add(new Link(value.matches("(?i)^https?://.*") ? value : "https://" + value,
						field.verifiedAt() != null));
			}
		}
		return links;
	}

}
