package io.touchpoint.provider.twilio;

import com.twilio.exception.ApiException;
import io.touchpoint.delivery.ProviderAnswerLostException;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.error.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/** Which Twilio API errors are a permanent "no" for this message, and which are worth a retry. */
final class TwilioApiErrors {

  private TwilioApiErrors() {
  }

  /**
   * A 400 is about this message (invalid number 21211, unsubscribed recipient 21610...): no retry
   * will change it. A request sent whose answer never came may have created the message: it is thrown as
   * {@link ProviderAnswerLostException}, so that Twilio's list is asked before any retry. Anything else —
   * 401/403 (credentials), 404, 5xx, no connection — is thrown, so the send is retried and finally raises an
   * incident an operator can act on.
   */
  static SendOutcome rejectionOrThrow(ApiException e) {
    if (e.getStatusCode() != null && e.getStatusCode() == 400) {
      return new SendOutcome.Rejected(String.valueOf(e.getCode()), e.getMessage());
    }
    if (e.getStatusCode() == null && answerLost(e)) {
      throw new ProviderAnswerLostException(ErrorCode.TWILIO_003 + " Twilio's answer was lost: " + e.getMessage(), e);
    }
    throw new IllegalStateException(ErrorCode.TWILIO_001 + " Twilio answered "
        + (e.getStatusCode() == null ? "without a status" : "HTTP " + e.getStatusCode())
        + (e.getCode() == null ? "" : " (code " + e.getCode() + ")") + ": " + e.getMessage(), e);
  }

  /**
   * Whether the SDK's I/O failure came after the request could have been written: a dropped connection, a
   * timeout waiting for the answer. A connection never made (refused, unknown host, connect timeout, failed TLS
   * handshake) carried nothing.
   */
  private static boolean answerLost(ApiException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
          || cause instanceof UnknownHostException || cause instanceof SSLHandshakeException) {
        return false;
      }
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
