package org.vigia.discovery.scoring;

import java.util.Objects;

/**
 * A URL in a bio or profile field; {@code verified} when the platform confirmed the site links back (Mastodon's
 * {@code verified_at}), which is what makes a link proof of control rather than a claim.
 */
public record Link(String url, boolean verified) {

	public Link {
		Objects.requireNonNull(url, "url");
	}

}
