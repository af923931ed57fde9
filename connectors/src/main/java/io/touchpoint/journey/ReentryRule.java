package io.touchpoint.journey;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** When a contact may enter a journey again (the Start template's "Re-entry" field). */
public enum ReentryRule {
  /** Default: not while the contact is still in this journey. */
  NOT_WHILE_ACTIVE("not-while-active"),
  /** Every event starts a new run. */
  ALWAYS("always"),
  /** Once per contact, ever. */
  ONCE("once");

  private final String wireName;

  ReentryRule(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ReentryRule> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
  }

  public static String wireNames() {
    return Arrays.stream(values()).map(ReentryRule::wireName).collect(Collectors.joining(", "));
  }
}
