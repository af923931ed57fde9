package io.touchpoint.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a request body into a record and validates it, refusing unknown fields, values of the
 * wrong JSON type and text holding the NUL character (which PostgreSQL cannot store), with every
 * problem named by its field path ({@code events[3].contact.id}).
 */
public class StrictJsonReader {

  private final ObjectMapper mapper;
  private final Validator validator;

  public StrictJsonReader(ObjectMapper mapper, Validator validator) {
    this.mapper = mapper.copy()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // free-form values become process variables: Integer, Long or Double, never a BigDecimal the engine cannot store
        .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    this.mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    this.validator = validator;
  }

  /** One element of a JSON array read on its own: its value, or what is wrong with it. */
  public record Element<T>(int index, T value, List<FieldProblem> problems) {
  }

  public <T> T read(byte[] body, Class<T> type) {
    return bind(tree(body), type, "(body)", "");
  }

  /**
   * Reads {@code {"<field>":[…]}} whose elements are checked one by one, so a bad element is named by its index
   * ({@code events[3].contact.phone}) and spoils no other. The envelope itself (valid JSON, one object, the
   * array with 1 to {@code maxElements} elements, no other field) must be right, else nothing is read.
   */
  public <T> List<Element<T>> readEach(byte[] body, String field, int maxElements, Class<T> type) {
    JsonNode envelope = tree(body);
    List<FieldProblem> problems = new ArrayList<>();
    if (!envelope.isObject()) {
      problems.add(new FieldProblem("(body)", "must be a JSON object"));
    } else {
      envelope.fieldNames().forEachRemaining(name -> {
        if (!name.equals(field)) {
          problems.add(new FieldProblem(name, "is not a known field"));
        }
      });
      JsonNode array = envelope.path(field);
      if (!array.isArray()) {
        problems.add(new FieldProblem(field, array.isMissingNode() || array.isNull() ? "must not be empty"
            : "has the wrong type; expected an array"));
      } else if (array.isEmpty() || array.size() > maxElements) {
        problems.add(new FieldProblem(field, "must hold 1 to " + maxElements + " elements"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    List<Element<T>> elements = new ArrayList<>();
    Iterator<JsonNode> array = envelope.path(field).elements();
    for (int index = 0; array.hasNext(); index++) {
      String path = field + "[" + index + "]";
      try {
        elements.add(new Element<>(index, bind(array.next(), type, path, path + "."), List.of()));
      } catch (InvalidRequestException invalid) {
        elements.add(new Element<>(index, null, invalid.problems()));
      }
    }
    return elements;
  }

  private JsonNode tree(byte[] body) {
    try {
      JsonNode tree = mapper.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw new InvalidRequestException(List.of(new FieldProblem("(body)", "must be a JSON object")));
      }
      return tree;
    } catch (JsonProcessingException syntax) {
      throw new InvalidRequestException(List.of(new FieldProblem("(body)",
          "is not valid JSON: " + syntax.getOriginalMessage())));
    } catch (IOException unreadable) {
      throw new InvalidRequestException(List.of(new FieldProblem("(body)", "could not be read")));
    }
  }

  /**
   * @param self   how a problem with the node as a whole is named
   * @param prefix put before the paths of problems inside it
   */
  private <T> T bind(JsonNode node, Class<T> type, String self, String prefix) {
    if (!node.isObject()) {
      throw new InvalidRequestException(List.of(new FieldProblem(self, "must be a JSON object")));
    }
    List<FieldProblem> text = textProblems(node, prefix);
    if (!text.isEmpty()) {
      throw new InvalidRequestException(text);
    }
    T value;
    try {
      value = mapper.treeToValue(node, type);
    } catch (JsonMappingException mapping) {
      throw new InvalidRequestException(List.of(new FieldProblem(path(mapping, self, prefix), describe(mapping))));
    } catch (JsonProcessingException unreadable) {
      throw new InvalidRequestException(List.of(new FieldProblem(self, "is invalid: " + unreadable.getOriginalMessage())));
    }
    var violations = validator.validate(value);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations.stream()
          .map(v -> new FieldProblem(prefix + fieldOf(v), v.getMessage()))
          .sorted(Comparator.comparing(FieldProblem::field))
          .toList());
    }
    return value;
  }

  /** Names and strings holding U+0000, anywhere in the tree. */
  private static List<FieldProblem> textProblems(JsonNode node, String prefix) {
    List<FieldProblem> problems = new ArrayList<>();
    collectTextProblems(node, prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix, problems);
    return problems;
  }

  private static void collectTextProblems(JsonNode node, String path, List<FieldProblem> problems) {
    if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
      problems.add(new FieldProblem(path.isEmpty() ? "(body)" : path, "must not contain the NUL character"));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectTextProblems(node.get(i), path + "[" + i + "]", problems);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String name = field.getKey();
        String fieldPath = path.isEmpty() ? name : path + "." + name;
        if (name.indexOf('\u0000') >= 0) {
          problems.add(new FieldProblem(path.isEmpty() ? "(body)" : path, "has a field name with the NUL character"));
        } else {
          collectTextProblems(field.getValue(), fieldPath, problems);
        }
      }
    }
  }

  /** {@code events[1].contact.id}: the path without the container element markers Hibernate Validator adds. */
  private static String fieldOf(ConstraintViolation<?> violation) {
    return violation.getPropertyPath().toString().replaceAll("\\.?<[^>]*>", "");
  }

  private static String path(JsonMappingException e, String self, String prefix) {
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining());
    return path.isEmpty() ? self : prefix + (path.startsWith(".") ? path.substring(1) : path);
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
