package io.touchpoint.tracking;

import io.touchpoint.tracking.TrackingTokens.Kind;
import io.touchpoint.tracking.TrackingTokens.Token;
import java.net.URI;

/** The public URLs of a delivery's tracking links and receipts, under {@code touchpoint.public-base-url}. */
public class TrackingLinks {

  public static final String OPEN_PATH = "/t/o/";
  public static final String CLICK_PATH = "/t/c/";
  public static final String UNSUBSCRIBE_PATH = "/t/u/";
  public static final String RECEIPT_PATH = "/t/r/";

  private final String base;
  private final TrackingTokens tokens;

  public TrackingLinks(URI publicBaseUrl, TrackingTokens tokens) {
    this.base = publicBaseUrl.toString().replaceAll("/+$", "");
    this.tokens = tokens;
  }

  public String open(String deliveryId) {
    return base + OPEN_PATH + tokens.sign(new Token(Kind.OPEN, deliveryId, null));
  }

  public String click(String deliveryId, String url) {
    return base + CLICK_PATH + tokens.sign(new Token(Kind.CLICK, deliveryId, url));
  }

  /** Where the app or service worker posts {@code ?event=delivered|clicked} for a push notification. */
  public String receipt(String deliveryId) {
    return base + RECEIPT_PATH + tokens.sign(new Token(Kind.RECEIPT, deliveryId, null));
  }

  public String unsubscribe(String deliveryId) {
    return base + UNSUBSCRIBE_PATH + tokens.sign(new Token(Kind.UNSUBSCRIBE, deliveryId, null));
  }
}
