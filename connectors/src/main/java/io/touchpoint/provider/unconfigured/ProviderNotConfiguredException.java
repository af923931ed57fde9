package io.touchpoint.provider.unconfigured;

import io.touchpoint.delivery.Channel;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.error.NotRetryable;

/** A send on a channel without a provider: no retry can mend it, so it is an incident at once. */
public class ProviderNotConfiguredException extends RuntimeException implements NotRetryable {

  public ProviderNotConfiguredException(Channel channel, String remedy) {
    super(ErrorCode.SEND_005 + " channel " + channel.wireName() + " has no provider: " + remedy);
  }
}
