package io.touchpoint.trigger;

import io.touchpoint.channel.push.DeviceTokens;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The person an event is about; its id is the business key of their journeys. Every field given becomes a process
 * variable; the limits keep each within what the engine and the ledger store.
 *
 * @param whatsapp  the contact's WhatsApp number when it differs from {@code phone}
 * @param pushToken the contact's device token, or several separated by commas (see {@link DeviceTokens})
 */
public record Contact(
    @NotBlank @Size(max = MAX_ID_LENGTH) String id,
    @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be a phone number in E.164 form, e.g. +15551234567") String phone,
    @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be a phone number in E.164 form, e.g. +15551234567") String whatsapp,
    @Email @Size(max = 320) String email,
    @Size(max = VariableValue.MAX_TEXT_LENGTH) @DeviceTokens String pushToken,
    @Size(max = 200) String firstName,
    @Size(max = 200) String lastName,
    @Size(max = 35) String locale,
    @ValidTimezone String timezone) {

  /** See {@link JourneyEvent}: the id is part of the message names its journeys wait on. */
  public static final int MAX_ID_LENGTH = 128;
}
