package io.touchpoint.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.touchpoint.api.InvalidRequestException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a request body into a record and validates it, refusing unknown fields and values of the
 * wrong JSON type, with every problem named by its field path ({@code events[3].contact.id}).
 */
public class StrictJsonReader {

  private final ObjectMapper mapper;
  private final Validator validator;

  public StrictJsonReader(ObjectMapper mapper, Validator validator) {
    this.mapper = mapper.copy()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    this.validator = validator;
  }

  public <T> T read(byte[] body, Class<T> type) {
    T value;
    try {
      value = mapper.readValue(body, type);
    } catch (JsonMappingException mapping) {
      throw new InvalidRequestException(List.of(new FieldProblem(path(mapping), describe(mapping))));
    } catch (JsonProcessingException syntax) {
      throw new InvalidRequestException(List.of(new FieldProblem("(body)",
          "is not valid JSON: " + syntax.getOriginalMessage())));
    } catch (IOException unreadable) {
      throw new InvalidRequestException(List.of(new FieldProblem("(body)", "could not be read")));
    }
    if (value == null) {
      throw new InvalidRequestException(List.of(new FieldProblem("(body)", "must be a JSON object")));
    }
    var violations = validator.validate(value);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations.stream()
          .map(v -> new FieldProblem(fieldOf(v), v.getMessage()))
          .sorted(Comparator.comparing(FieldProblem::field))
          .toList());
    }
    return value;
  }

  /** {@code events[1].contact.id}: the path without the container element markers Hibernate Validator adds. */
  private static String fieldOf(ConstraintViolation<?> violation) {
    return violation.getPropertyPath().toString().replaceAll("<[^>]*>", "");
  }

  private static String path(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining());
    return path.isEmpty() ? "(body)" : path.startsWith(".") ? path.substring(1) : path;
  }

  private static String describe(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "is not a known field";
    }
    if (e instanceof MismatchedInputException mismatch
        && mismatch.getTargetType() != null) {
      return "has the wrong type; expected " + simpleType(mismatch.getTargetType());
    }
    return "is invalid: " + e.getOriginalMessage();
  }

  private static String simpleType(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return type.getSimpleName();
  }
}
