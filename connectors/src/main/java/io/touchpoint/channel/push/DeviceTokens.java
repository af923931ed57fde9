package io.touchpoint.channel.push;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;

/**
 * A contact's device tokens for push: one FCM registration token, or several (a contact's devices) separated by
 * commas or white space. Each token is a recipient in the delivery ledger, so it fits the ledger's recipient column
 * ({@value #MAX_TOKEN_LENGTH} characters; FCM's tokens are about 160); a send reaches at most
 * {@value #MAX_DEVICES} devices.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DeviceTokens.Validator.class)
public @interface DeviceTokens {

  int MAX_TOKEN_LENGTH = 320;
  int MAX_DEVICES = 50;

  String message() default "must be at most " + MAX_DEVICES + " device tokens of at most " + MAX_TOKEN_LENGTH
      + " characters each, separated by commas";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<DeviceTokens, String> {

    /** The distinct tokens a value names, in order. */
    public static List<String> tokens(String value) {
      return Arrays.stream(value.split("[,\\s]+")).filter(token -> !token.isBlank()).distinct().toList();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.isBlank()) {
        return true; // whether one is required is @NotBlank's to say
      }
      List<String> tokens = tokens(value);
      return !tokens.isEmpty() && tokens.size() <= MAX_DEVICES
          && tokens.stream().allMatch(token -> token.length() <= MAX_TOKEN_LENGTH);
    }
  }
}
