package io.touchpoint.engine;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.trigger.JourneyEvent;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** The business event names the event API accepts: a journey listening to any other could never start or resume. */
final class BusinessEventNames {

  private static final Pattern EVENT_NAME = Pattern.compile(JourneyEvent.NAME_PATTERN);

  private BusinessEventNames() {
  }

  /** @param kind what listens, as the error names it ("Journey start", "Business event") */
  static void require(Element element, ActivityImpl activity, String kind, String event) {
    if (event.length() > JourneyEvent.MAX_NAME_LENGTH || !EVENT_NAME.matcher(event).matches()) {
      throw new BpmnParseException(ErrorCode.DEPLOY_011 + " " + kind + " '" + activity.getId() + "' listens to '"
          + event + "'; a business event name is at most " + JourneyEvent.MAX_NAME_LENGTH
          + " letters, digits and . _ : - such as cart.abandoned", element);
    }
  }
}
