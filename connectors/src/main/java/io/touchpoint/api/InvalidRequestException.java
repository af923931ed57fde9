package io.touchpoint.api;

import java.util.List;

/** A request Touchpoint refuses as it is; each problem names its field. */
public class InvalidRequestException extends RuntimeException {

  /** One thing wrong with the request, e.g. {@code contact.phone}: must be a phone number. */
  public record FieldProblem(String field, String problem) {
  }

  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super(problems.stream().map(p -> p.field() + ": " + p.problem()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
