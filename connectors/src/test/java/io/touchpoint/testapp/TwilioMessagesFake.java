package io.touchpoint.testapp;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Twilio's Messages resource as a stateful WireMock extension: a POST creates a message (kept, with a fresh
 * SID) whether or not the caller lives to read the answer; a GET lists them filtered by {@code To}, {@code From},
 * {@code DateSent>} and {@code DateSent<} as Twilio does — what a node that lost an answer reconciles against.
 */
public class TwilioMessagesFake implements ResponseDefinitionTransformerV2 {

  public static final String NAME = "twilio-messages";

  /** A message Twilio accepted. */
  public record Message(String sid, String to, String from, String messagingServiceSid, String body,
      String statusCallback, OffsetDateTime created) {
  }

  /** Twilio's date format: {@code Fri, 04 Dec 2026 18:22:00 +0000}. */
  private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
      Locale.US);

  /** A held answer still goes out after this long, so a test that failed before releasing it leaves no thread stuck. */
  private static final long HOLD_AT_MOST_SECONDS = 60;

  private final Queue<Message> messages = new ConcurrentLinkedQueue<>();
  private final Map<String, CountDownLatch> heldAnswers = new ConcurrentHashMap<>();
  private volatile boolean addressFilterIgnored;

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  public List<Message> messages() {
    return List.copyOf(messages);
  }

  public List<Message> messagesTo(String to) {
    return messages.stream().filter(m -> m.to().equals(to)).toList();
  }

  /**
   * From now on a send to this number creates its message at once but is answered only when the returned action
   * runs: the answer is "still coming" for exactly as long as the test needs, without a fixed delay to wait out.
   */
  public Runnable holdAnswersTo(String to) {
    CountDownLatch answer = new CountDownLatch(1);
    heldAnswers.put(to, answer);
    return () -> {
      heldAnswers.remove(to, answer);
      answer.countDown();
    };
  }

  /** Until {@link #clear}, lists every address's messages whatever {@code To} asks, as a careless stand-in would. */
  public void ignoreTheAddressFilter() {
    addressFilterIgnored = true;
  }

  public void clear() {
    messages.clear();
    addressFilterIgnored = false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    if ("POST".equals(request.getMethod().getName())) {
      Map<String, String> form = decode(request.getBodyAsString());
      Message message = new Message("SM" + UUID.randomUUID().toString().replace("-", ""), form.get("To"),
          form.get("From"), form.get("MessagingServiceSid"), form.get("Body"), form.get("StatusCallback"),
          OffsetDateTime.now(ZoneOffset.UTC));
      messages.add(message);
      awaitRelease(heldAnswers.get(message.to()));
      return answer(serveEvent, 201, json(message));
    }
    Map<String, String> query = decode(URI.create(request.getUrl()).getRawQuery());
    String to = addressFilterIgnored ? null : query.get("To");
    String from = query.get("From");
    OffsetDateTime sentAfter = dateSent(query, "DateSent>");
    OffsetDateTime sentBefore = dateSent(query, "DateSent<");
    List<Map<String, Object>> page = new ArrayList<>();
    messages.stream()
        .filter(m -> to == null || to.equals(m.to()))
        .filter(m -> from == null || from.equals(m.from()))
        .filter(m -> sentAfter == null || !m.created().isBefore(sentAfter))
        .filter(m -> sentBefore == null || !m.created().isAfter(sentBefore))
        .sorted(Comparator.comparing(Message::created).reversed())
        .forEach(m -> page.add(json(m)));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("messages", page);
    answer.put("page", 0);
    answer.put("page_size", 50);
    answer.put("first_page_uri", request.getUrl());
    answer.put("next_page_uri", null);
    answer.put("previous_page_uri", null);
    answer.put("uri", request.getUrl());
    answer.put("start", 0);
    answer.put("end", page.size());
    return answer(serveEvent, 200, answer);
  }

  /** The SDK writes the date in the zone it was given, without one: Touchpoint gives UTC. */
  private static OffsetDateTime dateSent(Map<String, String> query, String filter) {
    return query.containsKey(filter) ? LocalDateTime.parse(query.get(filter)).atOffset(ZoneOffset.UTC) : null;
  }

  private static void awaitRelease(CountDownLatch answer) {
    if (answer == null) {
      return;
    }
    try {
      answer.await(HOLD_AT_MOST_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The stub's own settings (a delay, say) with this status and JSON body. */
  private static ResponseDefinition answer(ServeEvent serveEvent, int status, Object body) {
    return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
        .withStatus(status).withHeader("Content-Type", "application/json").withBody(Json.write(body)).build();
  }

  private static Map<String, Object> json(Message message) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sid", message.sid());
    json.put("account_sid", JourneyTest.ACCOUNT_SID);
    json.put("to", message.to());
    json.put("from", message.from());
    json.put("messaging_service_sid", message.messagingServiceSid());
    json.put("body", message.body());
    json.put("status", "queued");
    json.put("direction", "outbound-api");
    String created = message.created().format(RFC_2822);
    json.put("date_created", created);
    json.put("date_updated", created);
    json.put("date_sent", created);
    return json;
  }

  private static Map<String, String> decode(String form) {
    Map<String, String> values = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return values;
    }
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      values.putIfAbsent(name, value);
    }
    return values;
  }

}
