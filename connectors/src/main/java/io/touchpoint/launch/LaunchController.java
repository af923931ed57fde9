package io.touchpoint.launch;

import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.NotFoundException;
import io.touchpoint.api.RequestBodies;
import io.touchpoint.api.StrictJsonReader.Element;
import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.trigger.JourneyEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Campaign launches: {@code POST /api/events/batch} (up to 10 000 events as JSON) and {@code POST /api/launches}
 * (any number, one JSON event per line) answer 202 as soon as the valid events are stored; journeys start in the
 * background on every node. {@code GET /api/launches/{id}} tells how far a launch got.
 */
@RestController
public class LaunchController {

  /** Events one batch may hold. */
  public static final int MAX_BATCH_EVENTS = 10_000;
  /** Problems an upload's answer lists; the rest are counted only. */
  static final int MAX_LISTED_PROBLEMS = 1_000;

  /** The launch a request stored, and where to follow it. */
  public record Stored(String id, int accepted, int rejected, URI progress) {

    static Stored of(String id, int accepted, int rejected) {
      return new Stored(id, accepted, rejected, URI.create("/api/launches/" + id));
    }
  }

  /** A batch's answer: its launch, and the problems of the events refused, each by its position. */
  public record BatchAnswer(Stored launch, List<Refused> errors) {
  }

  /** One problem of an event of the batch that was not stored. */
  public record Refused(int index, String field, String problem) {
  }

  /** An upload's answer: its launch, and the problems of the lines refused (the first thousand). */
  public record UploadAnswer(Stored launch, List<RefusedLine> errors) {
  }

  /** One problem of a line of an upload that was not stored. */
  public record RefusedLine(int line, String field, String problem) {
  }

  private final LaunchIntake intake;
  private final LaunchStore store;
  private final StrictJsonReader json;
  private final DataSize maxEventSize;
  private final DataSize maxBatchBodySize;

  public LaunchController(LaunchIntake intake, LaunchStore store, StrictJsonReader json, DataSize maxEventSize,
      DataSize maxBatchBodySize) {
    this.intake = intake;
    this.store = store;
    this.json = json;
    this.maxEventSize = maxEventSize;
    this.maxBatchBodySize = maxBatchBodySize;
  }

  /** Each event on its own: a bad one is reported by its position, the others are stored and start. */
  @PostMapping("/api/events/batch")
  public ResponseEntity<BatchAnswer> batch(HttpServletRequest request)
      throws IOException, HttpMediaTypeNotSupportedException {
    byte[] body = RequestBodies.readJson(request, maxBatchBodySize, "touchpoint.api.max-batch-body-size");
    List<JourneyEvent> valid = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    List<Element<JourneyEvent>> events = json.readEach(body, "events", MAX_BATCH_EVENTS, JourneyEvent.class);
    for (Element<JourneyEvent> event : events) {
      if (event.value() != null) {
        valid.add(event.value());
      }
      event.problems().forEach(problem -> refused.add(new Refused(event.index(), problem.field(), problem.problem())));
    }
    String launchId = intake.storeBatch(valid, events.size());
    Stored stored = Stored.of(launchId, valid.size(), events.size() - valid.size());
    return ResponseEntity.accepted().location(stored.progress()).body(new BatchAnswer(stored, refused));
  }

  /** An upload of any length, one event per line; each line is refused or stored on its own. */
  @PostMapping("/api/launches")
  public ResponseEntity<UploadAnswer> upload(HttpServletRequest request)
      throws IOException, HttpMediaTypeNotSupportedException {
    LaunchIntake.Upload upload = intake.upload();
    List<RefusedLine> refused = new ArrayList<>();
    int[] counts = new int[2]; // received, rejected
    RequestBodies.readLines(request, maxEventSize, line -> {
      if (line.bytes().length == 0 && !line.tooLong()) {
        return;
      }
      counts[0]++;
      List<FieldProblem> problems = line.tooLong()
          ? List.of(new FieldProblem("(line)", "is larger than " + maxEventSize.toBytes()
              + " bytes (touchpoint.api.max-body-size)"))
          : read(line.bytes(), upload);
      if (!problems.isEmpty()) {
        counts[1]++;
        problems.stream().filter(problem -> refused.size() < MAX_LISTED_PROBLEMS)
            .forEach(problem -> refused.add(new RefusedLine(line.number(), problem.field(), problem.problem())));
      }
    });
    upload.finish(counts[0], counts[1]);
    Stored stored = Stored.of(upload.launchId(), counts[0] - counts[1], counts[1]);
    return ResponseEntity.accepted().location(stored.progress()).body(new UploadAnswer(stored, refused));
  }

  @GetMapping("/api/launches/{id}")
  public LaunchProgress progress(@PathVariable String id) {
    return store.progress(id).orElseThrow(() -> new NotFoundException("no launch '" + id + "'"));
  }

  private List<FieldProblem> read(byte[] line, LaunchIntake.Upload upload) {
    try {
      upload.add(json.read(line, JourneyEvent.class));
      return List.of();
    } catch (InvalidRequestException invalid) {
      return invalid.problems();
    }
  }
}
