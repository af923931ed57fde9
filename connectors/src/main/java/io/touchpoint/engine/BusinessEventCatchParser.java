package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.journey.TouchpointElements;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Business event catches (message catch events with a {@code touchpoint.awaitEvent}: start, intermediate or
 * boundary): a name the event API accepts; the subscription scoped to the journey's contact.
 */
final class BusinessEventCatchParser {

  void parse(Element element, ActivityImpl activity) {
    String event = property(activity, TouchpointElements.AWAIT_EVENT);
    if (event != null) {
      BusinessEventNames.require(element, activity, "Business event", event);
      CatchEventSubscriptions.scope(element, activity, SubscriptionName.ofBusinessEvent(event));
    }
  }
}
