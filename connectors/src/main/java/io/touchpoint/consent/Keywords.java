package io.touchpoint.consent;

import io.touchpoint.error.ErrorCode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The opt-out and opt-in keywords ({@code touchpoint.consent.*-keywords}; by default the
 * carrier-standard ones Twilio also honours). Only a whole message is a keyword, in any case,
 * with trailing spaces, dots and exclamation marks ignored: "Stop!" is one, "please stop" is not.
 */
public final class Keywords {

  /** What an inbound message body asks for, if it is a keyword. */
  public enum Intent { OPT_OUT, OPT_IN }

  private final Set<String> optOut;
  private final Set<String> optIn;

  public Keywords(Collection<String> optOut, Collection<String> optIn) {
    this.optOut = normalised(optOut);
    this.optIn = normalised(optIn);
    Set<String> both = new HashSet<>(this.optOut);
    both.retainAll(this.optIn);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException(ErrorCode.CONFIG_009 + " touchpoint.consent.opt-out-keywords and "
          + "opt-in-keywords both list " + both);
    }
  }

  public Optional<Intent> intentOf(String body) {
    if (body == null) {
      return Optional.empty();
    }
    String word = normalised(body);
    if (optOut.contains(word)) {
      return Optional.of(Intent.OPT_OUT);
    }
    return optIn.contains(word) ? Optional.of(Intent.OPT_IN) : Optional.empty();
  }

  private static Set<String> normalised(Collection<String> keywords) {
    return keywords.stream().map(Keywords::normalised).filter(word -> !word.isEmpty()).collect(Collectors.toSet());
  }

  private static String normalised(String text) {
    return text.trim().replaceAll("[\\s.!]+$", "").toUpperCase(Locale.ROOT);
  }
}
