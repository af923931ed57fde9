package io.touchpoint.trigger;

import io.touchpoint.testapp.OnPostgres;

/** The event API on PostgreSQL, where a duplicate key aborts the whole transaction. */
class EventApiOnPostgresTest extends EventApiTest implements OnPostgres {
}
