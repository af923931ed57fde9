package io.touchpoint.channel.webhook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.ChannelInputBinder;
import io.touchpoint.channel.InvalidChannelInputException;
import io.touchpoint.channel.webhook.SecretResolver.Redaction;
import io.touchpoint.channel.webhook.WebhookRequest.ErrorMode;
import io.touchpoint.error.NotRetryable;
import io.touchpoint.provider.http.GuardedHttpClient;
import io.touchpoint.provider.http.GuardedHttpClient.Limits;
import io.touchpoint.provider.http.SsrfGuard.ForbiddenTargetException;
import io.touchpoint.rendering.DataMarks;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The behaviour of the webhook task ({@code ${touchpointWebhook}}, asynchronous): bind and validate the
 * {@link WebhookRequest}, resolve secret references, call, and map the answer into process variables:
 * <ul>
 *   <li>{@code <resultVariable>Status} — the HTTP status (Integer), 0 when there was no answer;</li>
 *   <li>{@code <resultVariable>Headers} — the response headers as a JSON object string (lower-case names), with
 *       only the headers (in name order) that keep it within {@link #MAX_BODY_CHARS};</li>
 *   <li>{@code <resultVariable>Body} — the response body as a String, cut to {@link #MAX_BODY_CHARS};</li>
 *   <li>{@code <resultVariable>Error} — the error code in {@code continue} mode, null after a success;</li>
 *   <li>one variable per {@code responseFields} line, read with a JSON Pointer from the JSON answer (strings,
 *       numbers and booleans as such, objects and arrays as JSON strings, null when absent; texts cut to
 *       {@link #MAX_BODY_CHARS}).</li>
 * </ul>
 * A 4xx / 5xx answer, a timeout or an unreachable host is handled as the task's {@code onError} says: a BPMN error
 * with code {@link #WEBHOOK_4XX}, {@link #WEBHOOK_5XX}, {@link #WEBHOOK_TIMEOUT} or {@link #WEBHOOK_UNREACHABLE}
 * (the variables are set first, so the boundary path can read the status); a failed job (retried, then an
 * incident); or variables and go on. A redirect is an answer like any other (never followed); at most
 * {@link #MAX_RESPONSE_BYTES} of an answer are read. A target refused by the
 * {@link io.touchpoint.provider.http.SsrfGuard} is a configuration problem: it raises
 * {@link #WEBHOOK_FORBIDDEN_TARGET} in {@code bpmn-error} mode and fails the job otherwise.
 *
 * <p>No resolved secret reaches a variable, a log line or an exception message: everything derived from the
 * request or the answer is passed through the call's {@link Redaction}.
 */
public class WebhookTask implements JavaDelegate {

  public static final String WEBHOOK_4XX = "WEBHOOK_4XX";
  public static final String WEBHOOK_5XX = "WEBHOOK_5XX";
  public static final String WEBHOOK_TIMEOUT = "WEBHOOK_TIMEOUT";
  public static final String WEBHOOK_UNREACHABLE = "WEBHOOK_UNREACHABLE";
  public static final String WEBHOOK_FORBIDDEN_TARGET = "WEBHOOK_FORBIDDEN_TARGET";

  /** Camunda 7 keeps a String variable in a 4000-character column; a longer body is cut to fit. */
  public static final int MAX_BODY_CHARS = 4000;
  /** How much of an answer is read; the rest is never downloaded. */
  public static final int MAX_RESPONSE_BYTES = 1024 * 1024;
  /** A call may not outlast the job executor's default lock (5 minutes). */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(WebhookTask.class);
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final List<String> RESERVED_HEADERS = List.of("host", "content-length", "transfer-encoding",
      "connection", "upgrade", "te", "trailer", "keep-alive", "proxy-connection");

  private final ChannelInputBinder binder;
  private final SecretResolver secrets;
  private final GuardedHttpClient http;
  private final ObjectMapper mapper;
  private final WebhookCalls calls;

  public WebhookTask(ChannelInputBinder binder, SecretResolver secrets, GuardedHttpClient http, ObjectMapper mapper,
      WebhookCalls calls) {
    this.binder = binder;
    this.secrets = secrets;
    this.http = http;
    this.mapper = mapper;
    this.calls = calls;
  }

  private record HeaderLine(String name, String value) {
  }

  private record ResponseField(String variable, JsonPointer pointer) {
  }

  /** An answer as the journey may see it: secrets redacted. */
  private record Answer(int status, Map<String, String> headers, String body) {
  }

  @Override
  public void execute(DelegateExecution execution) {
    WebhookRequest input = binder.bind(execution, WebhookRequest.class);
    binder.validate(input.withoutDataMarks());
    String elementId = execution.getCurrentActivityId();
    Duration timeout = timeout(input.timeout());
    List<HeaderLine> headerLines = headerLines(input.headers());
    List<ResponseField> fields = responseFields(input.responseFields());
    ErrorMode mode = input.errorMode();

    Redaction redaction = new Redaction();
    String url = secrets.resolve(input.url().trim(), elementId, redaction);
    URI uri = uri(url, redaction);
    List<Header> headers = new ArrayList<>();
    for (HeaderLine line : headerLines) {
      String value = secrets.resolve(line.value(), elementId, redaction);
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new InvalidChannelInputException(List.of("headers: value of " + line.name() + " contains a line break"));
      }
      headers.add(new BasicHeader(line.name(), value));
    }
    String body = secrets.resolve(input.body(), elementId, redaction);
    String target = input.method() + " " + redaction.redact(url);

    GuardedHttpClient.Response response;
    try {
      response = http.call(input.method(), uri, headers, body, new Limits(timeout, 0, MAX_RESPONSE_BYTES));
    } catch (IOException failed) {
      ForbiddenTargetException forbidden = ForbiddenTargetException.causing(failed).orElse(null);
      if (forbidden != null) {
        String message = target + " refused: " + redaction.redact(forbidden.getMessage());
        LOG.warn("TOUCHPOINT-WEBHOOK-003 {} {}", WEBHOOK_FORBIDDEN_TARGET, message);
        calls.record(execution, 0, WEBHOOK_FORBIDDEN_TARGET);
        if (mode == ErrorMode.BPMN_ERROR) {
          record(execution, input.resultPrefix(), null, WEBHOOK_FORBIDDEN_TARGET);
          throw new BpmnError(WEBHOOK_FORBIDDEN_TARGET, message);
        }
        throw new ForbiddenTarget(message);
      }
      boolean timedOut = failed instanceof InterruptedIOException;
      String code = timedOut ? WEBHOOK_TIMEOUT : WEBHOOK_UNREACHABLE;
      String message = target + (timedOut ? " timed out after " + timeout : " failed: "
          + redaction.redact(failed.getClass().getSimpleName() + ": " + failed.getMessage()));
      calls.record(execution, 0, code);
      fail(execution, input, mode, code, message, null);
      return;
    }

    LOG.info("TOUCHPOINT-WEBHOOK-001 {} answered {}", target, response.status());
    Answer redacted = new Answer(response.status(), redactHeaders(response.headers(), redaction),
        redaction.redact(response.text()));
    if (response.status() >= 400) {
      String code = response.status() >= 500 ? WEBHOOK_5XX : WEBHOOK_4XX;
      calls.record(execution, response.status(), code);
      extract(execution, fields, redacted.body()); // before a BPMN error, so its path can read them
      fail(execution, input, mode, code, target + " answered " + response.status(), redacted);
      return;
    }
    calls.record(execution, response.status(), null);
    record(execution, input.resultPrefix(), redacted, null);
    extract(execution, fields, redacted.body());
  }

  private void fail(DelegateExecution execution, WebhookRequest input, ErrorMode mode, String code, String message,
      Answer response) {
    LOG.info("TOUCHPOINT-WEBHOOK-002 {} {} (onError {})", code, message, mode.wireName());
    switch (mode) {
      case BPMN_ERROR -> {
        record(execution, input.resultPrefix(), response, code);
        throw new BpmnError(code, message);
      }
      case RETRY -> throw new WebhookCallException(code, message);
      case CONTINUE -> record(execution, input.resultPrefix(), response, code);
    }
  }

  private void record(DelegateExecution execution, String prefix, Answer response, String error) {
    execution.setVariable(prefix + "Status", response == null ? 0 : response.status());
    execution.setVariable(prefix + "Headers", response == null ? "{}" : headersJson(response.headers()));
    execution.setVariable(prefix + "Body", cut(response == null ? "" : response.body()));
    execution.setVariable(prefix + "Error", error);
  }

  private void extract(DelegateExecution execution, List<ResponseField> fields, String body) {
    if (fields.isEmpty()) {
      return;
    }
    JsonNode json = null;
    if (body != null && !body.isBlank()) {
      try {
        json = mapper.readTree(body);
      } catch (JsonProcessingException notJson) {
        LOG.info("TOUCHPOINT-WEBHOOK-004 the answer is not JSON; response fields are left empty");
      }
    }
    for (ResponseField field : fields) {
      execution.setVariable(field.variable(), json == null ? null : value(json.at(field.pointer())));
    }
  }

  private Object value(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return cut(node.textValue());
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isInt()) {
      return node.intValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return cut(node.toString());
  }

  /** Camunda 7 keeps a String variable in a 4000-character column: a longer one would fail the job for good. */
  private static String cut(String text) {
    return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text;
  }

  private String headersJson(Map<String, String> headers) {
    Map<String, String> fitting = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      fitting.put(name, value);
      if (json(fitting).length() > MAX_BODY_CHARS) {
        fitting.remove(name);
      }
    });
    return json(fitting);
  }

  private static Map<String, String> redactHeaders(Map<String, String> headers, Redaction redaction) {
    Map<String, String> redacted = new LinkedHashMap<>();
    headers.forEach((name, value) -> redacted.put(redaction.redact(name), redaction.redact(value)));
    return redacted;
  }

  private String json(Map<String, String> headers) {
    try {
      return mapper.writeValueAsString(headers);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static Duration timeout(String text) {
    String value = text == null || text.isBlank() ? WebhookRequest.DEFAULT_TIMEOUT : text.trim();
    try {
      Duration timeout = Duration.parse(value);
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new InvalidChannelInputException(List.of("timeout must be longer than zero and at most " + MAX_TIMEOUT));
      }
      return timeout;
    } catch (DateTimeParseException unreadable) {
      throw new InvalidChannelInputException(List.of("timeout must be an ISO-8601 duration such as PT10S"));
    }
  }

  /**
   * Checked before secrets are resolved, so a problem never echoes a secret. Lines and the colon after the name
   * are the author's: a line break or colon that data supplies stays in the value.
   */
  private static List<HeaderLine> headerLines(String text) {
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
        throw new InvalidChannelInputException(List.of("headers: each line must be 'Name: value', not '"
            + DataMarks.strip(line).trim() + "'"));
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        throw new InvalidChannelInputException(List.of("headers: " + name + " is set by the HTTP client"));
      }
      lines.add(new HeaderLine(name, line.substring(colon + 1).trim()));
    }
    return lines;
  }

  private static List<ResponseField> responseFields(String text) {
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
        throw new InvalidChannelInputException(List.of("responseFields: each line must be 'variable=/json/pointer'"
            + " (e.g. crmId=/data/id), not '" + line.trim() + "'"));
      }
      try {
        fields.add(new ResponseField(variable, JsonPointer.compile(pointer)));
      } catch (IllegalArgumentException invalid) {
        throw new InvalidChannelInputException(List.of("responseFields: '" + pointer + "' is not a JSON Pointer"));
      }
    }
    return fields;
  }

  private static URI uri(String url, Redaction redaction) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
        throw new InvalidChannelInputException(List.of("url must be an absolute http(s) URL with a host and no"
            + " user info, not '" + redaction.redact(url) + "'"));
      }
      return uri;
    } catch (URISyntaxException unreadable) {
      throw new InvalidChannelInputException(List.of("url is not a valid URL: " + redaction.redact(unreadable.getMessage())));
    }
  }

  /** A target the SSRF guard refused: a configuration or security problem no retry mends. */
  static final class ForbiddenTarget extends WebhookCallException implements NotRetryable {

    ForbiddenTarget(String message) {
      super(WEBHOOK_FORBIDDEN_TARGET, message);
    }
  }
}
