package io.touchpoint.governor;

/** The send governor on H2, the embedded default. */
class SendGovernorOnH2Test extends SendGovernorContract {
}
