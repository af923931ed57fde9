package io.touchpoint.trigger;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The person an event is about; its id is the business key of their journeys.
 *
 * @param whatsapp the contact's WhatsApp number when it differs from {@code phone}
 */
public record Contact(
    @NotBlank @Size(max = 255) String id,
    @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be a phone number in E.164 form, e.g. +15551234567") String phone,
    @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be a phone number in E.164 form, e.g. +15551234567") String whatsapp,
    @Email @Size(max = 320) String email,
    @Size(max = 4096) String pushToken,
    @Size(max = 200) String firstName,
    @Size(max = 200) String lastName,
    @Size(max = 35) String locale,
    @ValidTimezone String timezone) {
}
