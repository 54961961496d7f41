package org.vigia.health;

import java.time.Instant;

/** The periodic sweep has finished: what it changed is committed, for the read side to bring its copies up to date. */
public record HealthSwept(Instant at) {
}
