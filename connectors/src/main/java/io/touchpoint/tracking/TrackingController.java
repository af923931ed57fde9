package io.touchpoint.tracking;

import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.tracking.TrackingTokens.Kind;
import io.touchpoint.tracking.TrackingTokens.Token;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tracking links: the email open pixel, click redirects and unsubscribe, and push receipts. Every
 * link carries a signed token; a tampered or unknown one is a 404 that records nothing and
 * redirects nowhere.
 */
@RestController
public class TrackingController {

  private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final TrackingTokens tokens;
  private final DeliveryLedger ledger;
  private final DeliveryStatusService statuses;
  private final ConsentRegistry consent;
  private final MachineOpens machineOpens;
  private final ClickTriage clicks;
  private final Unsubscribes unsubscribes;

  public TrackingController(TrackingTokens tokens, DeliveryLedger ledger, DeliveryStatusService statuses,
      ConsentRegistry consent, MachineOpens machineOpens, ClickTriage clicks, Unsubscribes unsubscribes) {
    this.tokens = tokens;
    this.ledger = ledger;
    this.statuses = statuses;
    this.consent = consent;
    this.machineOpens = machineOpens;
    this.clicks = clicks;
    this.unsubscribes = unsubscribes;
  }

  @GetMapping(TrackingLinks.OPEN_PATH + "{token}")
  public ResponseEntity<byte[]> open(@PathVariable String token,
      @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent) {
    Optional<Token> verified = verified(token, Kind.OPEN);
    if (verified.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    if (MachineAgents.isMachine(userAgent)) {
      machineOpens.record(verified.get().deliveryId(), userAgent);
    } else {
      statuses.recordStatus(verified.get().deliveryId(), DeliveryStatus.OPENED, null);
    }
    return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
  }

  /**
   * A verified click is recorded even if its delivery is not committed yet (the token's signature
   * proves it is ours), and the reader — or the link scanner ({@link ClickTriage}) — is sent on.
   */
  @GetMapping(TrackingLinks.CLICK_PATH + "{token}")
  public ResponseEntity<Void> click(@PathVariable String token,
      @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent) {
    Optional<Token> verified = verified(token, Kind.CLICK).filter(t -> t.url() != null);
    if (verified.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    clicks.click(verified.get().deliveryId(), verified.get().url(), userAgent);
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(verified.get().url()))
        .cacheControl(CacheControl.noStore()).build();
  }

  /** The footer link: a page with a button, so a mail scanner following links unsubscribes nobody. */
  @GetMapping(value = TrackingLinks.UNSUBSCRIBE_PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> unsubscribePage(@PathVariable String token) {
    if (delivery(token, Kind.UNSUBSCRIBE).isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok("<!doctype html><html><body><form method=\"post\">"
        + "<p>Stop receiving these emails?</p><button type=\"submit\">Unsubscribe</button></form></body></html>");
  }

  /** RFC 8058 one-click unsubscribe (List-Unsubscribe-Post) and the page's button. */
  @PostMapping(value = TrackingLinks.UNSUBSCRIBE_PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> unsubscribe(@PathVariable String token) {
    Optional<Delivery> delivery = delivery(token, Kind.UNSUBSCRIBE);
    if (delivery.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    consent.optOut(delivery.get().channel(), delivery.get().recipient(), "unsubscribe-link");
    unsubscribes.record(delivery.get().id());
    return ResponseEntity.ok("<!doctype html><html><body><p>You are unsubscribed.</p></body></html>");
  }

  /** A push notification's receipt, posted by the app or service worker: delivered or clicked. */
  @PostMapping(TrackingLinks.RECEIPT_PATH + "{token}")
  public ResponseEntity<Void> receipt(@PathVariable String token, @RequestParam String event) {
    // a device may answer before the send is committed: the signed token is enough, the status waits
    Optional<Token> verified = verified(token, Kind.RECEIPT);
    if (verified.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    DeliveryStatus status = switch (event) {
      case "delivered" -> DeliveryStatus.DELIVERED;
      case "clicked" -> DeliveryStatus.CLICKED;
      default -> null;
    };
    if (status == null) {
      return ResponseEntity.badRequest().build();
    }
    statuses.recordStatus(verified.get().deliveryId(), status, null);
    return ResponseEntity.noContent().build();
  }

  private Optional<Token> verified(String token, Kind kind) {
    return tokens.verify(token).filter(t -> t.kind() == kind);
  }

  private Optional<Delivery> delivery(String token, Kind kind) {
    return verified(token, kind).flatMap(t -> ledger.findById(t.deliveryId()));
  }
}
