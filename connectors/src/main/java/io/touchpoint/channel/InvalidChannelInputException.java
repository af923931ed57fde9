package io.touchpoint.channel;

import io.touchpoint.error.NotRetryable;
import java.util.List;

/** The task's inputs do not make a sendable message (no phone number, empty text...). */
public class InvalidChannelInputException extends RuntimeException implements NotRetryable {

  private final List<String> problems;

  public InvalidChannelInputException(List<String> problems) {
    super("invalid input: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
