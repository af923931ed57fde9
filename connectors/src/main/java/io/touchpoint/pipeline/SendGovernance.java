package io.touchpoint.pipeline;

import io.touchpoint.governor.MessageType;
import java.time.Duration;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * A channel task's "Message type" and "Hold at most", read at deploy; a task without them sends marketing that may
 * be held for a day.
 */
public record SendGovernance(MessageType messageType, Duration holdAtMost) {

  public static final String PROPERTY = "touchpoint.sendGovernance";
  public static final SendGovernance DEFAULT = new SendGovernance(MessageType.MARKETING, Duration.ofDays(1));

  static SendGovernance of(ActivityImpl activity) {
    return activity.getProperty(PROPERTY) instanceof SendGovernance own ? own : DEFAULT;
  }
}
