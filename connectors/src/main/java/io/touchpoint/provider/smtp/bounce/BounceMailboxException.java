package io.touchpoint.provider.smtp.bounce;


/**
 * The bounce mailbox could not be read at all (server unreachable, login refused, folder
 * missing). Unchecked, so a scheduler running {@link BounceMailbox#poll()} logs it and tries again
 * at the next poll; nothing was lost, the messages stay unread on the server.
 */
public class BounceMailboxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BounceMailboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
