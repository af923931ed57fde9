package io.touchpoint.provider.smtp.bounce;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Variable envelope return path: the envelope sender of each email is {@code
 * <bounce-local>+<deliveryId>@<bounce-domain>}, e.g. {@code
 * bounces+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6f@touchpoint.test}.
 *
 * <p>Why: a bounce goes to the envelope sender, so the address it arrives at identifies the
 * delivery without parsing the (free-form, often localised) report text, and a mailbox that
 * supports sub-addressing ({@code +}) receives all of them in one place. The delivery id is a
 * random UUID, which also makes a forged bounce for somebody else's delivery impractical.
 */
public final class VerpAddress {

  /** Canonical UUID text, 8-4-4-4-12 hex digits; {@link java.util.UUID#fromString} is laxer. */
  private static final Pattern UUID_FORM = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** RFC 5321 limit of a local part; a longer one is refused by some servers. */
  private static final int MAX_LOCAL_PART = 64;

  private VerpAddress() {
  }

  /**
   * The envelope sender for one delivery.
   *
   * @param bounceAddress the configured bounce mailbox, e.g. {@code bounces@touchpoint.test}
   * @param deliveryId the delivery's UUID
   * @return e.g. {@code bounces+<deliveryId>@touchpoint.test}, id in lower case
   * @throws IllegalArgumentException if the bounce address is not a plain {@code local@domain}
   *     address, the id is not a UUID, or the result would exceed 64 characters of local part
   */
  public static String of(String bounceAddress, String deliveryId) {
    String[] parts = split(bounceAddress);
    if (deliveryId == null || !UUID_FORM.matcher(deliveryId).matches()) {
      throw new IllegalArgumentException("delivery id is not a UUID: " + deliveryId);
    }
    String local = parts[0] + "+" + deliveryId.toLowerCase(Locale.ROOT);
    if (local.length() > MAX_LOCAL_PART) {
      throw new IllegalArgumentException("bounce address local part '" + parts[0]
          + "' is too long for VERP (at most " + (MAX_LOCAL_PART - 37) + " characters)");
    }
    return local + "@" + parts[1];
  }

  /**
   * The delivery id an address carries, if it is a VERP address of this bounce mailbox.
   *
   * <p>Local part and domain are compared ignoring case, because relays and mailbox software do
   * not reliably preserve it. Surrounding angle brackets ({@code <...>}, as in {@code
   * Return-Path}) and whitespace are tolerated; anything else (display names, other mailboxes,
   * the bare bounce address, ids that are not UUIDs) gives empty.
   *
   * @return the delivery id in lower case, or empty
   * @throws IllegalArgumentException if {@code bounceAddress} itself is not {@code local@domain}
   */
  public static Optional<String> deliveryIdOf(String bounceAddress, String address) {
    String[] bounce = split(bounceAddress);
    if (address == null) {
      return Optional.empty();
    }
    String candidate = address.strip();
    if (candidate.startsWith("<") && candidate.endsWith(">")) {
      candidate = candidate.substring(1, candidate.length() - 1).strip();
    }
    int at = candidate.lastIndexOf('@');
    if (at <= 0 || at == candidate.length() - 1) {
      return Optional.empty();
    }
    String local = candidate.substring(0, at);
    String domain = candidate.substring(at + 1);
    String prefix = bounce[0] + "+";
    if (!domain.equalsIgnoreCase(bounce[1])
        || !local.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return Optional.empty();
    }
    String id = local.substring(prefix.length());
    return UUID_FORM.matcher(id).matches()
        ? Optional.of(id.toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  private static String[] split(String bounceAddress) {
    Objects.requireNonNull(bounceAddress, "bounceAddress");
    int at = bounceAddress.indexOf('@');
    if (at <= 0 || at != bounceAddress.lastIndexOf('@') || at == bounceAddress.length() - 1
        || bounceAddress.chars().anyMatch(c -> c == '<' || c == '>' || Character.isWhitespace(c))) {
      throw new IllegalArgumentException("bounce address is not local@domain: " + bounceAddress);
    }
    return new String[] {bounceAddress.substring(0, at), bounceAddress.substring(at + 1)};
  }
}
