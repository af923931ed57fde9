package io.touchpoint.provider;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The lost attempts that one recovery run reconciles with one provider: how many, and when they began. A node that
 * dies leaves hundreds of them at once; a provider that can list its messages answers them all from one listing
 * ({@link #once}) rather than one look each.
 */
public final class LookupRound {

  private final int attempts;
  private final Instant earliestStart;
  private final Instant latestStart;
  private final Map<Object, Object> learned = new ConcurrentHashMap<>();

  /**
   * @param earliestStart when the earliest of the round's attempts began; {@code null} when one of them is not known
   * @param latestStart   when the latest began; {@code null} when one of them is not known
   */
  public LookupRound(int attempts, Instant earliestStart, Instant latestStart) {
    this.attempts = attempts;
    this.earliestStart = earliestStart;
    this.latestStart = latestStart;
  }

  public int attempts() {
    return attempts;
  }

  public Optional<Instant> earliestStart() {
    return Optional.ofNullable(earliestStart);
  }

  public Optional<Instant> latestStart() {
    return Optional.ofNullable(latestStart);
  }

  /**
   * What {@code lookUp} finds, asked once for the whole round under {@code key}: the attempts looked up meanwhile
   * wait for it rather than ask too.
   */
  @SuppressWarnings("unchecked")
  public <T> T once(Object key, Supplier<T> lookUp) {
    return (T) learned.computeIfAbsent(key, k -> lookUp.get());
  }
}
