package io.touchpoint.governor;

import io.touchpoint.testapp.OnPostgres;

/** The send governor on PostgreSQL, the production database. */
class SendGovernorOnPostgresTest extends SendGovernorContract implements OnPostgres {
}
