package io.touchpoint.api;

/** The input limits on the embedded default database. */
class InputLimitsOnH2Test extends InputLimitsContract {
}
