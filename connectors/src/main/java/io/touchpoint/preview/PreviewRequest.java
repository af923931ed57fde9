package io.touchpoint.preview;

import io.touchpoint.trigger.Contact;
import io.touchpoint.trigger.JourneyEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * {@code {"contact":{…},"data":{…},"to":"…"}}: the contact and event data a journey is rendered for, as the event
 * API takes them; {@code to} is the operator's own address or number for a test send.
 */
record PreviewRequest(@NotNull @Valid Contact contact,
    @Size(max = JourneyEvent.MAX_DATA_ENTRIES) Map<@NotBlank String, Object> data, @Size(max = 320) String to) {

  /** The journey's variables for that contact, as a started journey would have them. */
  Map<String, Object> variables() {
    return new JourneyEvent("preview", null, contact, data).variables();
  }
}
