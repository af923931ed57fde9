package io.touchpoint.retention;

import io.touchpoint.testapp.OnPostgres;

/** The retention contract on PostgreSQL, the production database. */
class LedgerRetentionOnPostgresTest extends LedgerRetentionContract implements OnPostgres {
}
