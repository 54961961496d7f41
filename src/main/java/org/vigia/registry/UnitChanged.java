package org.vigia.registry;

/**
 * Published inside the transaction that changed a unit's registry entry (its name, contacts or whether it runs many
 * accounts by design), so that what depends on it is judged again with the change.
 */
public record UnitChanged(long unitId) {
}
