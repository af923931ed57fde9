package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.webhook.WebhookConnector;
import io.touchpoint.delivery.Channel;
import io.touchpoint.template.ElementTemplates.TemplateFile;
import io.touchpoint.testapp.JourneyTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The element templates are written by hand (their labels, descriptions and groups are product copy) and checked
 * here, field by field, against the code they feed ({@link TemplateCodeCheck}): the connectors' input records, the
 * channels and their statuses, the journey's rules and outcomes, the beans the delegate expressions name. The newest
 * version of every template is checked; older versions under {@code versioned/} are frozen
 * ({@link ElementTemplateVersionsTest}) and must still deploy ({@link TemplatesAppliedInTheModelerDeployTest}).
 * The truth comes from the running plugin: a channel connector installed without a template fails here.
 */
class ElementTemplatesMatchTheCodeTest extends JourneyTest {

  @Autowired
  List<ChannelConnector<?>> connectors;
  @Autowired
  ApplicationContext context;

  TemplateCodeCheck check;

  @BeforeEach
  void theCode() {
    Map<Channel, Class<? extends Record>> inputs = connectors.stream()
        .collect(Collectors.toMap(ChannelConnector::channel, ChannelConnector::inputType));
    check = new TemplateCodeCheck(inputs);
  }

  static List<TemplateFile> newestTemplates() {
    return ElementTemplates.newest();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("newestTemplates")
  void templateMatchesTheCode(TemplateFile template) {
    assertThat(check.problems(template.fileName(), template.json())).isEmpty();
  }

  @Test
  void everyInstalledChannelHasATaskTemplateAndAStatusTemplate() {
    List<JsonNode> templates = ElementTemplates.json(newestTemplates());
    for (ChannelConnector<?> connector : connectors) {
      Channel channel = connector.channel();
      assertThat(templates).as("channel task templates sending on " + channel)
          .filteredOn(template -> TemplateCodeCheck.channelOf(template).equals(Optional.of(channel)))
          .hasSize(1);
      if (channel.reportsStatuses()) {
        assertThat(templates).as("status template of " + channel).extracting(template -> template.path("id").asText())
            .containsOnlyOnce(channel.statusTemplateId());
      }
    }
  }

  @Test
  void webhookTemplateNamesEveryErrorCodeTheTaskRaises() {
    assertThat(ElementTemplates.template("touchpoint-webhook.json").path("description").asText())
        .contains(WebhookConnector.WEBHOOK_4XX, WebhookConnector.WEBHOOK_5XX, WebhookConnector.WEBHOOK_TIMEOUT,
            WebhookConnector.WEBHOOK_UNREACHABLE, WebhookConnector.WEBHOOK_FORBIDDEN_TARGET);
  }

  // The check must be able to fail: templates drifted from the code, changed in memory.

  static Stream<Arguments> drifts() {
    return Stream.of(
        drift("SMS without its text field", "touchpoint-sms.json", t -> remove(t, "text"),
            ": SmsMessage.text has no camunda:inputParameter named 'text'"),
        drift("SMS with an input the record lacks", "touchpoint-sms.json", t -> properties(t).addObject()
                .put("type", "String").putObject("binding").put("type", "camunda:inputParameter").put("name", "from"),
            " binds camunda:inputParameter 'from', but SmsMessage has no component of that name"),
        drift("SMS binding its text twice", "touchpoint-sms.json", t -> properties(t).add(field(t, "text").deepCopy()),
            " binds camunda:inputParameter 'text' twice"),
        drift("SMS recipient optional", "touchpoint-sms.json", t -> constraints(t, "to").remove("notEmpty"),
            " input 'to': SmsMessage.to is required (@NotBlank/@NotEmpty/@NotNull), but the field lacks "
                + "constraints.notEmpty: true"),
        drift("SMS text limited to 160", "touchpoint-sms.json", t -> constraints(t, "text").put("maxLength", 160),
            " input 'text': SmsMessage.text has @Size(max = 1600), but the field has constraints.maxLength: 160"),
        drift("SMS text unlimited", "touchpoint-sms.json", t -> constraints(t, "text").remove("maxLength"),
            " input 'text': SmsMessage.text has @Size(max = 1600), but the field lacks constraints.maxLength"),
        drift("SMS recipient limited", "touchpoint-sms.json", t -> constraints(t, "to").put("maxLength", 16),
            " input 'to': SmsMessage.to has no @Size(max), but the field has constraints.maxLength: 16"),
        drift("SMS recipient checked although its default is ${phone}", "touchpoint-sms.json",
            t -> constraints(t, "to").put("pattern", "^\\+\\d+$"),
            " input 'to': the field has constraints.pattern ^\\+\\d+$, but SmsMessage.to's @Pattern cannot be checked "
                + "on the field's default ${phone}, an expression"),
        drift("push link accepting http", "touchpoint-push.json",
            t -> constraints(t, "link").putObject("pattern").put("value", "^(https?://\\S+)?$"),
            " input 'link': PushMessage.link has @Pattern(regexp = \"https://\\S+\"), so the field's constraints.pattern "
                + "must be ^(https://\\S+)?$, but it is ^(https?://\\S+)?$"),
        drift("push priority offering low", "touchpoint-push.json",
            t -> ((ArrayNode) field(t, "priority").path("choices")).addObject().put("name", "Low").put("value", "low"),
            " input 'priority': PushMessage.priority accepts [high, normal], but the Dropdown offers [high, normal, low]"),
        drift("RCS fallback typed in", "touchpoint-rcs.json", t -> field(t, "smsFallback").put("type", "String"),
            " input 'smsFallback': RcsMessage.smsFallback accepts only [true, false], but the field is a String: make "
                + "it a Dropdown offering them"),
        drift("webhook body as a dropdown", "touchpoint-webhook.json", t -> field(t, "body").put("type", "Dropdown")
                .putArray("choices").addObject().put("name", "Empty").put("value", "{}"),
            " input 'body': WebhookRequest.body accepts any value, but the field is a Dropdown offering only [{}]"),
        drift("SMS sending by fax", "touchpoint-sms.json", t -> field(t, "touchpoint.channel").put("value", "fax"),
            " field touchpoint.channel is 'fax', but the installed channels are [email, push, rcs, sms, webhook, whatsapp]"),
        drift("SMS channel editable", "touchpoint-sms.json", t -> field(t, "touchpoint.channel").put("type", "String"),
            " field touchpoint.channel must be Hidden with value sms (the channel is the template's, not the analyst's "
                + "choice), but it is String with \"sms\""),
        drift("SMS calling another bean", "touchpoint-sms.json",
            t -> field(t, "camunda:delegateExpression").put("value", "${touchpointJdbc}"),
            " field camunda:delegateExpression: '${touchpointJdbc}' names no Touchpoint task (the channel task's "
                + "${touchpointChannelTask} or the webhook's ${touchpointWebhook})"),
        drift("webhook run in the caller's transaction", "touchpoint-webhook.json",
            t -> field(t, "camunda:asyncBefore").put("value", false),
            " field camunda:asyncBefore must be Hidden with value true (Touchpoint tasks run as their own job, so a "
                + "retry never repeats what the task before did), but it is Hidden with false"),
        drift("email retries loosely checked", "touchpoint-email.json",
            t -> constraints(t, "touchpoint.retryCycle").putObject("pattern").put("value", "^R\\d+/P.+$"),
            " field touchpoint.retryCycle: the engine plugin accepts retries matching "
                + "R\\d+/P(?:\\d+[YMWD])*(?:T(?:\\d+(?:\\.\\d+)?[HMS])+)?, so constraints.pattern must be "
                + "^(R\\d+/P(?:\\d+[YMWD])*(?:T(?:\\d+(?:\\.\\d+)?[HMS])+)?)$, but it is ^R\\d+/P.+$"),
        drift("SMS status offering read", "touchpoint-sms-status.json",
            t -> ((ArrayNode) field(t, "touchpoint.status").path("choices")).addObject().put("name", "Read")
                .put("value", "read"),
            " field touchpoint.status: Channel.SMS reports [sent, delivered, replied, failed, suppressed], but the "
                + "Dropdown offers [sent, delivered, failed, replied, suppressed, read]"),
        drift("start without once", "touchpoint-start.json",
            t -> ((ArrayNode) field(t, "touchpoint.reentry").path("choices")).remove(2),
            " field touchpoint.reentry: ReentryRule has [not-while-active, always, once], but the Dropdown offers "
                + "[not-while-active, always]"),
        drift("end defaulting to an unknown outcome", "touchpoint-end.json",
            t -> field(t, "touchpoint.outcome").put("value", "won"),
            " field touchpoint.outcome: JourneyOutcome has [completed, goal, drop-off], but the Dropdown's default is "
                + "'won'"),
        drift("business event of any length", "touchpoint-business-event.json",
            t -> constraints(t, "touchpoint.awaitEvent").remove("maxLength"),
            " field touchpoint.awaitEvent: JourneyEvent.name has @Size(max = 100), but the field lacks "
                + "constraints.maxLength"),
        drift("end writing a property nothing reads", "touchpoint-end.json", t -> properties(t).addObject()
                .put("type", "Hidden").put("value", "x").putObject("binding").put("type", "camunda:property")
                .put("name", "touchpoint.colour"),
            " binds camunda:property 'touchpoint.colour', which no Touchpoint code reads"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drifts")
  void driftIsCaughtNamingTemplateFieldAndCode(String fileName, Consumer<ObjectNode> change, String expected) {
    ObjectNode template = ElementTemplates.template(fileName).deepCopy();
    change.accept(template);
    String at = fileName + " (" + template.path("id").asText() + " version " + template.path("version").asText() + ")";

    assertThat(check.problems(fileName, template)).contains(at + expected);
  }

  private static Arguments drift(String what, String fileName, Consumer<ObjectNode> change, String expected) {
    return Arguments.of(Named.of(what, fileName), change, expected);
  }

  private static ArrayNode properties(ObjectNode template) {
    return (ArrayNode) template.path("properties");
  }

  /** The template's property bound under this name. */
  private static ObjectNode field(ObjectNode template, String bindingName) {
    for (JsonNode property : template.path("properties")) {
      if (property.path("binding").path("name").asText().equals(bindingName)) {
        return (ObjectNode) property;
      }
    }
    throw new IllegalArgumentException("no field " + bindingName);
  }

  private static ObjectNode constraints(ObjectNode template, String bindingName) {
    return field(template, bindingName).withObjectProperty("constraints");
  }

  private static void remove(ObjectNode template, String bindingName) {
    ArrayNode properties = properties(template);
    JsonNode field = field(template, bindingName);
    for (int i = 0; i < properties.size(); i++) {
      if (properties.get(i) == field) {
        properties.remove(i);
        return;
      }
    }
  }
}
