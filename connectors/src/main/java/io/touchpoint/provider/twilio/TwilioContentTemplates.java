package io.touchpoint.provider.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.content.v1.Content;
import io.touchpoint.provider.RichContent;
import io.touchpoint.provider.RichContent.Button;
import io.touchpoint.provider.RichContent.Card;
import io.touchpoint.provider.RichContent.Carousel;
import io.touchpoint.provider.RichContent.Chips;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rich content as Twilio content types ({@code twilio/card}, {@code twilio/carousel},
 * {@code twilio/quick-reply}, with {@code twilio/text} for devices and fallbacks without rich
 * content), created through the Content API once per distinct structure and remembered.
 */
public class TwilioContentTemplates {

  private final TwilioRestClient client;
  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final ObjectMapper json;
  private final Clock clock;

  public TwilioContentTemplates(TwilioRestClient client, JdbcClient jdbc, PlatformTransactionManager transactionManager,
      ObjectMapper json, Clock clock) {
    this.client = client;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.json = json;
    this.clock = clock;
  }

  /** The content SID for this structure, created at Twilio the first time it is needed. */
  public String sidFor(RichContent content) {
    String key = keyOf(content);
    return known(key).orElseGet(() -> {
      String sid = Content.creator(Content.ContentCreateRequest.builder("en", types(content))
          .friendlyName("touchpoint-" + key.substring(0, 16)).build()).create(client).getSid();
      try {
        ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                insert into tp_provider_content (provider, content_key, content_sid, created_at) values (?, ?, ?, ?)""")
            .params(TwilioMessaging.NAME, key, sid, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
            .update());
        return sid;
      } catch (DuplicateKeyException createdElsewhereMeanwhile) {
        return known(key).orElse(sid);
      }
    });
  }

  private Optional<String> known(String key) {
    return jdbc.sql("select content_sid from tp_provider_content where provider = ? and content_key = ?")
        .params(TwilioMessaging.NAME, key).query(String.class).optional();
  }

  static Content.Types types(RichContent content) {
    Content.Types.Builder types = new Content.Types.Builder()
        .twilioText(new Content.TwilioText.Builder(fallbackText(content)).build());
    if (content instanceof Card card) {
      types.twilioCard(new Content.TwilioCard.Builder()
          .title(card.title())
          .subtitle(card.text())
          .media(card.mediaUrl() == null ? null : List.of(card.mediaUrl()))
          .actions(card.buttons().stream().map(TwilioContentTemplates::cardAction).toList())
          .build());
    } else if (content instanceof Carousel carousel) {
      types.twilioCarousel(new Content.TwilioCarousel.Builder(carousel.text(), carousel.cards().stream()
          .map(card -> new Content.CarouselCard.Builder(card.text(), card.mediaUrl(),
              card.buttons().stream().map(TwilioContentTemplates::carouselAction).toList()).title(card.title()).build())
          .toList()).build());
    } else if (content instanceof Chips chips) {
      types.twilioQuickReply(new Content.TwilioQuickReply.Builder(chips.text(), chips.chips().stream()
          .map(chip -> new Content.QuickReplyAction.Builder(chip.label()).id(chip.payload()).build()).toList())
          .build());
    }
    return types.build();
  }

  private static Content.CardAction cardAction(Button button) {
    return button.url() != null
        ? new Content.CardAction.Builder(Content.CardActionType.URL, button.label()).url(button.url()).build()
        : new Content.CardAction.Builder(Content.CardActionType.QUICK_REPLY, button.label()).id(button.payload()).build();
  }

  private static Content.CarouselAction carouselAction(Button button) {
    return button.url() != null
        ? new Content.CarouselAction.Builder(Content.CarouselActionType.URL, button.label()).url(button.url()).build()
        : new Content.CarouselAction.Builder(Content.CarouselActionType.QUICK_REPLY, button.label())
            .id(button.payload()).build();
  }

  private static String fallbackText(RichContent content) {
    if (content.text() != null && !content.text().isBlank()) {
      return content.text();
    }
    if (content instanceof Card card && card.title() != null) {
      return card.title();
    }
    if (content instanceof Carousel carousel && !carousel.cards().isEmpty()) {
      return carousel.cards().get(0).title() + ": " + carousel.cards().get(0).text();
    }
    return "";
  }

  private String keyOf(RichContent content) {
    try {
      byte[] canonical = json.writeValueAsBytes(List.of(content.getClass().getSimpleName(), content));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
