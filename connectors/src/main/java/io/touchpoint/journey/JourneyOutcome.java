package io.touchpoint.journey;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a contact left a journey, as the "Journey end" template marks an end event; analytics counts these. */
public enum JourneyOutcome {
  COMPLETED("completed"),
  /** The journey's goal was reached: a conversion (e.g. the abandoned cart's order was placed). */
  GOAL("goal"),
  /** The contact left before the journey's end (e.g. every channel failed). */
  DROP_OFF("drop-off");

  private final String wireName;

  JourneyOutcome(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<JourneyOutcome> fromWireName(String name) {
    return Arrays.stream(values()).filter(outcome -> outcome.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(JourneyOutcome::wireName).toList();
  }
}
