package io.touchpoint.channel.webhook;

import io.touchpoint.rendering.DataMarks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Input of the webhook task, bound from the task's input parameters (the element template's form fields). The
 * element template is checked against this record in the test suite.
 *
 * <p>URL, headers and body are rendered with FreeMarker over the journey's variables by the engine's input mapping,
 * with the data in them marked ({@link DataMarks}); they may reference secrets as {@code {{secret:NAME}}}, which
 * {@link SecretResolver} replaces only where the author wrote them and only at call time, so the secret itself never
 * reaches the BPMN, a variable, the history or a log line.
 *
 * @param method         GET, POST, PUT, PATCH or DELETE
 * @param url            absolute http(s) URL
 * @param headers        one {@code Name: value} per line; blank lines are ignored
 * @param body           request body (not sent with GET); Content-Type defaults to application/json
 * @param timeout        ISO-8601 duration for the whole call (connect, send, answer), default PT10S, at most PT5M
 * @param onError        what a 4xx / 5xx answer, a timeout or an unreachable host does: {@code bpmn-error},
 *                       {@code retry} or {@code continue}
 * @param resultVariable prefix of the output variables, default {@code webhook}
 * @param responseFields one {@code variableName=/json/pointer} per line (RFC 6901 JSON Pointer into the answer)
 * @param deliveryGuarantee what happens when the node calling died before the answer was recorded:
 *                       {@code at-least-once} (default) calls again, with the same {@code Idempotency-Key} header so
 *                       the target can tell; {@code at-most-once} raises an incident instead
 */
public record WebhookRequest(
    @NotBlank @Pattern(regexp = "GET|POST|PUT|PATCH|DELETE", message = "must be one of GET, POST, PUT, PATCH, DELETE") String method,
    @NotBlank @Pattern(regexp = "(?i)https?://\\S+", message = "must be an absolute http:// or https:// URL") String url,
    String headers,
    String body,
    @Pattern(regexp = "(?i)P\\S+", message = "must be an ISO-8601 duration such as PT10S") String timeout,
    @NotBlank @Pattern(regexp = "bpmn-error|retry|continue", message = "must be one of bpmn-error, retry, continue") String onError,
    @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "must be a variable name (letters, digits, _)") String resultVariable,
    String responseFields,
    @Pattern(regexp = "at-least-once|at-most-once", message = "must be at-least-once or at-most-once") String deliveryGuarantee) {

  public static final String DEFAULT_TIMEOUT = "PT10S";
  public static final String DEFAULT_RESULT_VARIABLE = "webhook";

  /** The request as it is sent, before secrets are resolved: what its constraints apply to. */
  public WebhookRequest withoutDataMarks() {
    return new WebhookRequest(method, DataMarks.strip(url), DataMarks.strip(headers), DataMarks.strip(body), timeout,
        onError, resultVariable, responseFields, deliveryGuarantee);
  }

  /** Whether a call whose answer was lost may be made again on its own. */
  public boolean atMostOnce() {
    return "at-most-once".equals(deliveryGuarantee);
  }

  /** The prefix of the output variables. */
  public String resultPrefix() {
    return resultVariable == null || resultVariable.isBlank() ? DEFAULT_RESULT_VARIABLE : resultVariable;
  }

  /** What to do when the call fails. */
  public ErrorMode errorMode() {
    return ErrorMode.fromWireName(onError);
  }

  /** How a failed call is answered, chosen in the element template. */
  public enum ErrorMode {
    /** Raise a BPMN error ({@code WEBHOOK_4XX}, ...) that a boundary error event catches. */
    BPMN_ERROR("bpmn-error"),
    /** Fail the job: the job executor retries it per the task's retry cycle, then raises an incident. */
    RETRY("retry"),
    /** Record the status (0 when there was none) and the error code in variables and go on. */
    CONTINUE("continue");

    private final String wireName;

    ErrorMode(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    static ErrorMode fromWireName(String name) {
      for (ErrorMode mode : values()) {
        if (mode.wireName.equals(name)) {
          return mode;
        }
      }
      throw new IllegalArgumentException("unknown onError '" + name + "'");
    }
  }
}
