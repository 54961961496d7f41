package org.vigia.platform;

/**
 * Which registry account a check is for, for the networks whose answers depend on who asks: there, an account is read
 * with a credential its organization granted.
 * @param accountId the registry account
 * @param organizationId the organization that owns it
 */
public record AccountRef(long accountId, long organizationId) {
}
