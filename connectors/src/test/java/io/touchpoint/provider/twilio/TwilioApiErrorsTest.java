package io.touchpoint.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import io.touchpoint.delivery.ProviderAnswerLostException;
import io.touchpoint.delivery.SendOutcome;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

class TwilioApiErrorsTest {

  @Test
  void aBadRequestIsAboutThisMessageAndRejectsIt() {
    SendOutcome outcome = TwilioApiErrors.rejectionOrThrow(
        new ApiException("The 'To' number is not a valid phone number.", 21211, null, 400, null));

    assertThat(outcome).isEqualTo(new SendOutcome.Rejected("21211", "The 'To' number is not a valid phone number."));
  }

  @Test
  void aConnectionThatDroppedOrTimedOutAfterTheRequestLosesTheAnswer() {
    for (Exception dropped : new Exception[] {new NoHttpResponseException("The target server failed to respond"),
        new SocketTimeoutException("Read timed out"), new SocketException("Connection reset")}) {
      assertThatThrownBy(() -> TwilioApiErrors.rejectionOrThrow(new ApiException(dropped.getMessage(), dropped)))
          .isInstanceOf(ProviderAnswerLostException.class).hasMessageStartingWith("TOUCHPOINT-TWILIO-003");
    }
  }

  @Test
  void aConnectionNeverMadeCarriedNothingAndIsAnOrdinaryFailure() {
    for (Exception unreachable : new Exception[] {new ConnectException("Connection refused"),
        new UnknownHostException("api.twilio.com"), new ConnectTimeoutException("Connect timed out")}) {
      assertThatThrownBy(() -> TwilioApiErrors.rejectionOrThrow(new ApiException(unreachable.getMessage(), unreachable)))
          .isNotInstanceOf(ProviderAnswerLostException.class).hasMessageStartingWith("TOUCHPOINT-TWILIO-001");
    }
  }

  @Test
  void anAnswerWithAnErrorStatusIsAnOrdinaryFailure() {
    assertThatThrownBy(() -> TwilioApiErrors.rejectionOrThrow(
        new ApiException("Authenticate", 20003, null, 401, null)))
        .isNotInstanceOf(ProviderAnswerLostException.class).hasMessageContaining("HTTP 401");
  }
}
