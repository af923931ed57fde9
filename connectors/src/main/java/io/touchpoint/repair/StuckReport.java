package io.touchpoint.repair;

import java.util.List;

/**
 * Where a journey's contacts are stuck: per step, those waiting there longer than {@code olderThan}, and the
 * incidents there grouped by error code.
 */
public record StuckReport(String key, String olderThan, List<StuckStep> steps) {

  /** @param sample the first contacts of those waiting, as many as {@link StuckContacts#SAMPLE} */
  public record StuckStep(String step, String name, long contacts, List<String> sample, List<IncidentGroup> incidents) {
  }

  /**
   * @param code    the Touchpoint error code the incident message starts with, else the incident type
   * @param example the message of one of them
   */
  public record IncidentGroup(String code, long count, String example) {
  }
}
