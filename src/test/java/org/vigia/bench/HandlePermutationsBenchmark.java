package org.vigia.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.junit.jupiter.api.Test;
import org.vigia.discovery.permutation.HandlePermutations;
import org.vigia.discovery.permutation.PermutationFamily;
import org.vigia.discovery.permutation.PermutationSettings;
import org.vigia.platform.Platform;

/**
 * Times handle permutations per official handle once the JIT has warmed up, and how much of that the platform's parser
 * takes to validate each result, and counts what probing them costs: the permutations of the families a first run
 * must probe (omission, repetition, transposition, homoglyph, separator, affix) and the requests that takes (Bluesky
 * asks getProfiles for 25 handles at once, Mastodon looks up one name a request); not part of the test run (surefire
 * picks up *Tests only). Run it with {@code bench/permutations.sh}. Times are the thread's CPU time, which other processes on a shared machine disturb
 * less than wall time; the load average is printed to judge them by.
 */
class HandlePermutationsBenchmark {

	private static final int WARM_UP = 1_000;

	private static final int RUNS = 1_000;

	/** The families a first discovery run probes in full. */
	private static final java.util.Set<PermutationFamily> GOAL = java.util.EnumSet.of(PermutationFamily.OMISSION,
			PermutationFamily.REPETITION, PermutationFamily.TRANSPOSITION, PermutationFamily.HOMOGLYPH,
			PermutationFamily.SEPARATOR, PermutationFamily.AFFIX);

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final HandlePermutations permutations = new HandlePermutations(PermutationSettings.defaults("es"));

	@Test
	void permutationsOfHandlesOfSeveralLengths() {
		System.out.printf("%nHandle permutations benchmark (%d warm-up calls, mean CPU time of %d, load average %.1f on %d"
				+ " CPUs)%n", WARM_UP, RUNS, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
				Runtime.getRuntime().availableProcessors());
		System.out.printf("%-9s %-38s %5s %6s %5s %8s %11s %11s %7s%n", "platform", "official handle", "name", "perms",
				"goal", "requests", "us/handle", "parse us", "parse%");
		run(Platform.MASTODON, "policia@mastodon.social");
		run(Platform.MASTODON, "ayto_madrid@masto.es");
		run(Platform.MASTODON, "ayuntamientodemadrid@mastodon.social");
		run(Platform.MASTODON, "ayuntamientodemadrid_cultura@masto.es");
		run(Platform.BLUESKY, "madrid.es");
		run(Platform.BLUESKY, "aytomadrid.bsky.social");
		run(Platform.BLUESKY, "ayuntamientomadrid.bsky.social");
		System.out.println();
	}

	private void run(Platform platform, String official) {
		var result = this.permutations.of(platform, official);
		var sink = 0L;
		for (var i = 0; i < WARM_UP; i++) {
			sink += this.permutations.of(platform, official).size();
			for (var permutation : result) {
				sink += platform.parse(permutation.handle()).handle().length();
			}
		}
		var start = this.threads.getCurrentThreadCpuTime();
		for (var i = 0; i < RUNS; i++) {
			sink += this.permutations.of(platform, official).size();
		}
		var total = (this.threads.getCurrentThreadCpuTime() - start) / 1000.0 / RUNS;
		start = this.threads.getCurrentThreadCpuTime();
		for (var i = 0; i < RUNS; i++) {
			for (var permutation : result) {
				sink += platform.parse(permutation.handle()).handle().length();
			}
		}
		var parsing = (this.threads.getCurrentThreadCpuTime() - start) / 1000.0 / RUNS;
		var name = platform == Platform.MASTODON ? official.substring(0, official.indexOf('@'))
				: official.substring(0, official.indexOf('.'));
		var goal = result.stream().filter((permutation) -> GOAL.contains(permutation.family())).count();
		var requests = (platform == Platform.BLUESKY) ? (goal + 24) / 25 : goal;
		System.out.printf("%-9s %-38s %5d %6d %5d %8d %11.1f %11.1f %6.0f%%%n", platform.id(), official, name.length(),
				result.size(), goal, requests, total, parsing, 100 * parsing / total);
		assertThat(sink).isPositive();
	}

}
