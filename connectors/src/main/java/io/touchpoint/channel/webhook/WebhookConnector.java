package io.touchpoint.channel.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.Continuation;
import io.touchpoint.channel.InvalidChannelInputException;
import io.touchpoint.channel.webhook.SecretResolver.Redaction;
import io.touchpoint.channel.webhook.WebhookParts.HeaderLine;
import io.touchpoint.channel.webhook.WebhookParts.ResponseField;
import io.touchpoint.channel.webhook.WebhookRequest.ErrorMode;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Provider;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.error.NotRetryable;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.Reconciliation;
import io.touchpoint.provider.http.GuardedHttpClient.Limits;
import io.touchpoint.provider.http.GuardedHttpClient;
import io.touchpoint.provider.http.SsrfGuard.ForbiddenTargetException;
import io.touchpoint.rendering.DataMarks;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook task ({@code ${touchpointWebhook}}): a call to another system, made by the send pipeline after the
 * journey's transaction like every send, with the answer mapped into process variables ({@link WebhookVariables}).
 * Every call carries {@code Idempotency-Key: <delivery id>}, the same for every attempt of one task run.
 *
 * <p>A 4xx / 5xx answer, a timeout or an unreachable host is handled as the task's {@code onError} says: a BPMN error
 * with code {@link #WEBHOOK_4XX}, {@link #WEBHOOK_5XX}, {@link #WEBHOOK_TIMEOUT} or {@link #WEBHOOK_UNREACHABLE}
 * (the variables are set first, so the boundary path can read the status); another attempt per the task's retries,
 * then an incident; or variables and go on. A redirect is an answer like any other (never followed); at most
 * {@link #MAX_RESPONSE_BYTES} of an answer are read. A target refused by the SSRF guard is a configuration problem:
 * {@link #WEBHOOK_FORBIDDEN_TARGET} in {@code bpmn-error} mode, an incident otherwise. Inputs that do not make a call
 * (headers, timeout, URL) are the diagram's fault: an incident.
 *
 * <p>No resolved secret reaches a variable, a log line or an exception message: everything derived from the request
 * or the answer is passed through the call's {@link Redaction}.
 */
public class WebhookConnector implements ChannelConnector<WebhookRequest> {

  public static final String WEBHOOK_4XX = "WEBHOOK_4XX";
  public static final String WEBHOOK_5XX = "WEBHOOK_5XX";
  public static final String WEBHOOK_TIMEOUT = "WEBHOOK_TIMEOUT";
  public static final String WEBHOOK_UNREACHABLE = "WEBHOOK_UNREACHABLE";
  public static final String WEBHOOK_FORBIDDEN_TARGET = "WEBHOOK_FORBIDDEN_TARGET";

  /** How much of an answer is read; the rest is never downloaded. */
  public static final int MAX_RESPONSE_BYTES = 1024 * 1024;
  /** The header naming the task run, so a target can tell a repeated call from a new one. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookConnector.class);
  /** The ledger's recipient column. */
  private static final int MAX_RECIPIENT = 320;

  private final SecretResolver secrets;
  private final GuardedHttpClient http;
  private final WebhookVariables variables;
  private final WebhookCalls calls;

  public WebhookConnector(SecretResolver secrets, GuardedHttpClient http, ObjectMapper mapper, WebhookCalls calls) {
    this.secrets = secrets;
    this.http = http;
    this.variables = new WebhookVariables(mapper);
    this.calls = calls;
  }

  @Override
  public Channel channel() {
    return Channel.WEBHOOK;
  }

  @Override
  public Class<WebhookRequest> inputType() {
    return WebhookRequest.class;
  }

  /** The request as it will be sent, before secrets are resolved. */
  @Override
  public Record validatable(WebhookRequest input) {
    return input.withoutDataMarks();
  }

  /** The URL as the author wrote it, secrets unresolved. */
  @Override
  public String recipient(WebhookRequest input) {
    String url = DataMarks.strip(input.url()).trim();
    return url.length() > MAX_RECIPIENT ? url.substring(0, MAX_RECIPIENT) : url;
  }

  @Override
  public String provider() {
    return Provider.WEBHOOK.wireName();
  }

  @Override
  public boolean invalidInputIsAnIncident() {
    return true;
  }

  @Override
  public SendOutcome send(Delivery delivery, WebhookRequest input) {
    return call(delivery, input).outcome();
  }

  @Override
  public Answer call(Delivery delivery, WebhookRequest input) {
    Duration timeout = WebhookParts.timeout(input.timeout());
    List<HeaderLine> headerLines = WebhookParts.headerLines(input.headers());
    List<ResponseField> fields = WebhookParts.responseFields(input.responseFields());
    String elementId = delivery.activityId();

    Redaction redaction = new Redaction();
    String url = secrets.resolve(input.url().trim(), elementId, redaction);
    URI uri = WebhookParts.uri(url, redaction);
    List<Header> headers = new ArrayList<>();
    for (HeaderLine line : headerLines) {
      String value = secrets.resolve(line.value(), elementId, redaction);
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new InvalidChannelInputException(List.of("headers: value of " + line.name() + " contains a line break"));
      }
      headers.add(new BasicHeader(line.name(), value));
    }
    headers.add(new BasicHeader(IDEMPOTENCY_KEY, delivery.id()));
    String body = secrets.resolve(input.body(), elementId, redaction);
    String target = input.method() + " " + redaction.redact(url);

    GuardedHttpClient.Response response;
    try {
      response = http.call(input.method(), uri, headers, body, new Limits(timeout, 0, MAX_RESPONSE_BYTES));
    } catch (IOException failed) {
      ForbiddenTargetException forbidden = ForbiddenTargetException.causing(failed).orElse(null);
      if (forbidden != null) {
        String message = target + " refused: " + redaction.redact(forbidden.getMessage());
        LOG.warn(ErrorCode.WEBHOOK_003 + " {} {}", WEBHOOK_FORBIDDEN_TARGET, message);
        calls.record(delivery, 0, WEBHOOK_FORBIDDEN_TARGET);
        if (input.errorMode() == ErrorMode.BPMN_ERROR) {
          return failed(input, WEBHOOK_FORBIDDEN_TARGET, message, null, fields);
        }
        throw new ForbiddenTarget(message);
      }
      boolean timedOut = failed instanceof InterruptedIOException;
      String code = timedOut ? WEBHOOK_TIMEOUT : WEBHOOK_UNREACHABLE;
      calls.record(delivery, 0, code);
      return failed(input, code, target + (timedOut ? " timed out after " + timeout : " failed: "
          + redaction.redact(failed.getClass().getSimpleName() + ": " + failed.getMessage())), null, fields);
    }

    LOG.info(ErrorCode.WEBHOOK_001 + " {} answered {}", target, response.status());
    WebhookVariables.Answer answer = new WebhookVariables.Answer(response.status(),
        redactHeaders(response.headers(), redaction), redaction.redact(response.text()));
    if (response.status() >= 400) {
      String code = response.status() >= 500 ? WEBHOOK_5XX : WEBHOOK_4XX;
      calls.record(delivery, response.status(), code);
      return failed(input, code, target + " answered " + response.status(), answer, fields);
    }
    calls.record(delivery, response.status(), null);
    return new Answer(new SendOutcome.Accepted(null),
        new Continuation.Leave(variables.of(input.resultPrefix(), answer, null, fields)));
  }

  /** A call that failed, handled as the task's {@code onError} says. */
  private Answer failed(WebhookRequest input, String code, String message, WebhookVariables.Answer answer,
      List<ResponseField> fields) {
    LOG.info(ErrorCode.WEBHOOK_002 + " {} {} (onError {})", code, message, input.errorMode().wireName());
    Map<String, Object> values = variables.of(input.resultPrefix(), answer, code, fields);
    return switch (input.errorMode()) {
      case BPMN_ERROR -> new Answer(new SendOutcome.Rejected(code, message),
          new Continuation.RaiseBpmnError(code, message, values));
      case RETRY -> throw new WebhookCallException(code, message);
      case CONTINUE -> new Answer(new SendOutcome.Rejected(code, message), new Continuation.Leave(values));
    };
  }

  /**
   * A call whose answer was lost: at-least-once calls again (its {@code Idempotency-Key} lets the target see the
   * repeat); at-most-once asks an operator, since the journey needs an answer nobody has.
   */
  @Override
  public Reconciliation reconcile(LostAttempt attempt, WebhookRequest input) {
    return input.atMostOnce() ? new Reconciliation.Escalate("webhook at most once")
        : new Reconciliation.SendAgain("webhook at least once, same " + IDEMPOTENCY_KEY);
  }

  private static Map<String, String> redactHeaders(Map<String, String> headers, Redaction redaction) {
    Map<String, String> redacted = new LinkedHashMap<>();
    headers.forEach((name, value) -> redacted.put(redaction.redact(name), redaction.redact(value)));
    return redacted;
  }

  /** A target the SSRF guard refused: a configuration or security problem no retry mends. */
  static final class ForbiddenTarget extends WebhookCallException implements NotRetryable {

    ForbiddenTarget(String message) {
      super(WEBHOOK_FORBIDDEN_TARGET, message);
    }
  }
}
