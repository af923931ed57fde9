package io.touchpoint.channel.sms;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Input of the SMS channel task, bound from the task's input parameters (the element template's
 * form fields). The element template is checked against this record in the test suite.
 *
 * @param to   recipient in E.164 form, usually {@code ${phone}}
 * @param text message body, rendered with FreeMarker over the journey's variables
 */
public record SmsMessage(
    @NotBlank @Pattern(regexp = "\\+[1-9]\\d{6,14}", message = "must be a phone number in E.164 form, e.g. +15551234567") String to,
    @NotBlank @Size(max = 1600) String text) {
}
