package io.touchpoint.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One channel or webhook step of a journey and what its sends (or calls) reached.
 *
 * @param activityId the BPMN element id
 * @param name       the element's name, else its id
 * @param kind       {@code SMS}, {@code WHATSAPP}, {@code RCS}, {@code EMAIL}, {@code PUSH} or {@code WEBHOOK}
 * @param counts     in a fixed order per kind, see {@link io.touchpoint.delivery.Channel#analyticsCounts()}
 */
public record ComponentMetrics(String activityId, String name, String kind, Map<String, Long> counts) {

  public ComponentMetrics {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }
}
