package io.touchpoint.channel.webhook;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.error.NotRetryable;
import io.touchpoint.rendering.DataMarks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * Replaces {@code {{secret:NAME}}} references at call time with the property {@code touchpoint.secrets.NAME}
 * (through Spring's {@link Environment}, so also the environment variable {@code TOUCHPOINT_SECRETS_NAME}); no other
 * property or variable is ever read. Only references the diagram's author wrote count: in a text whose data is
 * marked ({@link DataMarks}) a reference inside data, e.g. a contact's first name, stays literal text. The BPMN,
 * the input parameters and the history keep only the reference; every value resolved is recorded in a
 * {@link Redaction} so that nothing derived from the request (a variable, a log line, an error message) shows it.
 */
public class SecretResolver {

  /** A secret reference; names are letters, digits, '_', '.' and '-'. */
  public static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*secret:([A-Za-z0-9_.\\-]+)\\s*}}");
  static final String PROPERTY_PREFIX = "touchpoint.secrets.";

  private final Environment environment;

  public SecretResolver(Environment environment) {
    this.environment = environment;
  }

  /**
   * The text, without data marks, with every secret reference the author wrote replaced by the secret's value;
   * each value is added to the redaction.
   *
   * @param elementId the task whose text it is, named when a secret is unknown
   * @throws UnknownSecretException naming (never showing) a secret that is not configured
   */
  public String resolve(String text, String elementId, Redaction redaction) {
    return DataMarks.mapAuthored(text, authored -> resolveAuthored(authored, elementId, redaction));
  }

  private String resolveAuthored(String text, String elementId, Redaction redaction) {
    if (text.indexOf("{{") < 0) {
      return text;
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String value = environment.getProperty(PROPERTY_PREFIX + matcher.group(1));
      if (value == null || value.isEmpty()) {
        throw new UnknownSecretException(elementId, matcher.group(1));
      }
      redaction.add(value);
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  /** Secret values in use by one call; {@link #redact} masks them in any text. */
  public static final class Redaction {

    public static final String MASK = "******";

    private final List<String> values = new ArrayList<>();

    void add(String value) {
      if (!value.isEmpty() && !values.contains(value)) {
        values.add(value);
        values.sort(Comparator.comparingInt(String::length).reversed()); // a secret containing another goes first
      }
    }

    public String redact(String text) {
      if (text == null) {
        return null;
      }
      String redacted = text;
      for (String value : values) {
        redacted = redacted.replace(value, MASK);
      }
      return redacted;
    }

    public boolean isEmpty() {
      return values.isEmpty();
    }
  }

  /** A {@code {{secret:NAME}}} reference names a secret that is not configured. */
  public static class UnknownSecretException extends RuntimeException implements NotRetryable {

    public UnknownSecretException(String elementId, String name) {
      super(ErrorCode.WEBHOOK_005 + " webhook '" + elementId + "' uses secret '" + name + "', which is not configured:"
          + " set the property " + PROPERTY_PREFIX + name + " or the environment variable "
          + environmentVariable(name));
    }

    /** What relaxed binding reads for {@code touchpoint.secrets.NAME}. */
    private static String environmentVariable(String name) {
      return (PROPERTY_PREFIX + name).replaceAll("[.\\-]", "_").toUpperCase(Locale.ROOT);
    }
  }
}
