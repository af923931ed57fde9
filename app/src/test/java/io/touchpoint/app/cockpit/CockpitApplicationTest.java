package io.touchpoint.app.cockpit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one application every Cockpit test runs against. Cockpit finds its engine by name in Camunda's JVM-wide
 * registry, where the engine started last wins, so the Cockpit tests share one Spring context (the same annotation,
 * hence the same cached context) rather than each starting an engine of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:touchpoint-${random.uuid};DB_CLOSE_DELAY=-1",
        "spring.application.name=touchpoint-cockpit-test",
        // every simulated SMS is sent and delivered at once, no replies: each send's counts are known
        "touchpoint.simulator.failure-rate=0", "touchpoint.simulator.reply-rate=0",
        "touchpoint.simulator.sent-after=10ms", "touchpoint.simulator.delivered-after=20ms"})
@interface CockpitApplicationTest {
}
