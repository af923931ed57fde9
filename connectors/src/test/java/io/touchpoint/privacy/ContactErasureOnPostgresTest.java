package io.touchpoint.privacy;

import io.touchpoint.testapp.OnPostgres;

/** The erasure contract on PostgreSQL, the production database. */
class ContactErasureOnPostgresTest extends ContactErasureContract implements OnPostgres {
}
