package io.touchpoint.trigger;

/**
 * Told of every business event applied, in the event's transaction, whether or not a journey waits for it: a
 * goal event counts for experiments even when the contact's journey has ended (a held-out contact's).
 */
public interface BusinessEventObserver {

  void accepted(String eventName, String contactId);
}
