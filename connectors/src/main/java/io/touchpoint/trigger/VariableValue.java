package io.touchpoint.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * A value of an event's {@code data} that the engine can keep as a process variable: a string of at most
 * {@value #MAX_TEXT_LENGTH} characters (Camunda 7 keeps string variables in a column of that size), a boolean, a
 * whole number that fits 64 bits, a finite decimal, or an object or array whose JSON text fits the same
 * {@value #MAX_TEXT_LENGTH} characters (it is kept as JSON text).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = VariableValue.Validator.class)
public @interface VariableValue {

  int MAX_TEXT_LENGTH = 4000;

  String message() default "must be a string, number, boolean, object or array";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<VariableValue, Object> {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
      if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
        return true;
      }
      if (value instanceof Double number) {
        return Double.isFinite(number) || refuse(context, "must be a finite number");
      }
      if (value instanceof Number) {
        return refuse(context, "must be a whole number from -2^63 to 2^63-1 or a decimal a double can hold");
      }
      if (value instanceof String text) {
        return text.length() <= MAX_TEXT_LENGTH
            || refuse(context, "must be at most " + MAX_TEXT_LENGTH + " characters long");
      }
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        return jsonLength(value) <= MAX_TEXT_LENGTH
            || refuse(context, "must be at most " + MAX_TEXT_LENGTH + " characters long as JSON text");
      }
      return false;
    }

    private int jsonLength(Object value) {
      try {
        return json.writeValueAsString(value).length();
      } catch (JsonProcessingException unwritable) {
        return Integer.MAX_VALUE;
      }
    }

    private static boolean refuse(ConstraintValidatorContext context, String message) {
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
      return false;
    }
  }
}
