package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.journey.JourneyOutcome;
import io.touchpoint.journey.TouchpointElements;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * The journey's goal: the business events (Business event elements) from which sequence flows lead to an end
 * marked {@code goal}, as a goal is modelled (an event subprocess started by {@code order.placed}, a boundary or
 * catch event on it). Experiments count these events as conversions.
 */
final class JourneyGoal {

  private JourneyGoal() {
  }

  static Set<String> events(List<ActivityImpl> activities) {
    Set<String> events = new TreeSet<>();
    for (ActivityImpl activity : activities) {
      String event = property(activity, TouchpointElements.AWAIT_EVENT);
      if (event != null && leadsToGoal(activity)) {
        events.add(event);
      }
    }
    return events;
  }

  private static boolean leadsToGoal(ActivityImpl from) {
    Set<ActivityImpl> seen = new HashSet<>();
    Deque<ActivityImpl> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      ActivityImpl current = todo.pop();
      if (!seen.add(current)) {
        continue;
      }
      if (JourneyOutcome.GOAL.wireName().equals(property(current, TouchpointElements.OUTCOME))) {
        return true;
      }
      for (PvmTransition outgoing : current.getOutgoingTransitions()) {
        todo.push((ActivityImpl) outgoing.getDestination());
      }
    }
    return false;
  }
}
