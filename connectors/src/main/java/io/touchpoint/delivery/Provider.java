package io.touchpoint.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The kinds of provider that carry Touchpoint's messages, and the settings each needs. Which provider serves which
 * channel is {@link Channel#provider()}; the simulator stands in for any of them where enabled.
 */
public enum Provider {
  TWILIO(List.of(Setting.of("touchpoint.twilio.account-sid"), Setting.of("touchpoint.twilio.auth-token"))),
  SMTP(List.of(Setting.of("spring.mail.host"))),
  FCM(List.of(Setting.of("touchpoint.fcm.project-id"), Setting.of("touchpoint.fcm.credentials-file"))),
  /** Webhooks: any HTTP server the diagram names; nothing to configure. */
  WEBHOOK(List.of());

  /** A property a provider needs, or its alternatives (any one of them will do). */
  public record Setting(List<String> anyOf) {

    public static Setting of(String property, String... alternatives) {
      return new Setting(Stream.concat(Stream.of(property), Arrays.stream(alternatives)).toList());
    }

    /** As an operator reads it: {@code touchpoint.twilio.sms-from (or touchpoint.twilio.messaging-service-sid)}. */
    @Override
    public String toString() {
      return anyOf.size() == 1 ? anyOf.get(0)
          : anyOf.get(0) + " (or " + String.join(", or ", anyOf.subList(1, anyOf.size())) + ")";
    }
  }

  private final List<Setting> settings;

  Provider(List<Setting> settings) {
    this.settings = settings;
  }

  /** The settings every channel of this provider needs. */
  List<Setting> settings() {
    return settings;
  }

  /** The name of this provider in the ledger and the logs: {@code twilio}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
