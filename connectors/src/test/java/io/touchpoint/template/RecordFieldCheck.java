package io.touchpoint.template;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks one form field of an element template against the record component whose value it becomes, in one
 * direction: what the code accepts decides what the form must say.
 * <ul>
 *   <li>{@code @NotBlank} / {@code @NotEmpty} / {@code @NotNull} ⇔ {@code constraints.notEmpty: true};</li>
 *   <li>{@code @Size(max = N)} ⇔ {@code constraints.maxLength: N}; {@code @Size(min = M > 0)} ⇔
 *       {@code constraints.minLength: M};</li>
 *   <li>a component that accepts a fixed set of values (a {@code Boolean}, or an {@code @Pattern} that only lists
 *       words, {@code high|normal}) ⇔ a Dropdown offering exactly those values;</li>
 *   <li>otherwise an {@code @Pattern} the form can check literally ⇔ {@code constraints.pattern} as
 *       {@link FormPattern} writes it. The form cannot check a field whose default is an expression
 *       ({@code ${phone}}): only the resolved value can match, so such a field carries no pattern.</li>
 * </ul>
 * {@code @Email} and custom constraints are checked by the connector only.
 */
final class RecordFieldCheck {

  private static final Pattern WORDS = Pattern.compile("[A-Za-z0-9_.-]+(?:\\|[A-Za-z0-9_.-]+)*");

  private RecordFieldCheck() {
  }

  /** The component of a record, by name. */
  static RecordComponent component(Class<? extends Record> record, String name) {
    return Arrays.stream(record.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(record.getSimpleName() + " has no component " + name));
  }

  /** Every mismatch between the field and the component, as sentences; empty when they match. */
  static List<String> problems(JsonNode property, Class<? extends Record> record, RecordComponent component) {
    List<String> problems = new ArrayList<>();
    String code = record.getSimpleName() + "." + component.getName();
    JsonNode constraints = property.path("constraints");

    boolean required = annotation(record, component, NotBlank.class).isPresent()
        || annotation(record, component, NotEmpty.class).isPresent()
        || annotation(record, component, NotNull.class).isPresent();
    boolean notEmpty = constraints.path("notEmpty").asBoolean(false);
    if (required && !notEmpty) {
      problems.add(code + " is required (@NotBlank/@NotEmpty/@NotNull), but the field lacks constraints.notEmpty: true");
    }
    if (!required && notEmpty) {
      problems.add(code + " is optional (no @NotBlank/@NotEmpty/@NotNull), but the field has constraints.notEmpty: true");
    }

    Optional<Size> size = annotation(record, component, Size.class);
    compareLength(problems, code, "max", size.map(Size::max).filter(m -> m != Integer.MAX_VALUE).orElse(null),
        constraints.path("maxLength"));
    compareLength(problems, code, "min", size.map(Size::min).filter(m -> m > 0).orElse(null),
        constraints.path("minLength"));

    Optional<String> regex = annotation(record, component, jakarta.validation.constraints.Pattern.class)
        .map(jakarta.validation.constraints.Pattern::regexp);
    Optional<List<String>> values = acceptedValues(component, regex);
    boolean dropdown = property.path("type").asText().equals("Dropdown");
    if (values.isPresent()) {
      problems.addAll(choiceProblems(code + " accepts", values.get(), property));
    } else if (dropdown) {
      problems.add(code + " accepts any value" + regex.map(r -> " matching " + r).orElse("")
          + ", but the field is a Dropdown offering only " + ElementTemplates.choiceValues(property));
    } else {
      comparePattern(problems, code, regex, required, property);
    }
    return problems;
  }

  /** The values a component accepts, when they are a fixed set. */
  private static Optional<List<String>> acceptedValues(RecordComponent component, Optional<String> regex) {
    if (component.getType() == Boolean.class || component.getType() == boolean.class) {
      return Optional.of(List.of("true", "false"));
    }
    return regex.filter(r -> WORDS.matcher(r).matches()).map(r -> List.of(r.split("\\|")));
  }

  /**
   * The field must be a Dropdown offering exactly the values the code accepts.
   *
   * @param accepts who accepts them, as the start of a sentence: {@code SmsMessage.x accepts}, {@code ReentryRule has}
   */
  static List<String> choiceProblems(String accepts, List<String> values, JsonNode property) {
    if (!property.path("type").asText().equals("Dropdown")) {
      return List.of(accepts + " only " + values + ", but the field is a " + property.path("type").asText("String")
          + ": make it a Dropdown offering them");
    }
    List<String> problems = new ArrayList<>();
    List<String> choices = ElementTemplates.choiceValues(property);
    if (choices.size() != values.size() || !new HashSet<>(choices).equals(new HashSet<>(values))) {
      problems.add(accepts + " " + values + ", but the Dropdown offers " + choices);
    }
    if (property.has("value") && !values.contains(property.path("value").asText())) {
      problems.add(accepts + " " + values + ", but the Dropdown's default is '" + property.path("value").asText() + "'");
    }
    return problems;
  }

  private static void comparePattern(List<String> problems, String code, Optional<String> regex, boolean required,
      JsonNode property) {
    JsonNode pattern = property.path("constraints").path("pattern");
    String actual = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText(null);
    String defaultValue = property.path("value").asText("");
    Optional<String> expected = regex.filter(r -> !defaultValue.contains("${"))
        .flatMap(r -> FormPattern.of(r, required));
    if (expected.isPresent() && !expected.get().equals(actual)) {
      problems.add(code + " has @Pattern(regexp = \"" + regex.get() + "\"), so the field's constraints.pattern must be "
          + expected.get() + (actual == null ? ", but it has none" : ", but it is " + actual));
    } else if (expected.isEmpty() && actual != null) {
      problems.add("the field has constraints.pattern " + actual + ", but " + code + (regex.isEmpty()
          ? " has no @Pattern"
          : defaultValue.contains("${")
              ? "'s @Pattern cannot be checked on the field's default " + defaultValue + ", an expression"
              : "'s @Pattern(regexp = \"" + regex.get() + "\") is not a JavaScript regex the form can check"));
    }
  }

  private static void compareLength(List<String> problems, String code, String which, Integer expected,
      JsonNode actual) {
    String key = "constraints." + which + "Length";
    if (expected == null && !actual.isMissingNode()) {
      problems.add(code + " has no @Size(" + which + "), but the field has " + key + ": " + actual);
    } else if (expected != null && actual.isMissingNode()) {
      problems.add(code + " has @Size(" + which + " = " + expected + "), but the field lacks " + key);
    } else if (expected != null && (!actual.isIntegralNumber() || actual.asInt() != expected)) {
      problems.add(code + " has @Size(" + which + " = " + expected + "), but the field has " + key + ": " + actual);
    }
  }

  /**
   * A constraint annotation on a record component. Bean Validation annotations are not applicable to record
   * components, so javac propagates them to the field, the accessor, the constructor parameter and (TYPE_USE) the type.
   */
  private static <A extends Annotation> Optional<A> annotation(Class<?> record, RecordComponent component,
      Class<A> type) {
    Stream<A> onField;
    try {
      onField = Stream.ofNullable(record.getDeclaredField(component.getName()).getAnnotation(type));
    } catch (NoSuchFieldException e) {
      onField = Stream.empty();
    }
    return Stream.of(
            Stream.ofNullable(component.getAnnotation(type)),
            Stream.ofNullable(component.getAccessor().getAnnotation(type)),
            onField,
            Stream.ofNullable(component.getAnnotatedType().getAnnotation(type)))
        .flatMap(s -> s)
        .findFirst();
  }
}
