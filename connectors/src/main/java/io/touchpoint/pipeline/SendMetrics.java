package io.touchpoint.pipeline;

import io.touchpoint.delivery.Delivery;

/** What the pipeline tells monitoring: each provider call's result, once recorded. */
public interface SendMetrics {

  /** Nothing is measured (no metrics registry in the application). */
  SendMetrics NONE = (delivery, outcome) -> {
  };

  /**
   * @param outcome {@code accepted}, {@code rejected}, {@code skipped}, {@code failed} (another attempt follows,
   *                or an incident) or {@code throttled} (the provider answered 429)
   */
  void sent(Delivery delivery, String outcome);
}
