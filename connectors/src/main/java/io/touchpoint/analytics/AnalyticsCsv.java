package io.touchpoint.analytics;

import java.util.List;

/** CSV exports (RFC 4180: comma separated, CRLF line ends, quoted when needed) with stable column names. */
public class AnalyticsCsv {

  public String journeys(List<JourneyMetrics> journeys) {
    throw new UnsupportedOperationException("in progress");
  }

  public String components(JourneyReport report) {
    throw new UnsupportedOperationException("in progress");
  }
}
