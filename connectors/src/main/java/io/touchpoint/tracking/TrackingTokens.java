package io.touchpoint.tracking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens for tracking links: what a link does (open, click, unsubscribe), for which
 * delivery, and — for a click — where it leads. The target URL is only ever read from a token
 * whose signature checks, so a tracking link can never be turned into an open redirect.
 */
public class TrackingTokens {

  /** What a tracking link records; RECEIPT: a push notification's delivered / clicked receipt. */
  public enum Kind { OPEN, CLICK, UNSUBSCRIBE, RECEIPT }

  /** A verified token's content; {@code url} only for clicks. */
  public record Token(Kind kind, String deliveryId, String url) {
  }

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final byte[] secret;

  public TrackingTokens(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public String sign(Token token) {
    String payload = token.kind().name() + "\n" + token.deliveryId() + "\n" + (token.url() == null ? "" : token.url());
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
  }

  /** The token's content if its signature checks; empty for anything tampered or malformed. */
  public Optional<Token> verify(String token) {
    int dot = token.indexOf('.');
    if (dot < 1) {
      return Optional.empty();
    }
    try {
      byte[] payload = DECODER.decode(token.substring(0, dot));
      byte[] signature = DECODER.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(mac(payload), signature)) {
        return Optional.empty();
      }
      String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 3);
      return Optional.of(new Token(Kind.valueOf(parts[0]), parts[1], parts[2].isEmpty() ? null : parts[2]));
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
      return Optional.empty();
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
