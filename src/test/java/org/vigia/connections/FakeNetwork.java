package org.vigia.connections;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;

/**
 * A network's own steps as the tests play them, for the client registration {@code fake}: the code exchange gives a
 * short-lived token, which it turns into a 60-day one; the person administers the pages the test says; refresh and
 * revoke are recorded. Imported by the tests that need it (it is no component, so other tests never see it).
 */
public class FakeNetwork implements NetworkAuthorization {

	public static final String ID = "fake";

	public final List<Asset> assets = new CopyOnWriteArrayList<>();

	public final List<String> revoked = new CopyOnWriteArrayList<>();

	public final List<String> completed = new CopyOnWriteArrayList<>();

	public final AtomicInteger refreshes = new AtomicInteger();

	public volatile boolean refreshable = true;

	/** Whether the network refuses to revoke (it answers an error). */
	public volatile boolean revokeFails;

	public volatile Duration lifetime = Duration.ofDays(60);

	public volatile String userId = "10150000000000001";

	/** The name the network gives of who granted it; null where it gives none (LinkedIn without openid). */
	public volatile String userName = "Marta Comunicación";

	private final Clock clock;

	public FakeNetwork(Clock clock) {
		this.clock = clock;
	}

	public void reset() {
		assets.clear();
		revoked.clear();
		completed.clear();
		refreshes.set(0);
		refreshable = true;
		revokeFails = false;
		lifetime = Duration.ofDays(60);
		userId = "10150000000000001";
		userName = "Marta Comunicación";
	}

	@Override
	public String registrationId() {
		return ID;
	}

	@Override
	public Set<Platform> platforms() {
		return EnumSet.of(Platform.FACEBOOK, Platform.INSTAGRAM);
	}

	@Override
	public Grant complete(Token token, Set<String> scopes) {
		completed.add(token.accessToken());
		var lasting = new Token("long-" + token.accessToken(), refreshable ? "refresh-" + token.accessToken() : null,
				clock.instant().plus(lifetime), null);
		return new Grant(userId, userName, lasting, scopes, List.copyOf(assets));
	}

	@Override
	public Optional<Token> refresh(Token token) {
		if (!refreshable || token.refreshToken() == null) {
			return Optional.empty();
		}
		refreshes.incrementAndGet();
		return Optional.of(new Token("fresh-" + refreshes.get(), token.refreshToken(), clock.instant().plus(lifetime),
				null));
	}

	@Override
	public List<Asset> assets(Token token) {
		return new ArrayList<>(assets);
	}

	@Override
	public boolean revoke(Token token) {
		if (revokeFails) {
			throw new IllegalStateException("the network refused the revocation: error 190 (OAuthException)");
		}
		revoked.add(token.accessToken());
		return true;
	}

}
