package io.touchpoint.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpoint.channel.webhook.WebhookRequest;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.experiment.ExperimentSplit;
import io.touchpoint.experiment.VariantWeights;
import io.touchpoint.governor.MessageType;
import io.touchpoint.journey.JourneyOutcome;
import io.touchpoint.journey.ReentryRule;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.trigger.JourneyEvent;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an element template, binding by binding, against the code that reads what it binds; one direction, the code
 * decides. Every binding must be one Touchpoint reads:
 * <ul>
 *   <li>{@code camunda:delegateExpression}: Hidden, {@link TouchpointElements#CHANNEL_TASK_DELEGATE} or {@link TouchpointElements#WEBHOOK_DELEGATE}; such a
 *       task template also binds {@code camunda:asyncBefore} (Hidden, true) and the "Retries" field
 *       ({@value TouchpointElements#RETRY_CYCLE}, whose pattern is the engine plugin's
 *       {@link TouchpointElements#RETRY_CYCLE_FORMAT}; required: the form always writes one);</li>
 *   <li>a channel task binds {@value TouchpointElements#CHANNEL} (Hidden, the wire name of an installed channel) and
 *       every component of that channel connector's input record as a {@code camunda:inputParameter} of the same
 *       name, and no other, each field as {@link RecordFieldCheck} says; a webhook task the same with
 *       {@link WebhookRequest};</li>
 *   <li>{@value TouchpointElements#STATUS}: a Dropdown of the statuses the channel of template
 *       {@code io.touchpoint.status.<channel>} reports ({@link Channel#reportableStatuses()});</li>
 *   <li>{@value TouchpointElements#START_EVENT} and {@value TouchpointElements#AWAIT_EVENT}: the field of
 *       {@link JourneyEvent#name()}, the names the event API accepts;</li>
 *   <li>{@value TouchpointElements#REENTRY}: a Dropdown of {@link ReentryRule}; {@value TouchpointElements#OUTCOME}: a
 *       Dropdown of {@link JourneyOutcome}; {@value TouchpointElements#SHADOW}: a Dropdown of
 *       {@link TouchpointElements#SHADOW_CHOICES};</li>
 *   <li>the experiment fields ({@value TouchpointElements#EXPERIMENT}, {@value TouchpointElements#VARIANT_WEIGHTS},
 *       {@value TouchpointElements#CONVERSION_WINDOW}, {@value TouchpointElements#HOLDOUT}): the pattern of what the
 *       engine plugin accepts ({@link ExperimentSplit}, {@link VariantWeights}).</li>
 * </ul>
 */
final class TemplateCodeCheck {

  private static final String DELEGATE = "camunda:delegateExpression";
  private static final String ASYNC_BEFORE = "camunda:asyncBefore";
  private static final String INPUT = "camunda:inputParameter";

  private final Map<Channel, Class<? extends Record>> channelInputs;

  /**
   * @param channelInputs the input record of every installed channel connector
   */
  TemplateCodeCheck(Map<Channel, Class<? extends Record>> channelInputs) {
    this.channelInputs = Map.copyOf(channelInputs);
  }

  /** The installed channel a channel task template sends on, if it is one. */
  static Optional<Channel> channelOf(JsonNode template) {
    boolean webhook = ElementTemplates.propertiesBoundAs(template, "property").stream()
        .anyMatch(p -> p.path("binding").path("name").asText().equals("camunda:delegateExpression")
            && p.path("value").asText().equals(TouchpointElements.WEBHOOK_DELEGATE));
    if (webhook) {
      return Optional.of(Channel.WEBHOOK);
    }
    return ElementTemplates.propertiesBoundAs(template, "camunda:property").stream()
        .filter(p -> p.path("binding").path("name").asText().equals(TouchpointElements.CHANNEL))
        .findFirst()
        .flatMap(p -> Channel.fromWireName(p.path("value").asText()));
  }

  /** Every mismatch, each a sentence naming the template, the field and what the code says; empty when none. */
  List<String> problems(String fileName, JsonNode template) {
    String at = fileName + " (" + template.path("id").asText() + " version " + template.path("version").asText() + ")";
    List<String> problems = new ArrayList<>();
    Map<String, JsonNode> inputs = new LinkedHashMap<>();
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (JsonNode property : template.path("properties")) {
      JsonNode binding = property.path("binding");
      String key = binding.path("type").asText() + " '" + binding.path("name").asText() + "'";
      if (binding.path("type").asText().equals(INPUT)) {
        if (inputs.put(binding.path("name").asText(), property) != null) {
          problems.add(at + " binds " + key + " twice");
        }
      } else if (fields.put(key, property) != null) {
        problems.add(at + " binds " + key + " twice");
      }
    }

    TaskKind task = taskType(at, fields.remove("property '" + DELEGATE + "'"), problems);
    Optional<Channel> channel = Optional.empty();
    if (task != null) {
      requireHidden(problems, at, fields.remove("property '" + ASYNC_BEFORE + "'"), ASYNC_BEFORE, "true",
          "Touchpoint tasks run as their own job, so a retry never repeats what the task before did");
      checkRetryCycle(problems, at, fields.remove("camunda:property '" + TouchpointElements.RETRY_CYCLE + "'"));
    }
    if (task == TaskKind.CHANNEL) {
      channel = checkChannel(problems, at, fields.remove("camunda:property '" + TouchpointElements.CHANNEL + "'"));
    }
    Class<? extends Record> input = task == TaskKind.WEBHOOK ? WebhookRequest.class
        : channel.map(channelInputs::get).orElse(null);
    if (input != null) {
      checkInputs(problems, at, input, inputs);
    } else if (!inputs.isEmpty() && task == null) {
      problems.add(at + " binds input parameters " + inputs.keySet() + ", but no Touchpoint task reads them: give it "
          + "the channel task's or the webhook task's delegate expression");
    }

    fields.forEach((key, property) -> checkProperty(problems, at, template, key, property));
    return problems;
  }

  /** The Touchpoint tasks a template can make. */
  private enum TaskKind { CHANNEL, WEBHOOK }

  /** The Touchpoint task the delegate expression names, or null (not a task template). */
  private TaskKind taskType(String at, JsonNode delegate, List<String> problems) {
    if (delegate == null) {
      return null;
    }
    String expression = delegate.path("value").asText();
    TaskKind kind = TouchpointElements.CHANNEL_TASK_DELEGATE.equals(expression) ? TaskKind.CHANNEL
        : TouchpointElements.WEBHOOK_DELEGATE.equals(expression) ? TaskKind.WEBHOOK : null;
    if (kind == null) {
      problems.add(at + " field " + DELEGATE + ": '" + expression + "' names no Touchpoint task (the channel task's "
          + TouchpointElements.CHANNEL_TASK_DELEGATE + " or the webhook's " + TouchpointElements.WEBHOOK_DELEGATE + ")");
      return null;
    }
    requireHidden(problems, at, delegate, DELEGATE, expression, "the analyst must not change which code runs");
    return kind;
  }

  private static void requireHidden(List<String> problems, String at, JsonNode property, String name, String value,
      String why) {
    if (property == null) {
      problems.add(at + " lacks the Hidden field " + name + " = " + value + ": " + why);
    } else if (!property.path("type").asText().equals("Hidden") || !property.path("value").asText().equals(value)) {
      problems.add(at + " field " + name + " must be Hidden with value " + value + " (" + why + "), but it is "
          + property.path("type").asText() + " with " + property.path("value"));
    }
  }

  private static void checkRetryCycle(List<String> problems, String at, JsonNode property) {
    String field = at + " field " + TouchpointElements.RETRY_CYCLE;
    if (property == null) {
      problems.add(at + " lacks the field " + TouchpointElements.RETRY_CYCLE + " (Retries), which every Touchpoint "
          + "task template offers");
      return;
    }
    String expected = FormPattern.of(TouchpointElements.RETRY_CYCLE_FORMAT, true).orElseThrow();
    JsonNode pattern = property.path("constraints").path("pattern");
    String actual = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText(null);
    if (!expected.equals(actual)) {
      problems.add(field + ": the engine plugin accepts retries matching " + TouchpointElements.RETRY_CYCLE_FORMAT
          + ", so constraints.pattern must be " + expected + (actual == null ? ", but it has none" : ", but it is " + actual));
    }
    if (!property.path("constraints").path("notEmpty").asBoolean(false)) {
      problems.add(field + " lacks constraints.notEmpty: true (the form always writes a retry cycle)");
    }
  }

  private Optional<Channel> checkChannel(List<String> problems, String at, JsonNode property) {
    String installed = channelInputs.keySet().stream().map(Channel::wireName).sorted().toList().toString();
    if (property == null) {
      problems.add(at + " calls the channel task but lacks the Hidden field " + TouchpointElements.CHANNEL
          + " (one of " + installed + ")");
      return Optional.empty();
    }
    String value = property.path("value").asText();
    Optional<Channel> channel = Channel.fromWireName(value).filter(channelInputs::containsKey);
    if (channel.isEmpty()) {
      problems.add(at + " field " + TouchpointElements.CHANNEL + " is '" + value + "', but the installed channels are "
          + installed);
    } else {
      requireHidden(problems, at, property, TouchpointElements.CHANNEL, value, "the channel is the template's, not the "
          + "analyst's choice");
    }
    return channel;
  }

  private static void checkInputs(List<String> problems, String at, Class<? extends Record> input,
      Map<String, JsonNode> inputs) {
    RecordComponent[] components = input.getRecordComponents();
    for (RecordComponent component : components) {
      JsonNode property = inputs.get(component.getName());
      if (property == null) {
        problems.add(at + ": " + input.getSimpleName() + "." + component.getName() + " has no " + INPUT + " named '"
            + component.getName() + "'");
      } else {
        RecordFieldCheck.problems(property, input, component)
            .forEach(problem -> problems.add(at + " input '" + component.getName() + "': " + problem));
      }
    }
    List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
    inputs.keySet().stream().filter(name -> !names.contains(name)).forEach(name -> problems.add(at + " binds " + INPUT
        + " '" + name + "', but " + input.getSimpleName() + " has no component of that name"));
  }

  /** The form's pattern is the code's regex ({@link FormPattern}); a required field is also notEmpty. */
  private static void checkPattern(List<String> problems, String field, JsonNode property, String codeName,
      String codeRegex, boolean required) {
    String expected = FormPattern.of(codeRegex, required).orElseThrow();
    JsonNode pattern = property.path("constraints").path("pattern");
    String actual = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText(null);
    if (!expected.equals(actual)) {
      problems.add(field + "the engine plugin accepts " + codeName + " = " + codeRegex + ", so constraints.pattern "
          + "must be " + expected + (actual == null ? ", but it has none" : ", but it is " + actual));
    }
    if (required != property.path("constraints").path("notEmpty").asBoolean(false)) {
      problems.add(field + (required ? "lacks constraints.notEmpty: true (the engine plugin requires a value)"
          : "has constraints.notEmpty, but the field may stay empty"));
    }
  }

  private static void checkProperty(List<String> problems, String at, JsonNode template, String key,
      JsonNode property) {
    String name = property.path("binding").path("name").asText();
    String field = at + " field " + name + ": ";
    if (!key.startsWith("camunda:property ")) {
      problems.add(at + " binds " + key + ", which no Touchpoint code reads");
      return;
    }
    switch (name) {
      case TouchpointElements.STATUS -> {
        String id = template.path("id").asText();
        Optional<Channel> channel = Arrays.stream(Channel.values()).filter(Channel::reportsStatuses)
            .filter(candidate -> candidate.statusTemplateId().equals(id)).findFirst();
        if (channel.isEmpty()) {
          problems.add(field + "a status template's id must be one of "
              + Arrays.stream(Channel.values()).filter(Channel::reportsStatuses).map(Channel::statusTemplateId).toList());
        } else {
          List<String> statuses = channel.get().reportableStatuses().stream().map(DeliveryStatus::wireName).toList();
          RecordFieldCheck.choiceProblems("Channel." + channel.get().name() + " reports", statuses, property)
              .forEach(problem -> problems.add(field + problem));
        }
      }
      case TouchpointElements.START_EVENT, TouchpointElements.AWAIT_EVENT -> RecordFieldCheck.problems(property,
              JourneyEvent.class, RecordFieldCheck.component(JourneyEvent.class, "name"))
          .forEach(problem -> problems.add(field + problem));
      case TouchpointElements.REENTRY -> RecordFieldCheck.choiceProblems("ReentryRule has",
              Arrays.stream(ReentryRule.values()).map(ReentryRule::wireName).toList(), property)
          .forEach(problem -> problems.add(field + problem));
      case TouchpointElements.MESSAGE_TYPE -> RecordFieldCheck.choiceProblems("MessageType has",
              Arrays.stream(MessageType.values()).map(MessageType::wireName).toList(), property)
          .forEach(problem -> problems.add(field + problem));
      case TouchpointElements.HOLD_AT_MOST -> checkHoldAtMost(problems, field, property);
      case TouchpointElements.SHADOW -> RecordFieldCheck.choiceProblems("TouchpointElements.SHADOW_CHOICES has",
              TouchpointElements.SHADOW_CHOICES, property)
          .forEach(problem -> problems.add(field + problem));
      case TouchpointElements.OUTCOME -> RecordFieldCheck.choiceProblems("JourneyOutcome has",
              JourneyOutcome.wireNames(), property)
          .forEach(problem -> problems.add(field + problem));
      case TouchpointElements.EXPERIMENT -> checkPattern(problems, field, property, "ExperimentSplit.KEY_FORMAT",
          ExperimentSplit.KEY_FORMAT, true);
      case TouchpointElements.VARIANT_WEIGHTS -> checkPattern(problems, field, property, "VariantWeights.FORMAT",
          VariantWeights.FORMAT, true);
      case TouchpointElements.CONVERSION_WINDOW -> checkPattern(problems, field, property,
          "ExperimentSplit.WINDOW_FORMAT", ExperimentSplit.WINDOW_FORMAT, true);
      case TouchpointElements.HOLDOUT -> checkPattern(problems, field, property, "ExperimentSplit.HOLDOUT_FORMAT",
          ExperimentSplit.HOLDOUT_FORMAT, false);
      default -> problems.add(at + " binds " + key + ", which no Touchpoint code reads"
          + (name.equals(TouchpointElements.CHANNEL) || name.equals(TouchpointElements.RETRY_CYCLE)
              ? " outside a channel or webhook task" : ""));
    }
  }

  /** The default must be a duration the engine plugin reads, and the form must not let through one it refuses. */
  private static void checkHoldAtMost(List<String> problems, String field, JsonNode property) {
    String value = property.path("value").asText();
    try {
      Duration.parse(value);
    } catch (DateTimeParseException notADuration) {
      problems.add(field + "the default '" + value + "' is not an ISO-8601 duration");
    }
    String pattern = property.path("constraints").path("pattern").path("value").asText(null);
    if (pattern == null) {
      problems.add(field + "has no pattern: the form would accept what the deployment refuses");
    } else if (!Pattern.compile(pattern).matcher(value).find()) {
      problems.add(field + "its own default '" + value + "' does not match its pattern");
    }
  }
}
