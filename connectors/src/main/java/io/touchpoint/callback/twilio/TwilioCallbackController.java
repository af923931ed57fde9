package io.touchpoint.callback.twilio;

import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.InboundMessage;
import io.touchpoint.delivery.StatusReport;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.inbound.InboundMessageService;
import io.touchpoint.provider.twilio.TwilioMessaging;
import io.touchpoint.provider.twilio.TwilioRequestVerifier;
import io.touchpoint.provider.twilio.TwilioStatusMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Twilio's webhooks. Every request must carry a valid X-Twilio-Signature computed over
 * {@code touchpoint.public-base-url} + path and the form parameters; otherwise 403, nothing stored. The
 * parameters are then read as {@link TwilioForm} says: an id too long for its column is a 400, a text is cut.
 * Served even when SMS runs on the simulator, so forged callbacks get the same 403 there.
 */
@RestController
public class TwilioCallbackController {

  static final String STATUS_PATH = "/callbacks/twilio/status";
  static final String INBOUND_PATH = "/callbacks/twilio/inbound";
  private static final Logger LOG = LoggerFactory.getLogger(TwilioCallbackController.class);
  private static final Pattern DELIVERY_ID = Pattern.compile("[0-9a-f-]{36}");
  private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

  private final TwilioRequestVerifier signatures;
  private final String publicBaseUrl;
  private final DeliveryStatusService statuses;
  private final InboundMessageService inbound;
  private final Clock clock;

  public TwilioCallbackController(TwilioRequestVerifier signatures, URI publicBaseUrl, DeliveryStatusService statuses,
      InboundMessageService inbound, Clock clock) {
    this.signatures = signatures;
    this.publicBaseUrl = publicBaseUrl.toString().replaceAll("/+$", "");
    this.statuses = statuses;
    this.inbound = inbound;
    this.clock = clock;
  }

  @PostMapping(path = STATUS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  public ResponseEntity<Void> status(HttpServletRequest request) {
    Map<String, String> form = form(request);
    if (!signed(request, STATUS_PATH, form)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    TwilioForm fields = new TwilioForm(form);
    String sid = fields.field("MessageSid", TwilioForm.MAX_SID_LENGTH);
    String messageStatus = fields.field("MessageStatus", TwilioForm.MAX_CODE_LENGTH);
    String errorCode = fields.field("ErrorCode", TwilioForm.MAX_CODE_LENGTH);
    fields.check();
    if (sid == null || sid.isBlank()) {
      return ResponseEntity.badRequest().build();
    }
    // interim statuses (queued, sending...) have no canonical meaning: acknowledged, not stored
    Optional<DeliveryStatus> status = TwilioStatusMapping.canonical(messageStatus);
    // the sender Twilio used tells the channel: an RCS message that fell back comes from the SMS number
    Channel channelUsed = form.get("From") == null ? null : Channel.ofAddress(form.get("From"));
    status.ifPresent(s -> statuses.receive(new StatusReport(TwilioMessaging.NAME, sid, s, messageStatus,
        errorCode, clock.instant(), channelUsed, sendNamedBy(request))));
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = INBOUND_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_XML_VALUE)
  public ResponseEntity<String> inbound(HttpServletRequest request) {
    Map<String, String> form = form(request);
    if (!signed(request, INBOUND_PATH, form)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    TwilioForm fields = new TwilioForm(form);
    String sid = fields.field("MessageSid", TwilioForm.MAX_SID_LENGTH);
    String from = fields.field("From", TwilioForm.MAX_ADDRESS_LENGTH);
    String repliedTo = fields.field("OriginalRepliedMessageSid", TwilioForm.MAX_SID_LENGTH);
    fields.check();
    if (sid == null || from == null) {
      return ResponseEntity.badRequest().build();
    }
    inbound.receive(new InboundMessage(TwilioMessaging.NAME, sid, Channel.ofAddress(from), from,
        fields.text("Body", TwilioForm.MAX_BODY_LENGTH), blankToNull(repliedTo),
        blankToNull(fields.text("ButtonPayload", TwilioForm.MAX_PAYLOAD_LENGTH))));
    return ResponseEntity.ok(EMPTY_TWIML);
  }

  /** The send the callback URL names ({@code ?send=<delivery id>}), if it names one that could be a delivery id. */
  private static String sendNamedBy(HttpServletRequest request) {
    String send = request.getParameter(TwilioMessaging.SEND_PARAMETER);
    return send != null && DELIVERY_ID.matcher(send).matches() ? send : null;
  }

  private boolean signed(HttpServletRequest request, String path, Map<String, String> form) {
    String signature = request.getHeader("X-Twilio-Signature");
    String query = request.getQueryString();
    String url = publicBaseUrl + path + (query == null ? "" : "?" + query);
    boolean valid = signatures.isSigned(url, form, signature);
    if (!valid) {
      LOG.warn(ErrorCode.CALLBACK_001 + " rejected Twilio callback on {} from {}: bad or missing signature",
          path, request.getRemoteAddr());
    }
    return valid;
  }


  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * The form's own parameters: Twilio signs the URL with its query plus the POSTed fields, and the servlet API
   * mixes the query's parameters (the callback URL's {@code send}) into the same map, first.
   */
  private static Map<String, String> form(HttpServletRequest request) {
    Map<String, Integer> inQuery = new HashMap<>();
    if (request.getQueryString() != null) {
      UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
          .forEach((name, values) -> inQuery.put(UriUtils.decode(name, StandardCharsets.UTF_8), values.size()));
    }
    Map<String, String> form = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> {
      int skip = inQuery.getOrDefault(name, 0);
      if (values.length > skip) {
        form.put(name, values[skip]);
      }
    });
    return form;
  }
}
