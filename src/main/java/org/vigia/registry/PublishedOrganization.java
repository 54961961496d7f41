package org.vigia.registry;

import java.time.Instant;

/**
 * An organization that publishes its directory, as the public sees it.
 * @param updatedAt when the organization or any of its accounts last changed: the directory's version
 * @param accounts how many official accounts it lists; -1 where not counted (the list of every publishing organization)
 */
public record PublishedOrganization(long id, String name, String slug, java.util.List<String> officialDomains,
		Instant updatedAt, int accounts) {
}
