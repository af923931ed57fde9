package io.touchpoint.retention;

/** The retention contract on the embedded default database. */
class LedgerRetentionOnH2Test extends LedgerRetentionContract {
}
