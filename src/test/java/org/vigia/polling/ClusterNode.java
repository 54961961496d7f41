package org.vigia.polling;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vigia.VigiaApplication;

/**
 * A second Vigía node in its own JVM, for the cluster tests: the same application against the same database, without
 * a web server; its arguments are Spring properties ({@code --name=value}). Killing its process is killing a node.
 */
public final class ClusterNode {

	private ClusterNode() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(VigiaApplication.class).web(WebApplicationType.NONE).run(args);
	}

	/**
	 * Starts a node on the test's database in the test's Quartz cluster, with nothing on schedule (as the tests' own
	 * node), and the given properties on top; its output goes to a file whose name is printed.
	 */
	static Process start(HikariDataSource dataSource, String schedulerName, String... properties) throws IOException {
		var command = new ArrayList<String>(List.of(
				ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), ClusterNode.class.getName(),
				"--spring.datasource.url=" + dataSource.getJdbcUrl(),
				"--spring.datasource.username=" + dataSource.getUsername(),
				"--spring.datasource.password=" + dataSource.getPassword(), "--vigia.security.admin-password=child",
				"--spring.quartz.scheduler-name=" + schedulerName, "--vigia.polling.schedule-enabled=false",
				"--vigia.health.sweep-enabled=false", "--vigia.alerts.delivery-enabled=false",
				"--vigia.discovery.schedule-enabled=false", "--vigia.http.allow-private-addresses=true",
				"--spring.datasource.hikari.minimum-idle=1", "--spring.datasource.hikari.maximum-pool-size=18",
				"--logging.level.root=WARN", "--logging.level.org.vigia=INFO"));
		command.addAll(List.of(properties));
		var log = File.createTempFile("vigia-child-node", ".log");
		System.out.println("Child node log: " + log);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	/** Waits until this many nodes of the cluster have checked in within the last five seconds. */
	static void awaitNodes(JdbcClient jdbc, String schedulerName, Process child, int nodes, Duration timeout)
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
