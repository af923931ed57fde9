package io.touchpoint.experiment;

import io.touchpoint.testapp.OnPostgres;

/** The experiment contract on PostgreSQL, the production database. */
class ExperimentJourneyOnPostgresTest extends ExperimentJourneyContract implements OnPostgres {
}
