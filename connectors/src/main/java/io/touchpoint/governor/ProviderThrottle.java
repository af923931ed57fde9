package io.touchpoint.governor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One provider as this node's send lane sees it: whether a call may be made now. A 429 pause (shared by all nodes,
 * read again at most every {@code pauseRefresh}) stops every call; a rate limit lets a call go only with a token of
 * a lease from the shared {@link ProviderBudget}, used within the lease's validity.
 */
public class ProviderThrottle {

  /** What the provider's health reports. */
  public enum State { UP, PAUSED, RATE_LIMITED }

  /** Permission for one call, lapsing at {@code deadline} ({@link System#nanoTime()}). */
  public record Turn(long deadline) {

    static final Turn UNLIMITED = new Turn(Long.MAX_VALUE);
  }

  /** How 429s pause the provider. */
  public record Backoff(Duration first, Duration longest, Duration pauseRefresh) {
  }

  private final String provider;
  private final ProviderRateLimit limit;
  private final Duration margin;
  private final Backoff backoff;
  private final ProviderBudget budget;
  private final String nodeId;
  private final Clock clock;

  private final Object pauseLock = new Object();
  private volatile Instant pausedUntil;
  private volatile long pauseReadAt;
  private volatile boolean pauseKnown;
  private volatile Instant exhaustedUntil = Instant.MIN;

  // this node's current lease, guarded by this
  private String lease;
  private int leaseTokens;
  private int leaseUsed;
  private long leaseDeadline;

  /** @param limit the provider's rate limit, or null for none */
  public ProviderThrottle(String provider, ProviderRateLimit limit, Duration margin, Backoff backoff,
      ProviderBudget budget, String nodeId, Clock clock) {
    this.provider = provider;
    this.limit = limit;
    this.margin = margin;
    this.backoff = backoff;
    this.budget = budget;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  public String provider() {
    return provider;
  }

  /** Waits until this node may call the provider once. */
  public Turn awaitTurn() throws InterruptedException {
    while (true) {
      Duration paused = pauseRemaining();
      if (!paused.isZero()) {
        sleep(paused);
        continue;
      }
      if (limit == null) {
        return Turn.UNLIMITED;
      }
      Duration wait;
      synchronized (this) {
        Turn turn = fromLease();
        if (turn != null) {
          return turn;
        }
        long asked = System.nanoTime();
        ProviderBudget.Grant grant = budget.lease(limit, margin, nodeId, limit.leaseSize(), lease, leaseUsed);
        lease = null;
        if (grant.pausedUntil() != null) {
          pauseLearned(grant.pausedUntil(), asked);
          continue;
        }
        if (grant.tokens() == 0) {
          exhaustedUntil = grant.retryAt();
          wait = Duration.between(clock.instant(), grant.retryAt());
        } else {
          exhaustedUntil = Instant.MIN;
          lease = grant.id();
          leaseTokens = grant.tokens();
          leaseUsed = 1;
          leaseDeadline = asked + limit.leaseValidity().toNanos();
          return new Turn(leaseDeadline);
        }
      }
      sleep(wait);
    }
  }

  /** A turn without waiting and without asking the database, or null: what the current lease still allows. */
  public Turn tryTurn() {
    if (!pauseRemaining().isZero()) {
      return null;
    }
    if (limit == null) {
      return Turn.UNLIMITED;
    }
    synchronized (this) {
      return fromLease();
    }
  }

  /** Whether a turn taken earlier still allows the call: its lease is valid and no pause began since. */
  public boolean stillAllows(Turn turn) {
    return System.nanoTime() - turn.deadline() < 0 && pauseRemaining().isZero();
  }

  /**
   * The provider answered 429: pauses it on all nodes.
   *
   * @return how long from now the pause lasts
   */
  public Duration throttled(Optional<Duration> retryAfter) {
    Instant until = budget.pause(provider, retryAfter, backoff.first(), backoff.longest());
    pauseLearned(until, System.nanoTime());
    return remaining(until);
  }

  /** How long the provider stays paused, as this node last read it (at most {@code pauseRefresh} ago). */
  public Duration pauseRemaining() {
    if (!pauseKnown || System.nanoTime() - pauseReadAt > backoff.pauseRefresh().toNanos()) {
      long readAt = System.nanoTime();
      pauseLearned(budget.pausedUntil(provider).orElse(null), readAt);
    }
    Instant until = pausedUntil;
    return until == null ? Duration.ZERO : remaining(until);
  }

  public State state() {
    if (!pauseRemaining().isZero()) {
      return State.PAUSED;
    }
    return clock.instant().isBefore(exhaustedUntil) ? State.RATE_LIMITED : State.UP;
  }

  private Turn fromLease() {
    if (lease != null && leaseUsed < leaseTokens && System.nanoTime() - leaseDeadline < 0) {
      leaseUsed++;
      return new Turn(leaseDeadline);
    }
    return null;
  }

  /**
   * Keeps what was read at {@code readAt} ({@link System#nanoTime()}) unless something newer was learned meanwhile
   * (a read that started before this node's own 429 was recorded must not undo it).
   */
  private void pauseLearned(Instant until, long readAt) {
    synchronized (pauseLock) {
      if (!pauseKnown || readAt - pauseReadAt >= 0) {
        pausedUntil = until;
        pauseReadAt = readAt;
        pauseKnown = true;
      }
    }
  }

  private Duration remaining(Instant until) {
    Duration left = Duration.between(clock.instant(), until);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Sleeps at most one pause refresh, so a pause another node began meanwhile is noticed. */
  private void sleep(Duration wait) throws InterruptedException {
    long millis = Math.min(Math.max(1, wait.toMillis()), backoff.pauseRefresh().toMillis());
    Thread.sleep(millis);
  }
}
