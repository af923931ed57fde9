package io.touchpoint.timeline;

import io.touchpoint.timeline.ContactHistory.Journey;
import io.touchpoint.timeline.ContactHistory.Message;
import io.touchpoint.timeline.ContactHistory.OptOut;
import io.touchpoint.timeline.ContactHistory.Status;
import io.touchpoint.timeline.ContactHistory.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A contact's timeline as CSV, one line per event in time order: {@code started}/{@code ended} (a journey),
 * {@code entered}/{@code left} (a step), {@code message} (a send, with its outcome), {@code status} (of a message),
 * {@code opted-out} (an address).
 */
public class TimelineCsv {

  static final String HEADER = "at,event,journey,version,process_instance_id,step,name,channel,provider,"
      + "provider_message_id,detail";

  private record Line(Instant at, List<String> cells) {
  }

  public String of(ContactHistory history) {
    List<Line> lines = new ArrayList<>();
    for (Journey journey : history.journeys()) {
      String version = String.valueOf(journey.version());
      lines.add(line(journey.startedAt(), "started", journey, version, "", "", "", "", "", ""));
      for (Step step : journey.steps()) {
        lines.add(line(step.enteredAt(), "entered", journey, version, step.id(), step.name(), "", "", "", ""));
        if (step.leftAt() != null) {
          lines.add(line(step.leftAt(), "left", journey, version, step.id(), step.name(), "", "", "", ""));
        }
      }
      for (Message message : journey.messages()) {
        String outcome = message.outcomeCode() == null ? message.outcome()
            : message.outcome() + " " + message.outcomeCode();
        lines.add(line(message.at(), "message", journey, version, message.step(), "", message.channel(),
            message.provider(), message.providerMessageId(), outcome));
        for (Status status : message.statuses()) {
          lines.add(line(status.at(), "status", journey, version, message.step(), "", message.channel(),
              message.provider(), message.providerMessageId(), status.status()));
        }
      }
      if (journey.endedAt() != null) {
        lines.add(line(journey.endedAt(), "ended", journey, version, "", "", "", "", "", ""));
      }
    }
    for (OptOut optOut : history.optOuts()) {
      lines.add(new Line(optOut.at(), List.of(optOut.at().toString(), "opted-out", "", "", "", "", "",
          optOut.channel(), "", "", optOut.address() + (optOut.keyword() == null ? "" : " " + optOut.keyword()))));
    }
    // stable: events at the same instant keep the order they were listed in
    lines.sort(Comparator.comparing(Line::at));
    return Stream.concat(Stream.of(HEADER), lines.stream().map(line -> line.cells().stream().map(TimelineCsv::cell)
        .collect(Collectors.joining(",")))).collect(Collectors.joining("\r\n", "", "\r\n"));
  }

  private static Line line(Instant at, String event, Journey journey, String version, String step, String name,
      String channel, String provider, String providerMessageId, String detail) {
    return new Line(at, List.of(at.toString(), event, journey.key(), version, journey.processInstanceId(), step,
        name, channel, provider == null ? "" : provider, providerMessageId == null ? "" : providerMessageId,
        detail == null ? "" : detail));
  }

  /** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
  private static String cell(String value) {
    String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
        ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
