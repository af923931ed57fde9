package io.touchpoint.engine;

import io.touchpoint.testapp.OnPostgres;

/** Job acquisition on PostgreSQL, the production database. */
class JobAcquisitionOnPostgresTest extends JobAcquisitionContract implements OnPostgres {
}
