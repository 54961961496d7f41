package org.vigia.discovery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vigia.health.ReleasedAccount;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.FoundAccount;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.Platform;
import org.vigia.platform.Profile;

/**
 * What discovery reads of the registry and of polling's profiles, and its own memory: the platforms' answers about
 * handles, avatar hashes and released handles. Every statement works on a whole set.
 */
@Repository
class DiscoveryRepository {


	private static final TypeReference<List<Profile.Field>> FIELDS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	DiscoveryRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** An organization's names and official domains. */
	record Organization(long id, String name, List<String> aliases, List<String> officialDomains) {
	}

	/** An active official account and what polling last saw of its profile under its current handle. */
	record Official(long accountId, AccountAddress address, @Nullable String registeredName,
			@Nullable String platformId, @Nullable Profile profile) {
	}

	@Nullable Organization organization(long id) {
		return jdbc.sql("select id, name, aliases, official_domains from registry_organizations organization where id = :id")
			.param("id", id)
			.query((rs, row) -> new Organization(rs.getLong("id"), rs.getString("name"), strings(rs, "aliases"),
					strings(rs, "official_domains")))
			.optional()
			.orElse(null);
	}

	List<Official> officials(long organizationId) {
		return jdbc.sql("""
				select a.id, a.platform, a.handle, a.url, a.display_name as registered_name, s.platform_id,
				       p.id as profile_id, p.display_name, p.bio, p.avatar_url, p.followers, p.following, p.posts,
				       p.fields::text as fields, p.bot, p.created_at
				from registry_accounts a
				left join polling_account_states s on s.account_id = a.id and s.handle = a.handle
				left join polling_profiles p on p.id = s.profile_id
				where a.organization_id = :organizationId and a.status = 'ACTIVE'
				order by a.id
				""").param("organizationId", organizationId).query((rs, row) -> {
			Profile profile = null;
			if (rs.getObject("profile_id") != null) {
				profile = new Profile(rs.getString("display_name"), rs.getString("bio"), rs.getString("avatar_url"),
						rs.getObject("followers", Long.class), rs.getObject("following", Long.class),
						rs.getObject("posts", Long.class), json.readValue(rs.getString("fields"), FIELDS),
						rs.getBoolean("bot"), instant(rs, "created_at"));
			}
			return new Official(rs.getLong("id"), new AccountAddress(Platform.valueOf(rs.getString("platform")),
					rs.getString("handle"), rs.getString("url")), rs.getString("registered_name"),
					rs.getString("platform_id"), profile);
		}).list();
	}

	/**
	 * Which of these accounts the registry holds, archived ones included, by handle or by the platform's id (a renamed
	 * official account is still official): their {@code platform:handle} keys.
	 */
	Set<String> registered(Collection<FoundAccount> accounts) {
		if (accounts.isEmpty()) {
			return Set.of();
		}
		var list = List.copyOf(accounts);
		var registered = new HashSet<String>();
		jdbc.sql("""
				select t.n from unnest(:platforms::text[], :handles::text[], :ids::text[]) with ordinality
				     as t(platform, handle, platform_id, n)
				where exists (select 1 from registry_accounts a where a.platform = t.platform and a.handle = t.handle)
				   or (t.platform_id is not null and exists (
				       select 1 from polling_account_states s join registry_accounts a on a.id = s.account_id
				       where s.platform_id = t.platform_id and a.platform = t.platform))
				""")
			.param("platforms", list.stream().map(a -> a.address().platform().name()).toArray(String[]::new))
			.param("handles", list.stream().map(a -> a.address().handle()).toArray(String[]::new))
			.param("ids", list.stream().map(FoundAccount::platformId).toArray(String[]::new))
			.query(rs -> {
				var account = list.get(rs.getInt("n") - 1);
				registered.add(key(account.address().platform(), account.address().handle()));
			});
		return registered;
	}

	/** The platforms' answers about these handles, given since {@code since}: {@code platform:handle} to answer. */
	Map<String, HandleProbe> cachedProbes(Collection<AccountAddress> addresses, Instant since) {
		if (addresses.isEmpty()) {
			return Map.of();
		}
		var probes = new HashMap<String, HandleProbe>();
		jdbc.sql("""
				select p.platform, p.handle, p.existence, p.url, p.platform_id, p.profile::text as profile
				from discovery_probe p
				join unnest(:platforms::text[], :handles::text[]) as t(platform, handle)
				  on p.platform = t.platform and p.handle = t.handle
				where p.checked_at >= :since
				""")
			.param("platforms", addresses.stream().map(a -> a.platform().name()).toArray(String[]::new))
			.param("handles", addresses.stream().map(AccountAddress::handle).toArray(String[]::new))
			.param("since", DiscoveryRuns.timestamp(since))
			.query(rs -> {
				var platform = Platform.valueOf(rs.getString("platform"));
				var handle = rs.getString("handle");
				var existence = HandleProbe.Existence.valueOf(rs.getString("existence"));
				FoundAccount account = null;
				var profile = rs.getString("profile");
				if (existence == HandleProbe.Existence.EXISTS && profile != null && rs.getString("url") != null) {
					account = new FoundAccount(new AccountAddress(platform, handle, rs.getString("url")),
							rs.getString("platform_id"), json.readValue(profile, Profile.class));
				}
				if (existence != HandleProbe.Existence.EXISTS || account != null) {
					probes.put(key(platform, handle), new HandleProbe(existence, account, "cached", null));
				}
			});
		return probes;
	}

	/** Remembers the platforms' answers; UNKNOWN ones are not remembered, since they say nothing. */
	void cacheProbes(Map<AccountAddress, HandleProbe> probes, Instant now) {
		var known = probes.entrySet().stream()
			.filter(entry -> entry.getValue().existence() != HandleProbe.Existence.UNKNOWN)
			.sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(AccountAddress::handle)))
			.toList();
		if (known.isEmpty()) {
			return;
		}
		var platforms = new ArrayList<String>();
		var handles = new ArrayList<String>();
		var existences = new ArrayList<String>();
		var urls = new ArrayList<@Nullable String>();
		var ids = new ArrayList<@Nullable String>();
		var profiles = new ArrayList<@Nullable String>();
		for (var entry : known) {
			var account = entry.getValue().account();
			platforms.add(entry.getKey().platform().name());
			handles.add(entry.getKey().handle());
			existences.add(entry.getValue().existence().name());
			urls.add((account != null) ? account.address().url() : entry.getKey().url());
			ids.add((account != null) ? account.platformId() : null);
			profiles.add((account != null) ? json.writeValueAsString(storable(account).profile()) : null);
		}
		jdbc.sql("""
				insert into discovery_probe (platform, handle, existence, url, platform_id, profile, checked_at)
				select t.platform, t.handle, t.existence, t.url, t.platform_id, t.profile::jsonb, :now
				from unnest(:platforms::text[], :handles::text[], :existences::text[], :urls::text[], :ids::text[],
				            :profiles::text[]) as t(platform, handle, existence, url, platform_id, profile)
				on conflict (platform, handle) do update
				set existence = excluded.existence, url = excluded.url, platform_id = excluded.platform_id,
				    profile = excluded.profile, checked_at = excluded.checked_at
				""")
			.param("platforms", platforms.toArray(String[]::new))
			.param("handles", handles.toArray(String[]::new))
			.param("existences", existences.toArray(String[]::new))
			.param("urls", urls.toArray(String[]::new))
			.param("ids", ids.toArray(String[]::new))
			.param("profiles", profiles.toArray(String[]::new))
			.param("now", DiscoveryRuns.timestamp(now))
			.update();
	}

	/** Avatar hashes computed since {@code since}; a URL whose image could not be hashed maps to null. */
	Map<String, @Nullable Long> cachedAvatars(Collection<String> urls, Instant since) {
		if (urls.isEmpty()) {
			return Map.of();
		}
		Map<String, @Nullable Long> hashes = new HashMap<>();
		jdbc.sql("select url, hash from discovery_avatar where url = any(:urls) and fetched_at >= :since")
			.param("urls", urls.toArray(String[]::new))
			.param("since", DiscoveryRuns.timestamp(since))
			.query(rs -> {
				hashes.put(rs.getString("url"), rs.getObject("hash", Long.class));
			});
		return hashes;
	}

	void cacheAvatars(Map<String, @Nullable Long> hashes, Instant now) {
		if (hashes.isEmpty()) {
			return;
		}
		var urls = hashes.keySet().stream().sorted().toList();
		jdbc.sql("""
				insert into discovery_avatar (url, hash, fetched_at)
				select t.url, t.hash, :now from unnest(:urls::text[], :hashes::bigint[]) as t(url, hash)
				on conflict (url) do update set hash = excluded.hash, fetched_at = excluded.fetched_at
				""")
			.param("urls", urls.toArray(String[]::new))
			.param("hashes", urls.stream().map(hashes::get).toArray(Long[]::new))
			.param("now", DiscoveryRuns.timestamp(now))
			.update();
	}

	/** A handle an official account left behind, and that account's own id on the platform. */
	record Released(AccountAddress address, long accountId, @Nullable String platformId, Instant releasedAt) {
	}

	/**
	 * Remembers the handles these official accounts gave up, so that they stay watched after the registry moves on
	 * (a MOVED account re-registered under its new handle), and answers every handle the organization left behind.
	 */
	List<Released> released(long organizationId, List<ReleasedAccount> accounts, Instant now) {
		// The same account back under its handle (a GONE that was a platform's hiccup) has released nothing; another
		// account there is a takeover, and stays watched even once polling, finding an account, stops calling it GONE.
		jdbc.sql("""
				delete from released_handle r using registry_accounts a left join polling_account_states s on s.account_id = a.id
				where r.organization_id = :organizationId and a.id = r.account_id and a.handle = r.handle
				  and a.platform = r.platform and a.status = 'ACTIVE' and a.id <> all(:releasedIds::bigint[])
				  and (r.platform_id is null or s.platform_id = r.platform_id)
				""").param("organizationId", organizationId)
			.param("releasedIds", accounts.stream().map(ReleasedAccount::accountId).toArray(Long[]::new))
			.update();
		if (!accounts.isEmpty()) {
			var sorted = accounts.stream()
				.sorted(java.util.Comparator.comparing(ReleasedAccount::platform).thenComparing(ReleasedAccount::handle))
				.toList();
			jdbc.sql("""
					insert into released_handle (platform, handle, url, account_id, organization_id, platform_id, released_at)
					select t.platform, t.handle, t.url, t.account_id, t.organization_id, t.platform_id, :now
					from unnest(:platforms::text[], :handles::text[], :urls::text[], :accountIds::bigint[],
					            :organizationIds::bigint[], :ids::text[])
					     as t(platform, handle, url, account_id, organization_id, platform_id)
					on conflict (platform, handle) do update
					set platform_id = coalesce(released_handle.platform_id, excluded.platform_id)
					""")
				.param("platforms", sorted.stream().map(a -> a.platform().name()).toArray(String[]::new))
				.param("handles", sorted.stream().map(ReleasedAccount::handle).toArray(String[]::new))
				.param("urls", sorted.stream().map(ReleasedAccount::url).toArray(String[]::new))
				.param("accountIds", sorted.stream().map(ReleasedAccount::accountId).toArray(Long[]::new))
				.param("organizationIds", sorted.stream().map(ReleasedAccount::organizationId).toArray(Long[]::new))
				.param("ids", sorted.stream().map(ReleasedAccount::platformId).toArray(String[]::new))
				.param("now", DiscoveryRuns.timestamp(now))
				.update();
		}
		return jdbc.sql("""
				select platform, handle, url, account_id, platform_id, released_at from released_handle
				where organization_id = :organizationId order by platform, handle
				""").param("organizationId", organizationId).query((rs, row) -> new Released(
				new AccountAddress(Platform.valueOf(rs.getString("platform")), rs.getString("handle"), rs.getString("url")),
				rs.getLong("account_id"), rs.getString("platform_id"), rs.getTimestamp("released_at").toInstant()))
			.list();
	}

	/**
	 * The account with the NUL characters of its profile dropped: PostgreSQL stores no NUL in text or jsonb, and a
	 * hostile profile that carries one must not keep its examination, or the evidence about it, from being written.
	 */
	static FoundAccount storable(FoundAccount account) {
		var profile = account.profile();
		if (!hasNul(profile.displayName()) && !hasNul(profile.bio()) && !hasNul(profile.avatarUrl())
				&& profile.fields().stream().noneMatch(field -> hasNul(field.name()) || hasNul(field.value()))) {
			return account;
		}
		var fields = profile.fields().stream()
			.map(field -> new Profile.Field(field.name().replace("\0", ""), field.value().replace("\0", ""),
					field.verifiedAt()))
			.toList();
		return new FoundAccount(account.address(), account.platformId(), new Profile(withoutNul(profile.displayName()),
				withoutNul(profile.bio()), withoutNul(profile.avatarUrl()), profile.followers(), profile.following(),
				profile.posts(), fields, profile.bot(), profile.createdAt()));
	}

	private static boolean hasNul(@Nullable String text) {
		return text != null && text.indexOf('\0') >= 0;
	}

	private static @Nullable String withoutNul(@Nullable String text) {
		return (text == null) ? null : text.replace("\0", "");
	}

	static String key(Platform platform, String handle) {
		return platform.name() + ":" + handle;
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		var array = rs.getArray(column);
		return (array == null) ? List.of() : List.of((String[]) array.getArray());
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var timestamp = rs.getTimestamp(column);
		return (timestamp == null) ? null : timestamp.toInstant();
	}

}
