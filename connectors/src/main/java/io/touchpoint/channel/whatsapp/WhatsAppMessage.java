package io.touchpoint.channel.whatsapp;

import io.touchpoint.delivery.Channel;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.touchpoint.channel.ContentVariables;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.util.StringUtils;

/**
 * Input of the WhatsApp channel task. Either a session message ({@code text}, optionally with
 * {@code mediaUrl}) — allowed within 24 hours of the contact's last message — or an approved
 * template ({@code contentSid}) whose placeholders {{1}}..{{5}} take {@code variable1..5}.
 * The element template is checked against this record in the test suite.
 *
 * @param to recipient, {@code +15551234567} or {@code whatsapp:+15551234567}
 */
public record WhatsAppMessage(
    @NotBlank @Pattern(regexp = "(whatsapp:)?\\+[1-9]\\d{6,14}", message = "must be a phone number in E.164 form, e.g. +15551234567") String to,
    @Size(max = 4096) String text,
    @Pattern(regexp = "HX[0-9a-fA-F]{32}", message = "must be a Twilio content SID (HX followed by 32 hex digits)") String contentSid,
    @Size(max = 1024) String variable1,
    @Size(max = 1024) String variable2,
    @Size(max = 1024) String variable3,
    @Size(max = 1024) String variable4,
    @Size(max = 1024) String variable5,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String mediaUrl) {

  @JsonIgnore
  @AssertTrue(message = "give either a message text or a content template SID, not both")
  public boolean isTextOrTemplate() {
    return StringUtils.hasText(text) != StringUtils.hasText(contentSid);
  }

  /** The address Twilio expects: the number with the {@code whatsapp:} prefix. */
  public String address() {
    return Channel.WHATSAPP.address(to);
  }

  /** The template's placeholders that have a value, by number. */
  public Map<String, String> contentVariables() {
    return ContentVariables.numbered(variable1, variable2, variable3, variable4, variable5);
  }

}
