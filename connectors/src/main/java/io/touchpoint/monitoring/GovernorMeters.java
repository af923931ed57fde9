package io.touchpoint.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.touchpoint.governor.GovernorDecision;
import io.touchpoint.governor.GovernorMetrics;

/** {@code touchpoint_governor_decisions_total{decision,reason}}. */
public class GovernorMeters implements GovernorMetrics {

  private final MeterRegistry registry;

  public GovernorMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void decided(GovernorDecision decision) {
    Counter.builder("touchpoint.governor.decisions").description("Send governor decisions")
        .tag("decision", GovernorMetrics.nameOf(decision)).tag("reason", GovernorMetrics.reasonOf(decision))
        .register(registry).increment();
  }
}
