package io.touchpoint.provider.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * Checks X-Twilio-Signature with the account's auth token. Without a token (Twilio not
 * configured) nothing can be verified, so every request is refused.
 */
public class TwilioRequestVerifier {

  private final RequestValidator validator;

  public TwilioRequestVerifier(String authToken) {
    this.validator = authToken == null || authToken.isBlank() ? null : new RequestValidator(authToken);
  }

  public boolean isSigned(String url, Map<String, String> form, String signature) {
    return validator != null && signature != null && validator.validate(url, form, signature);
  }
}
