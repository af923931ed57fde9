package io.touchpoint.launch;

import io.touchpoint.trigger.JourneyEvent;
import java.util.ArrayList;
import java.util.List;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a launch's events so that the answer can come at once: set-based, a chunk at a time. A batch is stored in
 * one transaction (all or nothing, then 202); an upload chunk by chunk, so its first chunks are applied while the
 * rest still arrives. Events without an id get one from the launch and their position, so that re-applying a
 * chunk after a node died starts nothing twice.
 */
public class LaunchIntake {

  /** Events per chunk: what one node applies in one go. */
  static final int CHUNK = 500;

  private final LaunchStore store;
  private final TransactionTemplate transaction;
  private final LaunchRunner runner;

  public LaunchIntake(LaunchStore store, PlatformTransactionManager transactionManager, LaunchRunner runner) {
    this.store = store;
    this.transaction = new TransactionTemplate(transactionManager);
    this.runner = runner;
  }

  /** A whole batch, stored in one transaction. */
  public String storeBatch(List<JourneyEvent> events, int received) {
    String launchId = transaction.execute(tx -> {
      String id = store.create(true);
      for (int from = 0, chunk = 0; from < events.size(); from += CHUNK, chunk++) {
        store.addChunk(id, chunk, identified(id, from, events.subList(from, Math.min(events.size(), from + CHUNK))));
      }
      store.count(id, received, events.size(), received - events.size(), true);
      return id;
    });
    runner.nudge();
    return launchId;
  }

  /** An upload of any length: events arrive one by one and are stored a chunk at a time. */
  public Upload upload() {
    return new Upload(store.create(false));
  }

  /** One upload in progress. */
  public final class Upload {

    private final String launchId;
    private final List<JourneyEvent> pending = new ArrayList<>();
    private int chunks;
    private int accepted;

    private Upload(String launchId) {
      this.launchId = launchId;
    }

    public String launchId() {
      return launchId;
    }

    public void add(JourneyEvent event) {
      pending.add(event);
      if (pending.size() == CHUNK) {
        flush();
      }
    }

    /** Stores what is left and marks the launch complete. */
    public void finish(int received, int rejected) {
      flush();
      store.count(launchId, received, accepted, rejected, true);
    }

    private void flush() {
      if (pending.isEmpty()) {
        return;
      }
      List<JourneyEvent> events = identified(launchId, accepted, pending);
      int chunk = chunks++;
      transaction.executeWithoutResult(tx -> store.addChunk(launchId, chunk, events));
      accepted += events.size();
      pending.clear();
      runner.nudge();
    }
  }

  private static List<JourneyEvent> identified(String launchId, int firstPosition, List<JourneyEvent> events) {
    List<JourneyEvent> identified = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      JourneyEvent event = events.get(i);
      identified.add(event.id() != null ? event
          : new JourneyEvent(event.name(), launchId + ":" + (firstPosition + i), event.contact(), event.data()));
    }
    return identified;
  }
}
