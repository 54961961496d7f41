package org.vigia.health;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vigia.platform.Platform;

/**
 * How the health rules judge accounts.
 * @param dormantAfter silence after which an account is DORMANT
 * @param abandonedAfter silence after which an account is ABANDONED
 * @param platforms thresholds per platform id (for example {@code youtube}), overriding the two above
 * @param unreachableAfter consecutive failed checks after which an account is UNREACHABLE
 * @param outageShare share of a platform's checked accounts that must be unreachable at once for one platform-level
 * finding to replace the per-account ones
 * @param outageMinAccounts fewest checked accounts on a platform for an outage to be declared
 * @param confirmGone platforms known to answer spurious 404s: GONE opens there only after consecutive confirmations
 * @param goneConfirmations how many checks in a row must say so on those platforms
 * @param oneWay when an account only broadcasts
 * @param duplicates which duplicates are findings
 * @param guidelines the guidelines of organizations that have none of their own
 * @param sweepEnabled whether the sweep runs on schedule
 * @param sweepInterval how often every account is evaluated again (time passing alone turns DORMANT into ABANDONED)
 * @param sweepChunk accounts evaluated per transaction in a sweep
 */
@ConfigurationProperties("vigia.health")
@Validated
public record HealthProperties(@DefaultValue("P30D") Duration dormantAfter, @DefaultValue("P90D") Duration abandonedAfter,
		Map<String, Thresholds> platforms, @DefaultValue("4") @Min(1) @Max(1000) int unreachableAfter,
		@DefaultValue("0.8") @DecimalMin("0.0") @DecimalMax("1.0") double outageShare,
		@DefaultValue("3") @Min(1) int outageMinAccounts, @DefaultValue("youtube") Set<String> confirmGone,
		@DefaultValue("2") @Min(1) @Max(10) int goneConfirmations, @DefaultValue @Valid OneWay oneWay,
		@DefaultValue @Valid Duplicates duplicates, @DefaultValue @Valid GuidelineDefaults guidelines,
		@DefaultValue("true") boolean sweepEnabled, @DefaultValue("PT10M") Duration sweepInterval, @DefaultValue("5000") @Min(100) @Max(100_000) int sweepChunk) {

	public HealthProperties {
		platforms = (platforms != null) ? Map.copyOf(platforms) : Map.of();
		confirmGone = Set.copyOf(confirmGone);
		require(dormantAfter, Duration.ofDays(1), "vigia.health.dormant-after");
		require(abandonedAfter, dormantAfter, "vigia.health.abandoned-after");
		require(sweepInterval, Duration.ofSeconds(10), "vigia.health.sweep-interval");
		for (var entry : platforms.entrySet()) {
			var prefix = "vigia.health.platforms." + entry.getKey();
			platform(entry.getKey(), prefix);
			var thresholds = entry.getValue();
			var dormant = (thresholds.dormantAfter() != null) ? thresholds.dormantAfter() : dormantAfter;
			var abandoned = (thresholds.abandonedAfter() != null) ? thresholds.abandonedAfter() : abandonedAfter;
			require(dormant, Duration.ofDays(1), prefix + ".dormant-after");
			require(abandoned, dormant, prefix + ".abandoned-after");
		}
		for (var id : confirmGone) {
			platform(id, "vigia.health.confirm-gone");
		}
		for (var id : duplicates.sameUnitExempt()) {
			platform(id, "vigia.health.duplicates.same-unit-exempt");
		}
	}

	/** Silence thresholds of one platform; either may be left out. */
	public record Thresholds(@Nullable Duration dormantAfter, @Nullable Duration abandonedAfter) {
	}

	/**
	 * @param maxReplyShare an account whose share of replies is below this only broadcasts
	 * @param posts how many recent posts are judged; accounts with fewer are not
	 */
	public record OneWay(@DefaultValue("0.05") @DecimalMin("0.0") @DecimalMax("1.0") double maxReplyShare,
			@DefaultValue("20") @Min(1) @Max(100) int posts) {
	}

	/**
	 * @param sameUnit whether one unit running two active accounts on one network is a DUPLICATE
	 * @param sameUnitExempt networks where a unit may run several accounts (feeds, by default)
	 */
	public record Duplicates(@DefaultValue("true") boolean sameUnit, @DefaultValue("feed") Set<String> sameUnitExempt) {

		public Duplicates {
			sameUnitExempt = Set.copyOf(sameUnitExempt);
		}

	}

	/**
	 * @param displayNameContainsName the display name must contain the organization's name or one of its aliases
	 * @param officialLink the profile must link to one of the organization's official domains
	 * @param avatar the profile must have an avatar
	 * @param handlePattern a regular expression the handle must contain a match of, or none
	 */
	public record GuidelineDefaults(@DefaultValue("false") boolean displayNameContainsName,
			@DefaultValue("false") boolean officialLink, @DefaultValue("true") boolean avatar,
			@Nullable String handlePattern) {

		public GuidelineDefaults {
			if (handlePattern != null && handlePattern.isBlank()) {
				handlePattern = null;
			}
			if (handlePattern != null) {
				try {
					Pattern.compile(handlePattern);
				}
				catch (PatternSyntaxException ex) {
					throw new IllegalArgumentException(
							"vigia.health.guidelines.handle-pattern is not a regular expression: " + ex.getDescription());
				}
			}
		}

	}

	/** The dormant threshold on this platform. */
	Duration dormantAfter(Platform platform) {
		var thresholds = platforms.get(platform.id());
		return (thresholds != null && thresholds.dormantAfter() != null) ? thresholds.dormantAfter() : dormantAfter;
	}

	/** The abandoned threshold on this platform. */
	Duration abandonedAfter(Platform platform) {
		var thresholds = platforms.get(platform.id());
		return (thresholds != null && thresholds.abandonedAfter() != null) ? thresholds.abandonedAfter() : abandonedAfter;
	}

	/** Whether this platform has an abandoned threshold of its own. */
	boolean abandonedOverridden(Platform platform) {
		var thresholds = platforms.get(platform.id());
		return thresholds != null && thresholds.abandonedAfter() != null;
	}

	/** Whether so many of a platform's checked accounts being unreachable at once is an outage of the platform. */
	boolean outage(int unreachable, int checked) {
		return checked >= outageMinAccounts && unreachable > 0 && (double) unreachable / checked >= outageShare;
	}

	/** How many checks in a row must say an account is gone before GONE opens on this platform. */
	int goneConfirmations(Platform platform) {
		return confirmGone.contains(platform.id()) ? goneConfirmations : 1;
	}

	/** The platforms where a unit running several accounts is a DUPLICATE. */
	Set<Platform> sameUnitPlatforms() {
		var platforms = EnumSet.allOf(Platform.class);
		if (!duplicates.sameUnit()) {
			return EnumSet.noneOf(Platform.class);
		}
		duplicates.sameUnitExempt().forEach(id -> platforms.remove(Platform.fromId(id).orElseThrow()));
		return platforms;
	}

	private static void platform(String id, String property) {
		if (Platform.fromId(id).isEmpty()) {
			throw new IllegalArgumentException(property + " names an unknown platform '" + id + "'; known: "
					+ List.of(Platform.values()).stream().map(Platform::id).toList());
		}
	}

	private static void require(Duration value, Duration minimum, String property) {
		if (value.compareTo(minimum) < 0) {
			throw new IllegalArgumentException(property + " must be at least " + minimum + ", was " + value);
		}
	}

}
