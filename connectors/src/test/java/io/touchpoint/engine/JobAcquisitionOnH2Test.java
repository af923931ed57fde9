package io.touchpoint.engine;

/** Job acquisition on the embedded default database. */
class JobAcquisitionOnH2Test extends JobAcquisitionContract {
}
