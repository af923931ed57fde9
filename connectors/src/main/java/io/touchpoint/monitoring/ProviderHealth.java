package io.touchpoint.monitoring;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.governor.ProviderThrottle;
import io.touchpoint.governor.ProviderThrottles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code touchpoint} health component: per provider {@code up}, {@code paused} (a 429 pause is on),
 * {@code rate-limited} (its budget is spent for now) or {@code down} (this node's last calls to it failed). A
 * provider down makes the component {@value #DEGRADED}, not DOWN: the node itself works, and taking it out of a
 * load balancer would not bring the provider back.
 */
public class ProviderHealth extends AbstractHealthIndicator {

  static final String DEGRADED = "DEGRADED";

  private final List<String> providers;
  private final ProviderThrottles throttles;
  private final SendMeters sends;

  public ProviderHealth(List<String> providers, ProviderThrottles throttles, SendMeters sends) {
    super(ErrorCode.HEALTH_001 + " provider health could not be read");
    this.providers = List.copyOf(providers);
    this.throttles = throttles;
    this.sends = sends;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Map<String, String> states = new LinkedHashMap<>();
    providers.forEach(provider -> states.put(provider, stateOf(provider)));
    builder.status(states.containsValue("down") ? new Status(DEGRADED) : Status.UP).withDetail("providers", states);
  }

  private String stateOf(String provider) {
    if (sends.failing(provider)) {
      return "down";
    }
    ProviderThrottle.State state = throttles.of(provider).state();
    return switch (state) {
      case PAUSED -> "paused";
      case RATE_LIMITED -> "rate-limited";
      case UP -> "up";
    };
  }
}
