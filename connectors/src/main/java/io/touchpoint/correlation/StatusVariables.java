package io.touchpoint.correlation;

import io.touchpoint.delivery.DeliveryStatus;
import java.util.Map;

/** The process variables a status brings into the journey that waits for it, e.g. what a reply said. */
@FunctionalInterface
public interface StatusVariables {

  Map<String, Object> of(String deliveryId, DeliveryStatus status);
}
