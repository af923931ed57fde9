package io.touchpoint.provider;

import java.util.List;

/**
 * Rich content a channel shows natively (RCS): a card, a carousel of cards, or text with
 * quick-reply chips. Texts may hold placeholders {{1}}.. that the message's variables fill, so
 * one piece of content serves every contact.
 */
public sealed interface RichContent {

  /** Plain text for devices and fallbacks that show no rich content. */
  String text();

  /** A tappable action: opens {@code url}, or, without one, replies with {@code payload}. */
  record Button(String label, String url, String payload) {
  }

  record Card(String title, String text, String mediaUrl, List<Button> buttons) implements RichContent {
    public Card {
      buttons = List.copyOf(buttons);
    }
  }

  record Carousel(String text, List<Card> cards) implements RichContent {
    public Carousel {
      cards = List.copyOf(cards);
    }
  }

  record Chips(String text, List<Button> chips) implements RichContent {
    public Chips {
      chips = List.copyOf(chips);
    }
  }
}
