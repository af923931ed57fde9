package io.touchpoint.webhook;

import io.touchpoint.engine.NotRetryable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * Replaces {@code {{secret:NAME}}} references at call time: from the property {@code touchpoint.secrets.NAME},
 * else from the environment variable {@code NAME} (both through Spring's {@link Environment}). The BPMN, the input
 * parameters and the history keep only the reference; every value resolved is recorded in a {@link Redaction} so
 * that nothing derived from the request (a variable, a log line, an error message) shows it.
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
   * The text with every secret reference replaced by the secret's value; each value is added to the redaction.
   *
   * @throws UnknownSecretException naming (never showing) a secret that is configured nowhere
   */
  public String resolve(String text, Redaction redaction) {
    if (text == null || text.indexOf("{{") < 0) {
      return text;
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String value = secret(matcher.group(1));
      redaction.add(value);
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }

  private String secret(String name) {
    String value = environment.getProperty(PROPERTY_PREFIX + name);
    if (value == null || value.isEmpty()) {
      value = environment.getProperty(name);
    }
    if (value == null || value.isEmpty()) {
      throw new UnknownSecretException(name);
    }
    return value;
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

  /** A {@code {{secret:NAME}}} reference names a secret that is configured nowhere. */
  public static class UnknownSecretException extends RuntimeException implements NotRetryable {

    public UnknownSecretException(String name) {
      super("WEBHOOK_UNKNOWN_SECRET secret '" + name + "' is not configured: set the property " + PROPERTY_PREFIX
          + name + " or the environment variable " + name);
    }
  }
}
