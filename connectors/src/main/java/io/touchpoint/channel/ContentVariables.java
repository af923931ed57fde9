package io.touchpoint.channel;

import java.util.LinkedHashMap;
import java.util.Map;

/** Values of a content template's numbered placeholders {{1}}, {{2}}… as the form fields give them. */
public final class ContentVariables {

  private ContentVariables() {
  }

  /** The values that are filled, by placeholder number; an empty field leaves its placeholder out. */
  public static Map<String, String> numbered(String... values) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null && !values[i].isBlank()) {
        variables.put(String.valueOf(i + 1), values[i]);
      }
    }
    return variables;
  }
}
