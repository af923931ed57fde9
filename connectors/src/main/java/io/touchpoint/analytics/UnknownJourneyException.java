package io.touchpoint.analytics;

/** No journey of that key (or no such version of it) is deployed. */
public class UnknownJourneyException extends RuntimeException {

  public UnknownJourneyException(String key, Integer version) {
    super(version == null ? "no journey '" + key + "' is deployed"
        : "journey '" + key + "' has no version " + version);
  }
}
