package io.touchpoint.analytics;

import io.touchpoint.delivery.Channel;
import java.util.List;

/** What a journey step is, for analytics, and the counts reported for it, in their fixed order. */
public enum ComponentKind {
  SMS("sent", "delivered", "failed"),
  WHATSAPP("sent", "delivered", "read", "replied", "failed"),
  /** {@code smsFallback}: delivered as an SMS because the phone could not take RCS. */
  RCS("sent", "delivered", "failed", "smsFallback"),
  /** {@code opened} leaves out image-proxy opens unless the range includes machine opens. */
  EMAIL("sent", "delivered", "opened", "clicked", "bounced", "unsubscribed"),
  PUSH("sent", "delivered", "clicked", "failed"),
  /** One call per attempt; {@code successes} answered below 400, {@code errors} did not (or did not answer). */
  WEBHOOK("calls", "successes", "errors");

  private final List<String> countNames;

  ComponentKind(String... countNames) {
    this.countNames = List.of(countNames);
  }

  public List<String> countNames() {
    return countNames;
  }

  static ComponentKind of(Channel channel) {
    return valueOf(channel.name());
  }
}
