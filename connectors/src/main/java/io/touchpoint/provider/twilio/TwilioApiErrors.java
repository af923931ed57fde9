package io.touchpoint.provider.twilio;

import com.twilio.exception.ApiException;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.error.ErrorCode;

/** Which Twilio API errors are a permanent "no" for this message, and which are worth a retry. */
final class TwilioApiErrors {

  private TwilioApiErrors() {
  }

  /**
   * A 400 is about this message (invalid number 21211, unsubscribed recipient 21610...): no retry
   * will change it. Anything else — 401/403 (credentials), 404, 5xx, network — is thrown, so the
   * send is retried and finally raises an incident an operator can act on.
   */
  static SendOutcome rejectionOrThrow(ApiException e) {
    if (e.getStatusCode() != null && e.getStatusCode() == 400) {
      return new SendOutcome.Rejected(String.valueOf(e.getCode()), e.getMessage());
    }
    throw new IllegalStateException(ErrorCode.TWILIO_001 + " Twilio answered "
        + (e.getStatusCode() == null ? "without a status" : "HTTP " + e.getStatusCode())
        + (e.getCode() == null ? "" : " (code " + e.getCode() + ")") + ": " + e.getMessage(), e);
  }
}
