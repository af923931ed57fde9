package io.touchpoint.delivery;

import io.touchpoint.error.ErrorCode;
import java.time.Duration;

/**
 * The provider asked us to slow down (HTTP 429). The job fails and is retried no earlier than
 * {@link #retryAfter()}.
 */
public class ProviderThrottledException extends RuntimeException {

  private final Duration retryAfter;

  public ProviderThrottledException(String provider, Duration retryAfter) {
    super(ErrorCode.SEND_429 + " " + provider + " throttled the request; retry after " + retryAfter);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
