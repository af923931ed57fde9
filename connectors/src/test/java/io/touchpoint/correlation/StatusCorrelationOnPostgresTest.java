package io.touchpoint.correlation;

import io.touchpoint.testapp.OnPostgres;

/** The status correlation contract on PostgreSQL, the production database. */
class StatusCorrelationOnPostgresTest extends StatusCorrelationContract implements OnPostgres {
}
