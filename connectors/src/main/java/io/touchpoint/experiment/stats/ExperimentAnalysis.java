package io.touchpoint.experiment.stats;

import java.util.List;

/**
 * An experiment's figures at one look.
 *
 * @param variants every variant, the control included, in the order given
 * @param holdout  the holdout group compared with the journey's treated population; null when there is none
 * @param srm      whether the assignment counts drift from the weights (holdout included)
 */
public record ExperimentAnalysis(List<VariantResult> variants, VariantResult holdout, Srm srm) {

  public ExperimentAnalysis {
    variants = List.copyOf(variants);
  }
}
