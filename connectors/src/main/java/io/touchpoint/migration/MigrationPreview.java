package io.touchpoint.migration;

import java.util.List;

/**
 * Where a migration would take the contacts of each step that has some.
 *
 * @param contacts    all contacts in version {@code from}
 * @param unmappable  those at steps that cannot be mapped: they would stay on {@code from} ({@code allowDrop})
 */
public record MigrationPreview(String key, int from, int to, long contacts, long unmappable, List<StepMapping> steps) {

  /**
   * @param to      the step of the target version the contacts would continue at; null when none
   * @param problem why the step cannot be mapped; null when it can
   */
  public record StepMapping(String step, String name, long contacts, String to, String problem) {

    boolean mappable() {
      return to != null && problem == null;
    }
  }

  List<String> unmappableSteps() {
    return steps.stream().filter(step -> !step.mappable()).map(StepMapping::step).toList();
  }
}
