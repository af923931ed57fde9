package io.touchpoint.consent;

import io.touchpoint.delivery.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an opt-out is kept once its contact was erased: {@code sha256:} and the SHA-256 of the channel and the
 * address. It still matches the address when a send checks consent, but does not show it. A phone number is short
 * enough to be found again by trying them all, so this is a pseudonym kept to honour the opt-out (a suppression
 * list), not an anonymisation.
 */
final class ErasedAddress {

  private ErasedAddress() {
  }

  static String of(Channel channel, String address) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((channel.name() + ":" + address).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
