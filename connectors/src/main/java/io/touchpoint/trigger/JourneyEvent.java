package io.touchpoint.trigger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A business event (signup, cart abandoned, order placed) about one contact.
 *
 * @param id   the sender's id for the event; the same id again changes nothing
 * @param data free-form details that become process variables (e.g. {@code cartUrl})
 */
public record JourneyEvent(
    @NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*", message = "must be letters, digits and . _ : - such as cart.abandoned") String name,
    @Size(max = 200) String id,
    @NotNull @Valid Contact contact,
    Map<String, Object> data) {

  /**
   * Contact fields and data entries as process variables of the same names ({@code contactId} for
   * the id). The addresses a channel task's recipient field reads ({@code phone}, {@code whatsapp},
   * {@code email}, {@code pushToken}) are set even when absent, as null: {@code ${phone}} then still resolves and
   * the send is skipped with a reason instead of failing on an unknown variable.
   */
  public Map<String, Object> variables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    if (data != null) {
      variables.putAll(data);
    }
    variables.put("contactId", contact.id());
    variables.put("phone", contact.phone());
    variables.put("whatsapp", contact.whatsapp());
    variables.put("email", contact.email());
    variables.put("pushToken", contact.pushToken());
    putIfPresent(variables, "firstName", contact.firstName());
    putIfPresent(variables, "lastName", contact.lastName());
    putIfPresent(variables, "locale", contact.locale());
    putIfPresent(variables, "timezone", contact.timezone());
    return variables;
  }

  private static void putIfPresent(Map<String, Object> variables, String name, String value) {
    if (value != null) {
      variables.put(name, value);
    }
  }
}
