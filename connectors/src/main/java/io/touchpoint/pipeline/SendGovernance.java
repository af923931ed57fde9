package io.touchpoint.pipeline;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.governor.MessageType;
import java.time.Duration;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * A channel task's "Message type" and "Hold at most", read at deploy; a task without them sends marketing that may
 * be held for a day — except a webhook, a call to another system rather than a message to the contact, which the
 * governor holds only for an emergency stop.
 */
public record SendGovernance(MessageType messageType, Duration holdAtMost) {

  public static final String PROPERTY = "touchpoint.sendGovernance";
  /** Set on a channel task whose status catches include "suppressed": a suppressed send reports that status. */
  public static final String SUPPRESSED_AWAITED = "touchpoint.suppressedAwaited";
  public static final SendGovernance DEFAULT = new SendGovernance(MessageType.MARKETING, Duration.ofDays(1));
  private static final SendGovernance CALL = new SendGovernance(MessageType.TRANSACTIONAL, Duration.ofDays(1));

  static SendGovernance of(ActivityImpl activity, Channel channel) {
    if (activity.getProperty(PROPERTY) instanceof SendGovernance own) {
      return own;
    }
    return channel == Channel.WEBHOOK ? CALL : DEFAULT;
  }

  /** The status a suppressed send reports: "suppressed" where the diagram waits for it, else "failed". */
  static DeliveryStatus suppressedStatus(ActivityImpl activity) {
    return Boolean.TRUE.equals(activity.getProperty(SUPPRESSED_AWAITED)) ? DeliveryStatus.SUPPRESSED
        : DeliveryStatus.FAILED;
  }
}
