package io.touchpoint.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.trigger.JourneyEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Launches in the database: their events stored set-based in chunks, which nodes claim and apply, and the
 * progress summed over the chunks.
 */
public class LaunchStore {

  /** A chunk a node claimed, with its events in order. */
  record ClaimedChunk(String launchId, int chunk, List<JourneyEvent> events) {
  }

  /** What a chunk's events did, counted. */
  record ChunkCounts(int started, int resumed, int skipped, int failed, Map<String, Integer> skipReasons) {
  }

  private final JdbcClient jdbc;
  private final JdbcOperations batch;
  private final ObjectMapper json;
  private final Clock clock;

  public LaunchStore(JdbcOperations jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batch = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** A new launch; an upload (NDJSON) stays incomplete until its last chunk is stored. */
  String create(boolean complete) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("insert into tp_launch (id, created_at, received, accepted, rejected, complete) values (?, ?, 0, 0, 0, ?)")
        .params(id, now(), complete).update();
    return id;
  }

  /** Stores one chunk of valid events: one statement batch for the events, one row for the chunk. */
  void addChunk(String launchId, int chunk, List<JourneyEvent> events) {
    List<Object[]> rows = new ArrayList<>();
    for (int seq = 0; seq < events.size(); seq++) {
      rows.add(new Object[] {launchId, chunk, seq, toJson(events.get(seq))});
    }
    batch.batchUpdate("insert into tp_launch_event (launch_id, chunk, seq, event) values (?, ?, ?, ?)", rows);
    jdbc.sql("""
            insert into tp_launch_chunk (launch_id, chunk, events, state, created_at) values (?, ?, ?, 'PENDING', ?)""")
        .params(launchId, chunk, events.size(), now()).update();
  }

  void count(String launchId, int received, int accepted, int rejected, boolean complete) {
    jdbc.sql("update tp_launch set received = ?, accepted = ?, rejected = ?, complete = ? where id = ?")
        .params(received, accepted, rejected, complete, launchId).update();
  }

  /**
   * Claims the oldest chunk nobody works on — or one whose node stopped beating (its events are applied again;
   * their ids make each repeat answer what the first application did).
   */
  Optional<ClaimedChunk> claim(String nodeId, Duration deadAfter) {
    OffsetDateTime now = now();
    List<Object[]> candidates = jdbc.sql("""
            select launch_id, chunk, state from tp_launch_chunk c
            where state = 'PENDING' or (state = 'RUNNING' and not exists (select 1 from tp_node n
              where n.id = c.owner_node and n.heartbeat_at >= ?))
            order by created_at, chunk fetch first 20 rows only""")
        .param(now.minus(deadAfter))
        .query((rs, row) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3)}).list();
    for (Object[] candidate : candidates) {
      boolean mine = jdbc.sql("""
              update tp_launch_chunk set state = 'RUNNING', owner_node = ?, claimed_at = ?
              where launch_id = ? and chunk = ? and state = ? and (owner_node is null or claimed_at <= ?)""")
          .params(nodeId, now, candidate[0], candidate[1], candidate[2],
              candidate[2].equals("PENDING") ? now : now.minus(deadAfter))
          .update() > 0;
      if (mine) {
        return Optional.of(new ClaimedChunk((String) candidate[0], (Integer) candidate[1],
            events((String) candidate[0], (Integer) candidate[1])));
      }
    }
    return Optional.empty();
  }

  /** Gives a chunk this node claimed back to any node; the events it applied answer as repeats the next time. */
  void handBack(ClaimedChunk chunk, String nodeId) {
    jdbc.sql("""
            update tp_launch_chunk set state = 'PENDING', owner_node = null, claimed_at = null
            where launch_id = ? and chunk = ? and state = 'RUNNING' and owner_node = ?""")
        .params(chunk.launchId(), chunk.chunk(), nodeId).update();
  }

  /** What the chunk's events did so far, for the launch's progress while its node applies the rest. */
  void recordProgress(ClaimedChunk chunk, ChunkCounts counts, String nodeId) {
    jdbc.sql("""
            update tp_launch_chunk set started = ?, resumed = ?, skipped = ?, failed = ?, skip_reasons = ?
            where launch_id = ? and chunk = ? and state = 'RUNNING' and owner_node = ?""")
        .params(counts.started(), counts.resumed(), counts.skipped(), counts.failed(), toJson(counts.skipReasons()),
            chunk.launchId(), chunk.chunk(), nodeId).update();
  }

  /** Records what the chunk's events did and drops its events (they live on as journeys and event ids). */
  void finish(ClaimedChunk chunk, ChunkCounts counts) {
    jdbc.sql("""
            update tp_launch_chunk set state = 'DONE', started = ?, resumed = ?, skipped = ?, failed = ?,
              skip_reasons = ? where launch_id = ? and chunk = ?""")
        .params(counts.started(), counts.resumed(), counts.skipped(), counts.failed(), toJson(counts.skipReasons()),
            chunk.launchId(), chunk.chunk()).update();
    jdbc.sql("delete from tp_launch_event where launch_id = ? and chunk = ?")
        .params(chunk.launchId(), chunk.chunk()).update();
  }

  Optional<LaunchProgress> progress(String launchId) {
    return jdbc.sql("select received, accepted, rejected, complete, created_at from tp_launch where id = ?")
        .param(launchId)
        .query((rs, row) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getBoolean(4),
            rs.getObject(5, OffsetDateTime.class)})
        .optional().map(launch -> {
          int[] totals = new int[5];
          Map<String, Integer> reasons = new TreeMap<>();
          // a chunk being applied counts what it did so far (recordProgress)
          jdbc.sql("""
                  select started, resumed, skipped, failed, skip_reasons, state from tp_launch_chunk
                  where launch_id = ?""")
              .param(launchId).query(rs -> {
                totals[0] += rs.getInt(1);
                totals[1] += rs.getInt(2);
                totals[2] += rs.getInt(3);
                totals[3] += rs.getInt(4);
                readReasons(rs.getString(5)).forEach((reason, n) -> reasons.merge(reason, n, Integer::sum));
                totals[4] += "DONE".equals(rs.getString(6)) ? 0 : 1;
              });
          int accepted = (Integer) launch[1];
          int applied = totals[0] + totals[1] + totals[2] + totals[3];
          boolean complete = (Boolean) launch[3];
          return new LaunchProgress(launchId, ((OffsetDateTime) launch[4]).toInstant(),
              complete && totals[4] == 0 ? "done" : complete ? "running" : "receiving",
              (Integer) launch[0], accepted, (Integer) launch[2], totals[0], totals[1], totals[2], reasons,
              totals[3], accepted - applied);
        });
  }

  private List<JourneyEvent> events(String launchId, int chunk) {
    return jdbc.sql("select event from tp_launch_event where launch_id = ? and chunk = ? order by seq")
        .params(launchId, chunk).query(String.class).list().stream().map(this::toEvent).toList();
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JourneyEvent toEvent(String text) {
    try {
      return json.readValue(text, JourneyEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(ErrorCode.LAUNCH_001 + " a stored event is unreadable", e);
    }
  }

  private Map<String, Integer> readReasons(String text) {
    if (text == null) {
      return Map.of();
    }
    try {
      return json.readValue(text, new TypeReference<Map<String, Integer>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
