package io.touchpoint.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.touchpoint.correlation.CallbackLag;
import java.time.Duration;

/** {@code touchpoint_callback_lag_seconds{provider}}: from a status at the provider to its record here. */
public class CallbackLagTimer implements CallbackLag {

  private final MeterRegistry registry;

  public CallbackLagTimer(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void recorded(String provider, Duration lag) {
    Timer.builder("touchpoint.callback.lag").description("From a provider's status to its record in the ledger")
        .tag("provider", provider).register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
  }
}
