package io.touchpoint.channel.rcs;

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
 * Input of the RCS channel task. {@code layout} picks what the contact sees: plain {@code text},
 * a {@code card} (title, text, image, buttons), a {@code carousel} of cards, or text with
 * quick-reply {@code chips}. Texts may hold placeholders {{1}}..{{3}} filled from
 * {@code variable1..3}. With {@code smsFallback} a device without RCS gets the text as SMS.
 * The element template is checked against this record in the test suite.
 *
 * @param buttons one per line: {@code Label|https://…} opens a link, {@code Label|PAYLOAD} or
 *                {@code Label} replies (the payload, else the label, reaches the journey)
 * @param cards   the carousel, as JSON: {@code [{"title":…,"text":…,"mediaUrl":…,"buttons":["Label|https://…"]}]}
 */
public record RcsMessage(
    @NotBlank @Pattern(regexp = "(rcs:)?\\+[1-9]\\d{6,14}", message = "must be a phone number in E.164 form, e.g. +15551234567") String to,
    @NotBlank @Pattern(regexp = "text|card|carousel|chips", message = "must be one of text, card, carousel, chips") String layout,
    @Size(max = 2000) String text,
    @Size(max = 200) String title,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String mediaUrl,
    @Size(max = 2000) String buttons,
    @Size(max = 10000) String cards,
    @Size(max = 1024) String variable1,
    @Size(max = 1024) String variable2,
    @Size(max = 1024) String variable3,
    Boolean smsFallback) {

  @JsonIgnore
  @AssertTrue(message = "a text, card or chips message needs a text; a carousel needs cards; chips need buttons")
  public boolean isComplete() {
    return switch (layout == null ? "" : layout) {
      case "carousel" -> StringUtils.hasText(cards);
      case "chips" -> StringUtils.hasText(text) && StringUtils.hasText(buttons);
      case "card" -> StringUtils.hasText(text) || StringUtils.hasText(title);
      default -> StringUtils.hasText(text);
    };
  }

  /** The contact's RCS address: the number with the {@code rcs:} prefix. */
  public String address() {
    return Channel.RCS.address(to);
  }

  public boolean fallsBackToSms() {
    return smsFallback == null || smsFallback;
  }

  /** The placeholders that have a value, by number. */
  public Map<String, String> contentVariables() {
    return ContentVariables.numbered(variable1, variable2, variable3);
  }

}
