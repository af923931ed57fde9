package io.touchpoint.analytics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Clock;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Journey analytics, computed from the engine's history ({@code ACT_HI_*}) and Touchpoint's
 * delivery ledger with a few aggregate queries each, so a journey with a hundred thousand
 * instances answers well within a second on PostgreSQL.
 */
public class JourneyAnalytics {

  private final JdbcClient jdbc;
  private final RepositoryService repository;
  private final Clock clock;
  /** Deployed definitions never change, so their parsed models can be kept. */
  private final Map<String, JourneyModel> models = new ConcurrentHashMap<>();

  public JourneyAnalytics(JdbcClient jdbc, RepositoryService repository, Clock clock) {
    this.jdbc = jdbc;
    this.repository = repository;
    this.clock = clock;
  }

  /** Every deployed journey, by key, with its figures over the instances started in the range. */
  public List<JourneyMetrics> journeys(AnalyticsRange range) {
    throw new UnsupportedOperationException("in progress");
  }

  /**
   * One journey in detail.
   *
   * @param version null for all versions together
   * @throws UnknownJourneyException when no such journey (or version) is deployed
   */
  public JourneyReport journey(String journeyKey, Integer version, AnalyticsRange range) {
    throw new UnsupportedOperationException("in progress");
  }
}
