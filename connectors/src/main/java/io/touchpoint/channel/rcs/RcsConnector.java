package io.touchpoint.channel.rcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.InvalidChannelInputException;
import io.touchpoint.channel.MessagingConnector;
import io.touchpoint.delivery.Channel;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.OutboundMessage;
import io.touchpoint.provider.RichContent;
import io.touchpoint.provider.RichContent.Button;
import io.touchpoint.provider.RichContent.Card;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.util.StringUtils;

/**
 * The RCS channel task's connector: turns the form's layout into {@link RichContent}. With SMS
 * fallback the message goes to the plain number, so the messaging service can fall back to SMS
 * when the device has no RCS; without, to the {@code rcs:} address, RCS only.
 */
public class RcsConnector extends MessagingConnector<RcsMessage> {

  /** One card of a carousel, as the form's JSON gives it. */
  record CardInput(String title, String text, String mediaUrl, List<String> buttons) {
  }

  private final ObjectMapper json;

  public RcsConnector(MessagingProvider provider, ObjectMapper json) {
    super(provider);
    this.json = json;
  }

  @Override
  public Channel channel() {
    return Channel.RCS;
  }

  @Override
  public Class<RcsMessage> inputType() {
    return RcsMessage.class;
  }

  @Override
  public String recipient(RcsMessage input) {
    return input.address();
  }

  @Override
  protected OutboundMessage message(RcsMessage input) {
    String to = input.fallsBackToSms() ? Channel.numberOf(input.address()) : input.address();
    RichContent rich = switch (input.layout()) {
      case "card" -> new Card(input.title(), input.text(), input.mediaUrl(), buttons(input.buttons()));
      case "carousel" -> new RichContent.Carousel(input.text(), cards(input.cards()));
      case "chips" -> new RichContent.Chips(input.text(), buttons(input.buttons()));
      default -> null;
    };
    if (rich == null) {
      // plain text goes as a message body: its placeholders are filled here
      return new OutboundMessage(Channel.RCS, to, fill(input.text(), input.contentVariables()), input.mediaUrl(), null,
          null, Map.of());
    }
    return new OutboundMessage(Channel.RCS, to, input.text(), null, null, rich, input.contentVariables());
  }

  private static String fill(String text, Map<String, String> variables) {
    String filled = text;
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      filled = filled.replace("{{" + variable.getKey() + "}}", variable.getValue());
    }
    return filled;
  }

  static List<Button> buttons(String lines) {
    if (!StringUtils.hasText(lines)) {
      return List.of();
    }
    return Arrays.stream(lines.split("\\R")).map(String::trim).filter(line -> !line.isEmpty())
        .map(RcsConnector::button).toList();
  }

  private static Button button(String line) {
    int bar = line.indexOf('|');
    String label = bar < 0 ? line : line.substring(0, bar).trim();
    String target = bar < 0 ? label : line.substring(bar + 1).trim();
    boolean link = target.startsWith("http://") || target.startsWith("https://");
    return new Button(label, link ? target : null, link ? null : target);
  }

  private List<Card> cards(String cardsJson) {
    try {
      CardInput[] cards = json.readValue(cardsJson, CardInput[].class);
      return Arrays.stream(cards).map(card -> new Card(card.title(), card.text(), card.mediaUrl(),
          card.buttons() == null ? List.of() : buttons(String.join("\n", card.buttons())))).toList();
    } catch (JsonProcessingException invalid) {
      throw new InvalidChannelInputException(List.of("cards must be a JSON array of cards: "
          + invalid.getOriginalMessage()));
    }
  }
}
