package io.touchpoint.channel.webhook;


/**
 * A webhook call failed and the task fails with it: in {@code retry} mode the job executor retries per the task's
 * retry cycle, then raises an incident. The message names the error code and never shows a secret.
 */
public class WebhookCallException extends RuntimeException {

  private final String code;

  public WebhookCallException(String code, String message) {
    super(code + " " + message);
    this.code = code;
  }

  /** {@code WEBHOOK_4XX}, {@code WEBHOOK_5XX}, {@code WEBHOOK_TIMEOUT}, {@code WEBHOOK_UNREACHABLE} or
   * {@code WEBHOOK_FORBIDDEN_TARGET}. */
  public String code() {
    return code;
  }
}
