package io.touchpoint.pipeline;

/**
 * A call whose answer was lost on the way (its connection dropped or timed out) that the provider still does not have
 * when looked up again, a minute or more after it began: it was not made. It spends one of its task's retries, and the
 * retry is due at once — the minute spent making sure was its wait.
 */
class LostCallNotMadeException extends RuntimeException {

  LostCallNotMadeException(String message) {
    super(message);
  }
}
