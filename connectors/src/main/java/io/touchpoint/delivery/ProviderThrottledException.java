package io.touchpoint.delivery;

import io.touchpoint.error.ErrorCode;
import java.time.Duration;
import java.util.Optional;

/**
 * The provider asked us to slow down (HTTP 429 or its protocol's equivalent). The send is retried no earlier than
 * {@link #retryAfter()}, or after a backoff where the provider did not say.
 */
public class ProviderThrottledException extends RuntimeException {

  private final Duration retryAfter;

  /** @param retryAfter what the provider asked for (Retry-After), or null when it did not say */
  public ProviderThrottledException(String provider, Duration retryAfter) {
    super(ErrorCode.SEND_429 + " " + provider + " throttled the request; retry "
        + (retryAfter == null ? "after a backoff" : "after " + retryAfter));
    this.retryAfter = retryAfter;
  }

  /** The same throttling, once the send pipeline decided how long the provider pauses. */
  public ProviderThrottledException(String provider, Duration pause, ProviderThrottledException answered) {
    super(ErrorCode.SEND_429 + " " + provider + " throttled the request; all sends to it pause for " + pause, answered);
    this.retryAfter = pause;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
