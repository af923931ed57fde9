package io.touchpoint.correlation;

/** The status correlation contract on the embedded default database. */
class StatusCorrelationOnH2Test extends StatusCorrelationContract {
}
