package io.touchpoint.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.autoconfigure.TouchpointSchema;
import io.touchpoint.store.InsertOnce;
import io.touchpoint.testapp.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The shared budget and pause rows, on Touchpoint's clock moved by the test (no waiting). Only the budget and its
 * tables: no engine, no application.
 */
class ProviderBudgetTest {

  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Duration LONGEST = Duration.ofMinutes(1);
  private static final Duration MARGIN = Duration.ofMillis(100);

  private final TestClock touchpointClock = new TestClock();
  private final ProviderBudget budget = budgetOnItsOwnDatabase();

  private ProviderBudget budgetOnItsOwnDatabase() {
    var database = new DriverManagerDataSource("jdbc:h2:mem:budget-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    new TouchpointSchema(database);
    var transactionManager = new DataSourceTransactionManager(database);
    return new ProviderBudget(JdbcClient.create(database), new InsertOnce(transactionManager), transactionManager,
        touchpointClock);
  }

  @Test
  void aLimitGrantsNoMoreTokensThanItsCountWithinTheWindowValidityAndMargin() {
    String provider = "budget-" + System.nanoTime();
    ProviderRateLimit limit = new ProviderRateLimit(provider, 3, Duration.ofSeconds(1));
    Instant start = touchpointClock.instant();

    ProviderBudget.Grant first = budget.lease(limit, MARGIN, "node-a", 1, null, 0);
    ProviderBudget.Grant second = budget.lease(limit, MARGIN, "node-b", 5, null, 0);
    ProviderBudget.Grant none = budget.lease(limit, MARGIN, "node-a", 1, first.id(), 1);

    assertThat(first.tokens()).isOne();
    assertThat(second.tokens()).as("only what is left of the count").isEqualTo(2);
    assertThat(none.tokens()).isZero();
    // the first grant leaves the look-back of 1 s + 100 ms validity + 100 ms margin
    assertThat(none.retryAt()).isBetween(start.plusMillis(1200), touchpointClock.instant().plusMillis(1200));

    touchpointClock.advance(Duration.ofMillis(1500));
    assertThat(budget.lease(limit, MARGIN, "node-a", 1, null, 0).tokens()).isOne();
  }

  @Test
  void tokensANodeDidNotUseAreGivenBackWhenItTakesItsNextLease() {
    String provider = "budget-" + System.nanoTime();
    ProviderRateLimit limit = new ProviderRateLimit(provider, 4, Duration.ofSeconds(1));

    ProviderBudget.Grant lease = budget.lease(limit, MARGIN, "node-a", 4, null, 0);
    ProviderBudget.Grant next = budget.lease(limit, MARGIN, "node-a", 4, lease.id(), 1);

    assertThat(lease.tokens()).isEqualTo(4);
    assertThat(next.tokens()).as("three of the first lease were not used").isEqualTo(3);
  }

  @Test
  void a429WithoutRetryAfterPausesForABackoffThatDoublesWhile429sFollowAndStartsOverAfterwards() {
    String provider = "pause-" + System.nanoTime();

    assertThat(pauseFor(provider, Optional.empty())).isEqualTo(FIRST);
    touchpointClock.advance(Duration.ofMillis(1500)); // resumed, and throttled again soon after
    assertThat(pauseFor(provider, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    touchpointClock.advance(Duration.ofMillis(2500));
    assertThat(pauseFor(provider, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
    touchpointClock.advance(Duration.ofSeconds(20)); // calls went through for longer than the last backoff
    assertThat(pauseFor(provider, Optional.empty())).isEqualTo(FIRST);
  }

  @Test
  void aRetryAfterIsHonouredAndAPauseAlreadyOnIsNeitherShortenedNorLengthenedByLate429s() {
    String provider = "pause-" + System.nanoTime();

    assertThat(pauseFor(provider, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
    assertThat(pauseFor(provider, Optional.of(Duration.ofSeconds(5)))).as("not shortened")
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(pauseFor(provider, Optional.empty())).as("a call made before the pause").isEqualTo(
        Duration.ofSeconds(30));
    assertThat(budget.pausedUntil(provider)).isPresent();
  }

  @Test
  void aMalformedLimitIsRefusedNamingWhatIsWrong() {
    assertThat(ProviderRateLimit.parse("Twilio", "100/1s")).isEqualTo(new ProviderRateLimit("twilio", 100,
        Duration.ofSeconds(1)));
    assertThat(ProviderRateLimit.parse("fcm", "3000/PT1M").window()).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> ProviderRateLimit.parse("sms", "1/1s")).hasMessageContaining("not a provider");
    assertThatThrownBy(() -> ProviderRateLimit.parse("smtp", "fast")).hasMessageContaining("<count>/<duration>");
    assertThatThrownBy(() -> ProviderRateLimit.parse("smtp", "0/1s")).hasMessageContaining("at least 1");
  }

  private Duration pauseFor(String provider, Optional<Duration> retryAfter) {
    Instant now = touchpointClock.instant();
    Instant until = budget.pause(provider, retryAfter, FIRST, LONGEST);
    // the pause began at the 429, a moment before this reading of the clock
    return Duration.ofSeconds(Math.round(Duration.between(now, until).toMillis() / 1000.0));
  }
}
