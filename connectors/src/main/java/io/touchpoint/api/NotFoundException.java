package io.touchpoint.api;

/** What a request names does not exist (an unknown launch, journey or contact): a 404 problem. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what) {
    super(what);
  }
}
