package io.touchpoint.analytics;

/** The analytics contract on the embedded default database. */
class JourneyAnalyticsOnH2Test extends JourneyAnalyticsContract {
}
