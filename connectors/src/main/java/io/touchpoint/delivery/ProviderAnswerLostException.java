package io.touchpoint.delivery;

/**
 * The request reached the provider, or may have, and its answer never came: the connection dropped or timed out
 * after the request was written. The provider may have the message, so the send is looked up with the provider
 * before any retry rather than made again.
 */
public class ProviderAnswerLostException extends RuntimeException {

  public ProviderAnswerLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
