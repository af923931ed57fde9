package io.touchpoint.template;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code constraints.pattern} a Modeler form field carries for a Java regex the code checks. The Modeler tests a
 * field with {@code new RegExp(pattern).test(value)} (bpmn-js-element-templates, {@code CustomProperties}
 * {@code propertyValidator}): unanchored, and on empty values too. So the form's pattern is the code's regex anchored,
 * {@code ^(…)$}, or {@code ^(…)?$} when the field may stay empty. JavaScript has no inline flags: a leading
 * {@code (?i)} becomes a class per letter ({@code [hH]}); a regex using other Java-only syntax cannot be checked by the
 * form at all.
 */
final class FormPattern {

  private static final Pattern JAVA_ONLY = Pattern.compile("\\(\\?(?![:=!]|<[=!])|\\\\[pPAzZG]");

  private FormPattern() {
  }

  /** The form's pattern for the code's regex, or empty when JavaScript cannot express it. */
  static Optional<String> of(String javaRegex, boolean required) {
    return javaScript(javaRegex).map(regex -> "^(" + regex + ")" + (required ? "" : "?") + "$");
  }

  private static Optional<String> javaScript(String regex) {
    boolean ignoreCase = regex.startsWith("(?i)");
    String body = ignoreCase ? regex.substring("(?i)".length()) : regex;
    if (JAVA_ONLY.matcher(body).find()) {
      return Optional.empty();
    }
    return ignoreCase ? caseFolded(body) : Optional.of(body);
  }

  /** Every letter outside escapes as {@code [xX]}; a class holding a letter cannot be folded this way. */
  private static Optional<String> caseFolded(String regex) {
    StringBuilder folded = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        folded.append(c).append(regex.charAt(++i));
      } else if (Character.isLetter(c) && inClass) {
        return Optional.empty();
      } else if (Character.isLetter(c)) {
        folded.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
      } else {
        inClass = c == '[' || (inClass && c != ']');
        folded.append(c);
      }
    }
    return Optional.of(folded.toString());
  }
}
