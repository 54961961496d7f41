package org.vigia.platform.adapter;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Vigía spent of a network's paid or limited allowance in a period (X's reads in a month, YouTube's quota units in
 * a Pacific day). Taking is compare-and-set: however many nodes take at once, the count never passes the limit.
 */
public interface Allowances {

	/**
	 * Takes up to {@code units} of the allowance, as many as fit under {@code limit}.
	 * @param posts how many of the units taken are post reads (for X's cost estimate); at most the units granted count
	 * @return the units granted, 0 to {@code units}
	 */
	long take(String network, LocalDate period, long units, long limit, long posts);

	/** Gives back units taken but not spent (a read that returned fewer resources, a request that failed). */
	void giveBack(String network, LocalDate period, long units, long posts);

	/** What was spent in the period. */
	Usage usage(String network, LocalDate period);

	/**
	 * @param used units spent
	 * @param posts of which post reads
	 */
	record Usage(long used, long posts) {
	}

	/** An allowance kept in memory, for one node: tests, and installations without a database. */
	static Allowances inMemory() {
		return new Allowances() {

			private final Map<String, long[]> counts = new ConcurrentHashMap<>();

			@Override
			public long take(String network, LocalDate period, long units, long limit, long posts) {
				var count = counts.computeIfAbsent(network + "/" + period, (key) -> new long[2]);
				synchronized (count) {
					long granted = Math.max(0, Math.min(units, limit - count[0]));
					count[0] += granted;
					count[1] += Math.min(posts, granted);
					return granted;
				}
			}

			@Override
			public void giveBack(String network, LocalDate period, long units, long posts) {
				var count = counts.computeIfAbsent(network + "/" + period, (key) -> new long[2]);
				synchronized (count) {
					count[0] = Math.max(0, count[0] - units);
					count[1] = Math.max(0, count[1] - posts);
				}
			}

			@Override
			public Usage usage(String network, LocalDate period) {
				var count = counts.getOrDefault(network + "/" + period, new long[2]);
				synchronized (count) {
					return new Usage(count[0], count[1]);
				}
			}

		};
	}

}
