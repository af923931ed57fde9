package io.touchpoint.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.webhook.WebhookParts.ResponseField;
import io.touchpoint.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a webhook call leaves the journey, as process variables:
 * <ul>
 *   <li>{@code <prefix>Status} — the HTTP status (Integer), 0 when there was no answer;</li>
 *   <li>{@code <prefix>Headers} — the response headers as a JSON object string (lower-case names), with only the
 *       headers (in name order) that keep it within {@link #MAX_TEXT_CHARS};</li>
 *   <li>{@code <prefix>Body} — the response body, cut to {@link #MAX_TEXT_CHARS};</li>
 *   <li>{@code <prefix>Error} — the error code, null after a success;</li>
 *   <li>one variable per response field, read with a JSON Pointer from the JSON answer (strings, numbers and
 *       booleans as such, objects and arrays as JSON strings, null when absent; texts cut to {@link #MAX_TEXT_CHARS}).</li>
 * </ul>
 * Everything given here is already redacted of secrets.
 */
final class WebhookVariables {

  /** Camunda 7 keeps a String variable in a 4000-character column; a longer one would fail the journey for good. */
  static final int MAX_TEXT_CHARS = 4000;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookVariables.class);

  /** An answer as the journey may see it: secrets redacted. */
  record Answer(int status, Map<String, String> headers, String body) {
  }

  private final ObjectMapper mapper;

  WebhookVariables(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The variables of a call: its answer (null when there was none), the error code and the response fields. */
  Map<String, Object> of(String prefix, Answer answer, String error, List<ResponseField> fields) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(prefix + "Status", answer == null ? 0 : answer.status());
    variables.put(prefix + "Headers", answer == null ? "{}" : headersJson(answer.headers()));
    variables.put(prefix + "Body", cut(answer == null ? "" : answer.body()));
    variables.put(prefix + "Error", error);
    if (answer != null) {
      variables.putAll(responseFields(fields, answer.body()));
    }
    return variables;
  }

  private Map<String, Object> responseFields(List<ResponseField> fields, String body) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (fields.isEmpty()) {
      return values;
    }
    JsonNode json = null;
    if (body != null && !body.isBlank()) {
      try {
        json = mapper.readTree(body);
      } catch (JsonProcessingException notJson) {
        LOG.info(ErrorCode.WEBHOOK_004 + " the answer is not JSON; response fields are left empty");
      }
    }
    for (ResponseField field : fields) {
      values.put(field.variable(), json == null ? null : value(json.at(field.pointer())));
    }
    return values;
  }

  private static Object value(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return cut(node.textValue());
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isInt()) {
      return node.intValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return cut(node.toString());
  }

  private static String cut(String text) {
    return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
  }

  private String headersJson(Map<String, String> headers) {
    Map<String, String> fitting = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      fitting.put(name, value);
      if (json(fitting).length() > MAX_TEXT_CHARS) {
        fitting.remove(name);
      }
    });
    return json(fitting);
  }

  private String json(Map<String, String> headers) {
    try {
      return mapper.writeValueAsString(headers);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
