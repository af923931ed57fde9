package io.touchpoint.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.touchpoint.channel.sms.SmsMessage;
import io.touchpoint.channel.sms.SmsProvider;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import java.net.URI;

/** SMS through Twilio's Messages API, with a status callback to Touchpoint. */
public class TwilioSmsProvider implements SmsProvider {

  /** The provider name in the ledger, also used by Twilio's callbacks to find deliveries. */
  public static final String NAME = "twilio";

  private final TwilioRestClient client;
  private final String from;
  private final String messagingServiceSid;
  private final URI statusCallback;

  public TwilioSmsProvider(TwilioRestClient client, String from, String messagingServiceSid, URI statusCallback) {
    this.client = client;
    this.from = from;
    this.messagingServiceSid = messagingServiceSid;
    this.statusCallback = statusCallback;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SendOutcome send(Delivery delivery, SmsMessage message) {
    PhoneNumber to = new PhoneNumber(message.to());
    MessageCreator creator = messagingServiceSid != null
        ? Message.creator(to, messagingServiceSid, message.text())
        : Message.creator(to, new PhoneNumber(from), message.text());
    try {
      return new SendOutcome.Accepted(creator.setStatusCallback(statusCallback).create(client).getSid());
    } catch (ApiException refused) {
      return TwilioApiErrors.rejectionOrThrow(refused);
    }
  }
}
