package io.touchpoint.consent;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The carrier-standard opt-out and opt-in keywords (the ones Twilio also honours). */
public final class Keywords {

  private static final Set<String> OPT_OUT =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE");
  private static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "YES");

  /** What an inbound message body asks for, if it is a keyword. */
  public enum Intent { OPT_OUT, OPT_IN }

  private Keywords() {
  }

  public static Optional<Intent> intentOf(String body) {
    if (body == null) {
      return Optional.empty();
    }
    String word = body.trim().replaceAll("[\\s.!]+$", "").toUpperCase(Locale.ROOT);
    if (OPT_OUT.contains(word)) {
      return Optional.of(Intent.OPT_OUT);
    }
    return OPT_IN.contains(word) ? Optional.of(Intent.OPT_IN) : Optional.empty();
  }
}
