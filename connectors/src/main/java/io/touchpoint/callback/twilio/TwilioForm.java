package io.touchpoint.callback.twilio;

import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.InvalidRequestException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The form parameters of a signed Twilio callback, read against the columns they are stored in: an id or address
 * that does not fit (or holds the NUL character, which PostgreSQL cannot store) is refused with a 400 naming it; a
 * message text is cut to its column, as Twilio has delivered it already and a refusal would lose it.
 */
final class TwilioForm {

  /** Message SIDs (tp_status_report, tp_inbound_message). */
  static final int MAX_SID_LENGTH = 100;
  /** Status and error code (tp_status_report.provider_status, error_code). */
  static final int MAX_CODE_LENGTH = 50;
  /** Sender address (tp_inbound_message.sender). */
  static final int MAX_ADDRESS_LENGTH = 320;
  /** Message text (tp_inbound_message.body; also the journey's {@code replyText} variable). */
  static final int MAX_BODY_LENGTH = 4000;
  /** Quick-reply payload (tp_inbound_message.payload). */
  static final int MAX_PAYLOAD_LENGTH = 1000;

  private final Map<String, String> form;
  private final List<FieldProblem> problems = new ArrayList<>();

  TwilioForm(Map<String, String> form) {
    this.form = form;
  }

  /** The value, or null when absent; a value over {@code maxLength} is a problem reported by {@link #check}. */
  String field(String name, int maxLength) {
    String value = form.get(name);
    if (value == null) {
      return null;
    }
    if (value.length() > maxLength) {
      problems.add(new FieldProblem(name, "must be at most " + maxLength + " characters long"));
    } else if (value.indexOf('\u0000') >= 0) {
      problems.add(new FieldProblem(name, "must not contain the NUL character"));
    }
    return value;
  }

  /** The text without NUL characters, cut to {@code maxLength}; null when absent. */
  String text(String name, int maxLength) {
    String value = form.get(name);
    if (value == null) {
      return null;
    }
    String stored = value.replace("\u0000", "");
    return stored.length() > maxLength ? stored.substring(0, maxLength) : stored;
  }

  /** @throws InvalidRequestException naming every field read that does not fit */
  void check() {
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }
}
