package io.touchpoint.governor;

import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.delivery.Channel;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Emergency stops as operators use them, through the API or Cockpit: start one for a scope, lift it (its held sends
 * go out at once), and see what is stopped and held.
 */
public class EmergencyStops {

  private static final Pattern JOURNEY_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,254}");

  /** What is stopped and held now. */
  public record State(List<Pause> pauses, List<HeldSends.Count> held) {
  }

  private final Pauses pauses;
  private final HeldSends held;

  public EmergencyStops(Pauses pauses, HeldSends held) {
    this.pauses = pauses;
    this.held = held;
  }

  /** @throws InvalidRequestException naming {@code scope} or {@code reason} when they are not valid */
  public Pause start(String scope, String reason) {
    if (reason != null && reason.length() > 500) {
      throw new InvalidRequestException(List.of(new FieldProblem("reason", "is longer than 500 characters")));
    }
    return pauses.start(checkedScope(scope == null ? "" : scope.trim()), reason);
  }

  /** @return false when no active stop has that id */
  public boolean lift(String id) {
    if (!pauses.lift(id)) {
      return false;
    }
    held.releasePaused();
    return true;
  }

  public State state() {
    return new State(pauses.active(), held.counts());
  }

  private static String checkedScope(String scope) {
    if (scope.equals("all")) {
      return scope;
    }
    if (scope.startsWith("channel:") && Channel.fromWireName(scope.substring("channel:".length())).isPresent()) {
      return scope;
    }
    if (scope.startsWith("journey:") && JOURNEY_KEY.matcher(scope.substring("journey:".length())).matches()) {
      return scope;
    }
    throw new InvalidRequestException(List.of(new FieldProblem("scope",
        "must be all, channel:<sms|whatsapp|rcs|email|push|webhook> or journey:<process definition key>")));
  }
}
