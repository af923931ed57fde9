package io.touchpoint.delivery;

/** Why a send was not made on purpose; stored as the delivery's outcome code, counted by analytics. */
public enum SkipReason {
  /** The recipient opted out of the channel (STOP, an unsubscribe link, an unregistered device). */
  OPTED_OUT,
  /** The task's inputs do not make a sendable message: no recipient, empty text, a missing attachment. */
  INVALID_INPUT,
  /** The send governor would have held it longer than its task allows (quiet hours, a cap, a pause). */
  SUPPRESSED
}
