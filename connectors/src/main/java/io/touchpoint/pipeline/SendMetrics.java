package io.touchpoint.pipeline;

import io.touchpoint.delivery.Delivery;

/** What the pipeline tells monitoring: each provider call's result, once recorded. */
public interface SendMetrics {

  /** Nothing is measured (no metrics registry in the application). */
  SendMetrics NONE = (delivery, outcome) -> {
  };

  /**
   * @param outcome {@code accepted}, {@code rejected}, {@code skipped}, {@code failed} (another attempt follows,
   *                or an incident), {@code throttled} (the provider answered 429) or {@code lost} (the answer never
   *                came back: the send is looked up at the provider before any retry)
   */
  void sent(Delivery delivery, String outcome);
}
