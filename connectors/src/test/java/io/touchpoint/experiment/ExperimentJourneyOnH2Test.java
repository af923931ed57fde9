package io.touchpoint.experiment;

/** The experiment contract on H2, the embedded default. */
class ExperimentJourneyOnH2Test extends ExperimentJourneyContract {
}
