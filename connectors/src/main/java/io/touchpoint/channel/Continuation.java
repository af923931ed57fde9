package io.touchpoint.channel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a journey goes on from a channel task once its provider answered. */
public sealed interface Continuation {

  /** Variables the journey gets as it goes on. */
  Map<String, Object> variables();

  /** Leave the task; the statuses recorded for the send steer the journey from there. */
  record Leave(Map<String, Object> variables) implements Continuation {

    public static final Leave PLAIN = new Leave(Map.of());

    public Leave {
      variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables)); // values may be null
    }
  }

  /** Raise a BPMN error at the task, for a boundary event to catch. */
  record RaiseBpmnError(String errorCode, String message, Map<String, Object> variables) implements Continuation {

    public RaiseBpmnError {
      variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables)); // values may be null
    }
  }
}
