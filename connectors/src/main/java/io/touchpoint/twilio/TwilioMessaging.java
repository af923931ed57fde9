package io.touchpoint.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.touchpoint.channel.MessagingProvider;
import io.touchpoint.channel.OutboundMessage;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import java.net.URI;

/**
 * A channel's messages through Twilio's Messages API (SMS and WhatsApp alike), with a status
 * callback to Touchpoint. The sender is the channel's own number or a messaging service.
 */
public class TwilioMessaging implements MessagingProvider {

  /** The provider name in the ledger, also used by Twilio's callbacks to find deliveries. */
  public static final String NAME = "twilio";

  /** Who a channel's messages come from: a number ({@code +1...}, {@code whatsapp:+1...}) or a messaging service. */
  public record Sender(String from, String messagingServiceSid) {
  }

  private final TwilioRestClient client;
  private final Sender sender;
  private final URI statusCallback;
  private final ObjectMapper json;

  public TwilioMessaging(TwilioRestClient client, Sender sender, URI statusCallback, ObjectMapper json) {
    this.client = client;
    this.sender = sender;
    this.statusCallback = statusCallback;
    this.json = json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundMessage message) {
    PhoneNumber to = new PhoneNumber(message.to());
    MessageCreator creator = sender.messagingServiceSid() != null
        ? Message.creator(to, sender.messagingServiceSid(), message.text())
        : Message.creator(to, new PhoneNumber(sender.from()), message.text());
    creator.setStatusCallback(statusCallback);
    if (message.mediaUrl() != null) {
      creator.setMediaUrl(message.mediaUrl());
    }
    if (message.contentSid() != null) {
      creator.setContentSid(message.contentSid());
      if (!message.contentVariables().isEmpty()) {
        creator.setContentVariables(toJson(message));
      }
    }
    try {
      return new SendOutcome.Accepted(creator.create(client).getSid());
    } catch (ApiException refused) {
      return TwilioApiErrors.rejectionOrThrow(refused);
    }
  }

  private String toJson(OutboundMessage message) {
    try {
      return json.writeValueAsString(message.contentVariables());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
