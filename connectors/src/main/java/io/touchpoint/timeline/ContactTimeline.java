package io.touchpoint.timeline;

import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.NotFoundException;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.timeline.ContactHistory.Journey;
import io.touchpoint.timeline.ContactHistory.Message;
import io.touchpoint.timeline.ContactHistory.OptOut;
import io.touchpoint.timeline.ContactHistory.Status;
import io.touchpoint.timeline.ContactHistory.Step;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A contact's timeline, from the engine's history (journeys, steps) and the delivery ledger (messages, opt-outs). */
public class ContactTimeline {

  /** The longest contact id the event API accepts. */
  private static final int MAX_ID_LENGTH = 255;

  private final HistoryService history;
  private final JdbcClient jdbc;

  public ContactTimeline(HistoryService history, JdbcClient jdbc) {
    this.history = history;
    this.jdbc = jdbc;
  }

  /** A contact id that is blank or too long is refused naming {@code id}; one Touchpoint does not know is 404. */
  public ContactHistory of(String contact) {
    if (contact.isBlank() || contact.length() > MAX_ID_LENGTH) {
      throw new InvalidRequestException(List.of(new FieldProblem("id",
          "must be a contact id of 1 to " + MAX_ID_LENGTH + " characters")));
    }
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(contact).orderByProcessInstanceStartTime().asc().list();
    Set<String> addresses = new TreeSet<>(jdbc.sql(
            "select distinct recipient from tp_delivery where contact_id = ? and recipient is not null")
        .param(contact).query(String.class).list());
    if (instances.isEmpty() && addresses.isEmpty()) {
      throw new NotFoundException("Touchpoint knows no contact '" + contact + "'");
    }
    List<Journey> journeys = instances.stream().map(instance -> new Journey(instance.getProcessDefinitionKey(),
        instance.getProcessDefinitionVersion(), instance.getId(), instant(instance.getStartTime()),
        instant(instance.getEndTime()), steps(instance.getId()), messages(instance.getId()))).toList();
    return new ContactHistory(contact, journeys, optOuts(addresses));
  }

  private List<Step> steps(String processInstanceId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
        .map(step -> new Step(step.getActivityId(), step.getActivityName() == null ? step.getActivityId()
            : step.getActivityName(), instant(step.getStartTime()), instant(step.getEndTime())))
        .toList();
  }

  private List<Message> messages(String processInstanceId) {
    List<Message> messages = new ArrayList<>();
    jdbc.sql("""
            select id, activity_id, channel, provider, provider_message_id, outcome, outcome_code, outcome_reason,
              created_at
            from tp_delivery where process_instance_id = ? and parent_id is null order by created_at, id""")
        .param(processInstanceId)
        .query((rs, row) -> Map.entry(rs.getString("id"), new Message(rs.getString("activity_id"),
            Channel.valueOf(rs.getString("channel")).wireName(), rs.getString("provider"),
            rs.getString("provider_message_id"), rs.getString("outcome"), rs.getString("outcome_code"),
            rs.getString("outcome_reason"), rs.getObject("created_at", OffsetDateTime.class).toInstant(), null)))
        .list()
        .forEach(delivery -> {
          Message message = delivery.getValue();
          messages.add(new Message(message.step(), message.channel(), message.provider(),
              message.providerMessageId(), message.outcome(), message.outcomeCode(), message.reason(), message.at(),
              statuses(delivery.getKey())));
        });
    return messages;
  }

  private List<Status> statuses(String deliveryId) {
    return jdbc.sql("select status, occurred_at from tp_delivery_status where delivery_id = ? order by occurred_at")
        .param(deliveryId)
        .query((rs, row) -> new Status(DeliveryStatus.valueOf(rs.getString(1)).wireName(),
            rs.getObject(2, OffsetDateTime.class).toInstant()))
        .list();
  }

  private List<OptOut> optOuts(Set<String> addresses) {
    if (addresses.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select channel, address, keyword, created_at from tp_opt_out where address in (:addresses)
            order by created_at""")
        .param("addresses", addresses)
        .query((rs, row) -> new OptOut(Channel.valueOf(rs.getString(1)).wireName(), rs.getString(2),
            rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()))
        .list();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
