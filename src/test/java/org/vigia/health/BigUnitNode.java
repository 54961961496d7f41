package org.vigia.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.vigia.VigiaApplication;
import org.vigia.polling.PollRun;
import org.vigia.polling.PollRuns;

/**
 * A Vigía node in a JVM of its own, for {@link BigUnitTests}: it polls every account in one run, then sweeps, and exits
 * 0 when both finished, 1 when the run did not complete, 2 on an error (3 is the JVM's, out of memory). Its heap is what the test gives the JVM ({@code -Xmx512m}),
 * so that the bound is the real one and not the test runner's; its arguments are Spring properties.
 */
public final class BigUnitNode {

	private BigUnitNode() {
	}

	public static void main(String[] args) {
		try {
			run(args);
		}
		catch (Throwable ex) {
			// Quartz's threads would keep the JVM alive: the test would wait for nothing.
			ex.printStackTrace();
			System.exit(2);
		}
	}

	private static void run(String[] args) throws InterruptedException {
		var context = new SpringApplicationBuilder(VigiaApplication.class).web(WebApplicationType.NONE).run(args);
		var runs = context.getBean(PollRuns.class);
		var run = runs.start(null);
		var deadline = Instant.now().plus(Duration.ofMinutes(5));
		while (run.status() == PollRun.Status.RUNNING && Instant.now().isBefore(deadline)) {
			Thread.sleep(200);
			run = runs.get(run.id());
		}
		// An evaluation that fails is logged and counted, and the run goes on: the count says whether the poll's did.
		double failures = context.getBean(MeterRegistry.class).counter("vigia.health.evaluation.failures").count();
		System.out.printf("Poll run %d: %s, %d of %d checked, %d failed, %.0f failed evaluations%n", run.id(),
				run.status(), run.checked(), run.total(), run.failed(), failures);
		if (run.status() != PollRun.Status.COMPLETED) {
			System.exit(1);
		}
		var report = context.getBean(HealthSweep.class).sweep();
		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getPeakUsage)
			.mapToLong(usage -> usage.getUsed())
			.sum();
		System.out.printf("Sweep: %d accounts, %d transitions, %d ms; peak heap %d MB of at most %d MB%n",
				report.accounts(), report.transitions(), report.duration().toMillis(), peak / (1024 * 1024),
				Runtime.getRuntime().maxMemory() / (1024 * 1024));
		context.close();
		System.exit(0);
	}

}
