package io.touchpoint.analytics;

import io.touchpoint.testapp.OnPostgres;

/** The analytics contract on PostgreSQL, the production database. */
class JourneyAnalyticsOnPostgresTest extends JourneyAnalyticsContract implements OnPostgres {
}
