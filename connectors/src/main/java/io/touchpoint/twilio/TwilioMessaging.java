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
 * A channel's messages through Twilio's Messages API (SMS, WhatsApp and RCS alike), with a status
 * callback to Touchpoint. The sender is the channel's own address or a messaging service; rich
 * content goes as a content template ({@link TwilioContentTemplates}).
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
  private final TwilioContentTemplates contentTemplates;
  private final ObjectMapper json;

  public TwilioMessaging(TwilioRestClient client, Sender sender, URI statusCallback,
      TwilioContentTemplates contentTemplates, ObjectMapper json) {
    this.client = client;
    this.sender = sender;
    this.statusCallback = statusCallback;
    this.contentTemplates = contentTemplates;
    this.json = json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundMessage message) {
    PhoneNumber to = new PhoneNumber(message.to());
    String contentSid = message.richContent() != null ? contentTemplates.sidFor(message.richContent())
        : message.contentSid();
    // a content template carries its own text
    String body = contentSid != null ? null : message.text();
    MessageCreator creator = sender.messagingServiceSid() != null
        ? Message.creator(to, sender.messagingServiceSid(), body)
        : Message.creator(to, new PhoneNumber(sender.from()), body);
    creator.setStatusCallback(statusCallback);
    if (message.mediaUrl() != null) {
      creator.setMediaUrl(message.mediaUrl());
    }
    if (contentSid != null) {
      creator.setContentSid(contentSid);
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
