package io.touchpoint.governor;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** This node's {@link ProviderThrottle} per provider, with the configured rate limits. */
public class ProviderThrottles {

  private final Map<String, ProviderRateLimit> limits;
  private final Map<String, ProviderThrottle> throttles = new ConcurrentHashMap<>();
  private final Duration margin;
  private final ProviderThrottle.Backoff backoff;
  private final ProviderBudget budget;
  private final String nodeId;
  private final Clock clock;

  public ProviderThrottles(List<ProviderRateLimit> limits, Duration margin, ProviderThrottle.Backoff backoff,
      ProviderBudget budget, String nodeId, Clock clock) {
    this.limits = limits.stream().collect(Collectors.toUnmodifiableMap(ProviderRateLimit::provider, Function.identity()));
    this.margin = margin;
    this.backoff = backoff;
    this.budget = budget;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  public ProviderThrottle of(String provider) {
    return throttles.computeIfAbsent(provider, name -> new ProviderThrottle(name, limits.get(name), margin, backoff,
        budget, nodeId, clock));
  }
}
