package org.vigia.platform.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.vigia.platform.AccountRef;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/** Credentials a test hands out, remembering which the network accepted and which it refused. */
public final class TestCredentials implements Credentials {

	private final List<Credential> credentials = new ArrayList<>();

	public final List<Credential> worked = new CopyOnWriteArrayList<>();

	public final List<Refusal> refused = new CopyOnWriteArrayList<>();

	public TestCredentials with(Credential credential) {
		credentials.add(credential);
		return this;
	}

	@Override
	public List<Credential> forAccount(Platform platform, AccountRef account) {
		return credentials.stream().filter((credential) -> credential.platform() == platform).toList();
	}

	@Override
	public void worked(Credential credential) {
		worked.add(credential);
	}

	@Override
	public void refused(Credential credential, Message reason) {
		refused.add(new Refusal(credential, reason));
	}

	public record Refusal(Credential credential, Message reason) {
	}

}
