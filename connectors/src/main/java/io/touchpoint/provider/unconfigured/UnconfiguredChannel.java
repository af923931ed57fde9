package io.touchpoint.provider.unconfigured;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.EmailSender;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.OutboundEmail;
import io.touchpoint.provider.OutboundMessage;
import io.touchpoint.provider.OutboundPush;
import io.touchpoint.provider.PushSender;
import java.util.List;

/**
 * A channel with neither provider settings nor the simulator: every send fails with an incident naming the
 * settings it lacks, so a production installation never reports made-up statuses for messages nobody sent.
 */
public class UnconfiguredChannel implements MessagingProvider, EmailSender, PushSender {

  /** The provider name connectors report for such a channel. */
  public static final String PROVIDER = "unconfigured";

  private final Channel channel;
  private final List<String> missingSettings;

  /** @param missingSettings the properties that would give the channel its provider, as an operator sets them */
  public UnconfiguredChannel(Channel channel, List<String> missingSettings) {
    this.channel = channel;
    this.missingSettings = List.copyOf(missingSettings);
  }

  /** What an operator has to do, e.g. {@code set spring.mail.host (or touchpoint.simulator.enabled=true ...)}. */
  public static String remedy(List<String> missingSettings) {
    return "set " + String.join(", ", missingSettings)
        + " (or touchpoint.simulator.enabled=true to simulate it, for demos only)";
  }

  @Override
  public String name() {
    return PROVIDER;
  }

  @Override
  public void ensureConfigured() {
    throw new ProviderNotConfiguredException(channel, remedy(missingSettings));
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundMessage message) {
    throw new ProviderNotConfiguredException(channel, remedy(missingSettings));
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundEmail message) {
    throw new ProviderNotConfiguredException(channel, remedy(missingSettings));
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundPush message) {
    throw new ProviderNotConfiguredException(channel, remedy(missingSettings));
  }
}
