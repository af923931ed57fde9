package io.touchpoint.channel.webhook;

import com.fasterxml.jackson.core.JsonPointer;
import io.touchpoint.channel.InvalidChannelInputException;
import io.touchpoint.channel.webhook.SecretResolver.Redaction;
import io.touchpoint.rendering.DataMarks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The webhook task's text fields read as what they mean: timeout, header lines, response fields and the URL. Each
 * problem is an {@link InvalidChannelInputException} naming the field — a diagram to mend, so an incident.
 */
final class WebhookParts {

  /** A call may last at most this long; longer is a misconfigured task. */
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final List<String> RESERVED_HEADERS = List.of("host", "content-length", "transfer-encoding",
      "connection", "upgrade", "te", "trailer", "keep-alive", "proxy-connection", "idempotency-key");

  /** A header as the author wrote it; its value may still hold secret references and marked data. */
  record HeaderLine(String name, String value) {
  }

  /** A variable to fill from the JSON answer. */
  record ResponseField(String variable, JsonPointer pointer) {
  }

  private WebhookParts() {
  }

  static Duration timeout(String text) {
    String value = text == null || text.isBlank() ? WebhookRequest.DEFAULT_TIMEOUT : text.trim();
    try {
      Duration timeout = Duration.parse(value);
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw invalid("timeout must be longer than zero and at most " + MAX_TIMEOUT);
      }
      return timeout;
    } catch (DateTimeParseException unreadable) {
      throw invalid("timeout must be an ISO-8601 duration such as PT10S");
    }
  }

  /**
   * Checked before secrets are resolved, so a problem never echoes a secret. Lines and the colon after the name
   * are the author's: a line break or colon that data supplies stays in the value.
   */
  static List<HeaderLine> headerLines(String text) {
    List<HeaderLine> lines = new ArrayList<>();
    if (text == null) {
      return lines;
    }
    for (String line : DataMarks.authoredLines(text)) {
      if (DataMarks.strip(line).isBlank()) {
        continue;
      }
      int colon = DataMarks.indexOfAuthored(line, ':');
      String name = colon < 0 ? "" : DataMarks.strip(line.substring(0, colon)).trim();
      if (!HEADER_NAME.matcher(name).matches()) {
        throw invalid("headers: each line must be 'Name: value', not '" + DataMarks.strip(line).trim() + "'");
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw invalid("headers: " + name + " is set by the HTTP client");
      }
      lines.add(new HeaderLine(name, line.substring(colon + 1).trim()));
    }
    return lines;
  }

  static List<ResponseField> responseFields(String text) {
    List<ResponseField> fields = new ArrayList<>();
    if (text == null) {
      return fields;
    }
    for (String line : text.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int equals = line.indexOf('=');
      String variable = equals < 0 ? "" : line.substring(0, equals).trim();
      String pointer = equals < 0 ? "" : line.substring(equals + 1).trim();
      if (!VARIABLE_NAME.matcher(variable).matches() || !(pointer.isEmpty() || pointer.startsWith("/"))) {
        throw invalid("responseFields: each line must be 'variable=/json/pointer' (e.g. crmId=/data/id), not '"
            + line.trim() + "'");
      }
      try {
        fields.add(new ResponseField(variable, JsonPointer.compile(pointer)));
      } catch (IllegalArgumentException notAPointer) {
        throw invalid("responseFields: '" + pointer + "' is not a JSON Pointer");
      }
    }
    return fields;
  }

  static URI uri(String url, Redaction redaction) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
        throw invalid("url must be an absolute http(s) URL with a host and no user info, not '"
            + redaction.redact(url) + "'");
      }
      return uri;
    } catch (URISyntaxException unreadable) {
      throw invalid("url is not a valid URL: " + redaction.redact(unreadable.getMessage()));
    }
  }

  private static InvalidChannelInputException invalid(String problem) {
    return new InvalidChannelInputException(List.of(problem));
  }
}
