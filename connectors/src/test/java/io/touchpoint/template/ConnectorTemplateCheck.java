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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks that a channel's element template offers exactly the inputs of the connector's typed input record, with the
 * same constraints, so the Modeler form and the connector cannot drift apart. Reused by every channel.
 *
 * <ul>
 *   <li>every record component has exactly one {@code camunda:inputParameter} binding of the same name, and the
 *       template binds no input parameter that is not a component;</li>
 *   <li>{@code @NotBlank} / {@code @NotEmpty} / {@code @NotNull} on the component ⇔ {@code constraints.notEmpty: true};</li>
 *   <li>{@code @Size(max = N)} ⇔ {@code constraints.maxLength: N}; {@code @Size(min = M > 0)} ⇔
 *       {@code constraints.minLength: M}.</li>
 * </ul>
 * {@code @Pattern} is not compared: the form value is usually an expression (e.g. {@code ${phone}}) that only the
 * resolved value can match.
 */
public final class ConnectorTemplateCheck {

  private ConnectorTemplateCheck() {
  }

  /**
   * @param input        the connector's typed input
   * @param templateFile a file name under {@code element-templates/}, e.g. {@code touchpoint-sms.json}
   */
  public static void assertMatches(Class<? extends Record> input, String templateFile) {
    assertMatches(input, ElementTemplates.template(templateFile), templateFile);
  }

  /** Same check for a template read from anywhere (tests use it on deliberately drifted templates). */
  public static void assertMatches(Class<? extends Record> input, JsonNode template, String name) {
    List<String> problems = problems(input, template);
    if (!problems.isEmpty()) {
      throw new AssertionError("Element template " + name + " does not match " + input.getName() + ":\n  - "
          + String.join("\n  - ", problems));
    }
  }

  /** Every mismatch between the record and the template, as sentences; empty when they match. */
  public static List<String> problems(Class<? extends Record> input, JsonNode template) {
    List<String> problems = new ArrayList<>();
    String recordName = input.getSimpleName();

    Map<String, List<JsonNode>> inputs = new LinkedHashMap<>();
    for (JsonNode property : ElementTemplates.propertiesBoundAs(template, "camunda:inputParameter")) {
      inputs.computeIfAbsent(property.path("binding").path("name").asText(), n -> new ArrayList<>()).add(property);
    }

    RecordComponent[] components = input.getRecordComponents();
    for (RecordComponent component : components) {
      String name = component.getName();
      List<JsonNode> bound = inputs.getOrDefault(name, List.of());
      if (bound.isEmpty()) {
        problems.add(recordName + "." + name + " has no camunda:inputParameter named '" + name + "' in the template");
        continue;
      }
      if (bound.size() > 1) {
        problems.add("the template binds camunda:inputParameter '" + name + "' " + bound.size() + " times");
      }
      JsonNode property = bound.get(0);
      JsonNode constraints = property.path("constraints");

      boolean required = annotation(input, component, NotBlank.class).isPresent()
          || annotation(input, component, NotEmpty.class).isPresent()
          || annotation(input, component, NotNull.class).isPresent();
      boolean notEmpty = constraints.path("notEmpty").asBoolean(false);
      if (required && !notEmpty) {
        problems.add(recordName + "." + name + " is required (@NotBlank/@NotEmpty/@NotNull) but input '" + name
            + "' lacks constraints.notEmpty: true");
      }
      if (!required && notEmpty) {
        problems.add("input '" + name + "' has constraints.notEmpty: true but " + recordName + "." + name
            + " is optional (no @NotBlank/@NotEmpty/@NotNull)");
      }

      Optional<Size> size = annotation(input, component, Size.class);
      Integer max = size.map(Size::max).filter(m -> m != Integer.MAX_VALUE).orElse(null);
      Integer min = size.map(Size::min).filter(m -> m > 0).orElse(null);
      compareLength(problems, recordName, name, "max", max, constraints.path("maxLength"));
      compareLength(problems, recordName, name, "min", min, constraints.path("minLength"));
    }

    List<String> componentNames = Arrays.stream(components).map(RecordComponent::getName).toList();
    for (String bound : inputs.keySet()) {
      if (!componentNames.contains(bound)) {
        problems.add("the template binds camunda:inputParameter '" + bound + "' but " + recordName
            + " has no component of that name");
      }
    }
    return problems;
  }

  private static void compareLength(List<String> problems, String recordName, String name, String which,
      Integer expected, JsonNode actual) {
    String key = which + "Length";
    if (expected == null && !actual.isMissingNode()) {
      problems.add("input '" + name + "' has constraints." + key + ": " + actual + " but " + recordName + "." + name
          + " has no @Size(" + which + ")");
    } else if (expected != null && actual.isMissingNode()) {
      problems.add(recordName + "." + name + " has @Size(" + which + " = " + expected + ") but input '" + name
          + "' lacks constraints." + key);
    } else if (expected != null && (!actual.isNumber() || actual.asInt() != expected || actual.asDouble() != expected)) {
      problems.add(recordName + "." + name + " has @Size(" + which + " = " + expected + ") but input '" + name
          + "' has constraints." + key + ": " + actual);
    }
  }

  /**
   * A constraint annotation on a record component. Bean Validation annotations are not applicable to record
   * components, so javac propagates them to the field, the accessor, the constructor parameter and (TYPE_USE) the type.
   */
  private static <A extends Annotation> Optional<A> annotation(Class<?> record, RecordComponent component, Class<A> type) {
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
