package org.vigia;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application against real PostgreSQL (see {@link TestDatabase}), with MockMvc and three users: admin,
 * editor and viewer, whose passwords are their names (short passwords are allowed in tests only).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestDatabase.class)
@TestPropertySource(properties = {
		// Several cached contexts share one PostgreSQL (100 connections by default): keep idle pools small.
		"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.maximum-pool-size=18",
		"vigia.security.admin-password=admin", "vigia.polling.schedule-enabled=false", "vigia.health.sweep-enabled=false",
		"vigia.alerts.delivery-enabled=false", "vigia.discovery.schedule-enabled=false",
		// Campaign rounds and connection refreshes on schedule would add mails and changes of their own to any test.
		"vigia.recertification.schedule-enabled=false", "vigia.connections.lifecycle-enabled=false",
		// Warming the checks up costs every test context seconds; PollBenchmark measures it.
		"vigia.polling.warm-up=false",
		// The snapshot's every-minute refresh deadlocks with the tests' TRUNCATEs; HealthSnapshotTests switches it on.
		"vigia.health.snapshot-refresh-enabled=false",
		// Each cached test context is its own Quartz cluster, so none runs another's jobs with its own beans.
		"spring.quartz.scheduler-name=vigia-test-${random.uuid}",
		"vigia.security.users[0].name=editor", "vigia.security.users[0].password=editor",
		"vigia.security.users[0].role=EDITOR",
		"vigia.security.users[1].name=viewer", "vigia.security.users[1].password=viewer",
		"vigia.security.users[1].role=VIEWER", "vigia.security.allow-test-passwords=true" })
public @interface IntegrationTest {
}
