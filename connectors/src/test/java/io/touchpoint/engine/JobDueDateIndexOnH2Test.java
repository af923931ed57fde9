package io.touchpoint.engine;

/** The job due-date index on the embedded default database. */
class JobDueDateIndexOnH2Test extends JobDueDateIndexContract {
}
