package org.vigia.platform;

import java.util.List;

/**
 * The authorizations institutions granted Vigía, as the adapters of networks that answer only an authorized app see
 * them. The connections module implements it; adapters ask for it through an {@code ObjectProvider}, so that without
 * it they answer that nothing reaches the account.
 */
public interface Credentials {

	/**
	 * The credentials of the account's organization that may reach it on its network, best first: those that
	 * administer it before those that can only look it up. Empty when no connection reaches it.
	 */
	List<Credential> forAccount(Platform platform, AccountRef account);

	/** The network accepted the credential: the connection was used successfully now. */
	void worked(Credential credential);

	/**
	 * The network refused the credential (expired, revoked, a permission removed): the connection, not the account,
	 * changes state.
	 * @param reason what the network said, as a message code and its arguments ({@link Message})
	 */
	void refused(Credential credential, Message reason);

}
