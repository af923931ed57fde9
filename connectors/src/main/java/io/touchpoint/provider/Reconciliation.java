package io.touchpoint.provider;


/**
 * What to do with a send whose provider answer was lost (the node died during the call): the provider may or
 * may not have the message. Each connector decides from what its provider can tell.
 */
public sealed interface Reconciliation {

  /** The provider has the message: record it as accepted under this id, never send it again. */
  record Sent(String providerMessageId) implements Reconciliation {
  }

  /** The provider does not have it, or sending it twice is harmless: send it (again). */
  record SendAgain(String why) implements Reconciliation {
  }

  /** Nobody can tell, and a second copy would be worse than none (at-most-once): record it as not sent. */
  record GiveUp(String why) implements Reconciliation {
  }

  /**
   * Nobody can tell, no second call may be made on its own (at-most-once), and the journey needs the answer (a
   * webhook's response): an incident at the task; an operator's retry calls again.
   */
  record Escalate(String why) implements Reconciliation {
  }

  /** The provider could not be asked now (its API is down): ask again later. */
  record AskLater(String why) implements Reconciliation {
  }
}
