package io.touchpoint.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.pipeline.SendMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code touchpoint_sends_total{channel,provider,outcome}}, and how many of a provider's last calls failed or lost
 * their answers in a row on this node (its health says "down" from {@value #DOWN_AFTER} on).
 */
public class SendMeters implements SendMetrics {

  static final int DOWN_AFTER = 3;

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> failuresInARow = new ConcurrentHashMap<>();

  public SendMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void sent(Delivery delivery, String outcome) {
    Counter.builder("touchpoint.sends").description("Provider calls by what they came to")
        .tag("channel", delivery.channel().wireName()).tag("provider", delivery.provider()).tag("outcome", outcome)
        .register(registry).increment();
    AtomicInteger failures = failuresInARow.computeIfAbsent(delivery.provider(), provider -> new AtomicInteger());
    if ("failed".equals(outcome) || "lost".equals(outcome)) {
      failures.incrementAndGet();
    } else if (!"throttled".equals(outcome)) {
      failures.set(0); // the provider answered
    }
  }

  /** Whether the provider's last calls from this node all failed. */
  boolean failing(String provider) {
    AtomicInteger failures = failuresInARow.get(provider);
    return failures != null && failures.get() >= DOWN_AFTER;
  }
}
