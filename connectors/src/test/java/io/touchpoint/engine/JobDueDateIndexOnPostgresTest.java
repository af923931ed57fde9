package io.touchpoint.engine;

import io.touchpoint.testapp.OnPostgres;

/** The job due-date index on PostgreSQL, the production database. */
class JobDueDateIndexOnPostgresTest extends JobDueDateIndexContract implements OnPostgres {
}
