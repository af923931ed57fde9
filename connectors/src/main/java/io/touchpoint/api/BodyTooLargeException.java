package io.touchpoint.api;

import org.springframework.util.unit.DataSize;

/** A request body over its endpoint's limit: refused whole (413), before or while it is read. */
public class BodyTooLargeException extends RuntimeException {

  public BodyTooLargeException(DataSize limit, String property) {
    super("the request body is larger than " + limit.toBytes() + " bytes (" + property + ")");
  }
}
