package io.touchpoint.api;

import io.touchpoint.testapp.OnPostgres;

/** The input limits on PostgreSQL, whose columns refuse what does not fit (and the NUL character). */
class InputLimitsOnPostgresTest extends InputLimitsContract implements OnPostgres {
}
