package io.touchpoint.delivery;

import java.time.Duration;

/**
 * The provider asked us to slow down (HTTP 429). The job fails and is retried no earlier than
 * {@link #retryAfter()}.
 */
public class ProviderThrottledException extends RuntimeException {

  private final Duration retryAfter;

  public ProviderThrottledException(String provider, Duration retryAfter) {
    super("TOUCHPOINT-SEND-429 " + provider + " throttled the request; retry after " + retryAfter);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
