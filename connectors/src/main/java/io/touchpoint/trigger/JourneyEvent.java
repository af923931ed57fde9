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
 * <p>Limits: the name names a message the contact's journeys wait on ({@code touchpoint:event:<name>:<contact id>},
 * in Camunda's 255-character subscription column), so it is at most {@value #MAX_NAME_LENGTH} characters and the
 * contact id at most {@value Contact#MAX_ID_LENGTH}; {@code data} holds at most {@value #MAX_DATA_ENTRIES} entries,
 * each becoming a process variable (names of at most {@value #MAX_DATA_KEY_LENGTH} characters, outside Touchpoint's
 * own {@code touchpoint.} names; values as {@link VariableValue} says).
 *
 * @param id   the sender's id for the event; the same id again changes nothing
 * @param data free-form details that become process variables (e.g. {@code cartUrl})
 */
public record JourneyEvent(
    @NotBlank @Size(max = MAX_NAME_LENGTH) @Pattern(regexp = NAME_PATTERN, message = "must be letters, digits and . _ : - such as cart.abandoned") String name,
    @Size(max = 200) String id,
    @NotNull @Valid Contact contact,
    @Size(max = MAX_DATA_ENTRIES) Map<
        @NotBlank @Size(max = MAX_DATA_KEY_LENGTH) @Pattern(regexp = "(?!touchpoint\\.)[^\\p{Cntrl}]*", message = "must not start with 'touchpoint.' nor hold control characters") String,
        @VariableValue Object> data) {

  /** What an event name looks like, here and in a journey's start and business event catches. */
  public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]*";
  public static final int MAX_NAME_LENGTH = 100;
  public static final int MAX_DATA_ENTRIES = 100;
  public static final int MAX_DATA_KEY_LENGTH = 255;

  /**
   * Contact fields and data entries as process variables of the same names ({@code contactId} for the id). An absent
   * field sets no variable; a journey's expressions still read an absent address ({@code ${phone}}) as null, so the
   * send is skipped with a reason instead of failing on an unknown variable.
   */
  public Map<String, Object> variables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    if (data != null) {
      variables.putAll(data);
    }
    variables.put("contactId", contact.id());
    putIfPresent(variables, "phone", contact.phone());
    putIfPresent(variables, "whatsapp", contact.whatsapp());
    putIfPresent(variables, "email", contact.email());
    putIfPresent(variables, "pushToken", contact.pushToken());
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
