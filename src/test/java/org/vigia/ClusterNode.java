package org.vigia;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A second Vigía node in its own JVM, for the cluster tests: the same application against the same database, without
 * a web server; its arguments are Spring properties ({@code --name=value}). Killing its process is killing a node.
 * Its database sessions are named {@value #APPLICATION_NAME} (PostgreSQL's {@code application_name}).
 */
public final class ClusterNode {

	/** The child node's {@code application_name} in {@code pg_stat_activity}. */
	public static final String APPLICATION_NAME = "vigia-child-node";

	private ClusterNode() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(VigiaApplication.class).web(WebApplicationType.NONE).run(args);
	}

	/**
	 * Starts a node on the test's database in the test's Quartz cluster, with nothing on schedule (as the tests' own
	 * node), and the given properties on top (one given replaces the default of the same name); its output goes to a
	 * file whose name is printed.
	 */
	public static Process start(HikariDataSource dataSource, String schedulerName, String... properties)
			throws IOException {
		var arguments = new LinkedHashMap<String, String>();
		for (var property : new String[] { "--spring.datasource.url=" + dataSource.getJdbcUrl(),
				"--spring.datasource.username=" + dataSource.getUsername(),
				"--spring.datasource.password=" + dataSource.getPassword(),
				"--spring.datasource.hikari.data-source-properties[ApplicationName]=" + APPLICATION_NAME,
				"--vigia.security.admin-password=child", "--spring.quartz.scheduler-name=" + schedulerName,
				"--vigia.polling.schedule-enabled=false", "--vigia.health.sweep-enabled=false",
				"--vigia.alerts.delivery-enabled=false", "--vigia.discovery.schedule-enabled=false",
				"--vigia.recertification.schedule-enabled=false", "--vigia.connections.lifecycle-enabled=false",
				"--vigia.health.snapshot-refresh-enabled=false", "--vigia.http.allow-private-addresses=true",
				"--spring.datasource.hikari.minimum-idle=1", "--spring.datasource.hikari.maximum-pool-size=18",
				"--logging.level.root=WARN", "--logging.level.org.vigia=INFO" }) {
			put(arguments, property);
		}
		// Spring joins repeated arguments with commas ("false,true"): a property given here replaces the default.
		for (var property : properties) {
			put(arguments, property);
		}
		var command = new ArrayList<String>();
		command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
		command.add("-Xmx256m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ClusterNode.class.getName());
		command.addAll(arguments.values());
		var log = File.createTempFile("vigia-child-node", ".log");
		System.out.println("Child node log: " + log);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private static void put(LinkedHashMap<String, String> arguments, String property) {
		int equals = property.indexOf('=');
		arguments.put((equals < 0) ? property : property.substring(0, equals), property);
	}

	/** Waits until this many nodes of the cluster have checked in within the last five seconds. */
	public static void awaitNodes(JdbcClient jdbc, String schedulerName, Process child, int nodes, Duration timeout)
			throws InterruptedException {
		var deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!child.isAlive()) {
				throw new AssertionError("the child node stopped before it joined the cluster");
			}
			long seen = jdbc.sql("""
					select count(*) from qrtz_scheduler_state
					where sched_name = :name and last_checkin_time > (extract(epoch from now()) * 1000) - 5000
					""").param("name", schedulerName).query(Long.class).single();
			if (seen >= nodes) {
				return;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("the second node did not join the cluster within " + timeout);
	}

}
