package io.touchpoint.autoconfigure;

import io.touchpoint.delivery.Channel;
import java.util.ArrayList;
import java.util.List;

/** The properties a channel lacks to reach its real provider, named as an operator sets them. */
final class MissingProviderSettings {

  private MissingProviderSettings() {
  }

  static List<String> of(Channel channel, TouchpointProperties properties) {
    List<String> missing = new ArrayList<>();
    switch (channel) {
      case SMS, WHATSAPP, RCS -> {
        TouchpointProperties.Twilio twilio = properties.twilio();
        if (isBlank(twilio.accountSid())) {
          missing.add("touchpoint.twilio.account-sid");
        }
        if (isBlank(twilio.authToken())) {
          missing.add("touchpoint.twilio.auth-token");
        }
        String sender = "touchpoint.twilio." + channel.wireName() + "-from";
        if (isBlank(senderOf(channel, twilio)) && isBlank(twilio.messagingServiceSid())) {
          missing.add(sender + " (or touchpoint.twilio.messaging-service-sid)");
        }
      }
      case EMAIL -> missing.add("spring.mail.host");
      case PUSH -> {
        if (isBlank(properties.fcm().projectId())) {
          missing.add("touchpoint.fcm.project-id");
        }
        if (properties.fcm().credentialsFile() == null) {
          missing.add("touchpoint.fcm.credentials-file");
        }
      }
    }
    return missing;
  }

  private static String senderOf(Channel channel, TouchpointProperties.Twilio twilio) {
    return switch (channel) {
      case SMS -> twilio.smsFrom();
      case WHATSAPP -> twilio.whatsappFrom();
      default -> twilio.rcsFrom();
    };
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
