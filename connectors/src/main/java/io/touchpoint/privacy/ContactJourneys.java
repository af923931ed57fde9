package io.touchpoint.privacy;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.journey.ContactAddresses;
import io.touchpoint.journey.TouchpointElements;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's side of erasing a contact: their journey instances (business key = contact id), the addresses held
 * in those instances' variables, and the personal data the engine keeps about them — variables and their history,
 * the business key, failure messages and stack traces. Only instances of journeys are touched (definitions with
 * Touchpoint elements), so a host application's other processes that happen to use the same business key are not.
 */
public class ContactJourneys {

  /** Why an erased contact's running journeys were cancelled; names no one. */
  public static final String CANCELLED = ErrorCode.PRIVACY_001 + " cancelled: its contact was erased";

  private static final String ERASED_MESSAGE = "erased with the contact's personal data";

  private final Supplier<ProcessEngine> engine;
  private final JdbcClient jdbc;
  private final Map<String, Boolean> journeyDefinitions = new ConcurrentHashMap<>();

  /** @param engine resolved on first use: the engine is built after the plugin's beans */
  public ContactJourneys(Supplier<ProcessEngine> engine, JdbcClient jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
  }

  /** The contact's journey instances, running or ended. */
  public Set<String> of(String contactId) {
    ProcessEngine processEngine = engine.get();
    Stream<Instance> running = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(contactId).list().stream()
        .map(instance -> new Instance(instance.getId(), instance.getProcessDefinitionId()));
    Stream<Instance> recorded = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(contactId).list().stream()
        .map(instance -> new Instance(instance.getId(), instance.getProcessDefinitionId()));
    Set<String> journeys = new LinkedHashSet<>();
    Stream.concat(running, recorded).filter(this::isJourney).forEach(instance -> journeys.add(instance.id()));
    return journeys;
  }

  /**
   * The addresses the instances' contact variables hold, as the ledger and consent know them: a number also with
   * the {@code whatsapp:} and {@code rcs:} prefixes, each of several push tokens.
   */
  public Set<String> addressesIn(Collection<String> instanceIds) {
    Set<String> addresses = new LinkedHashSet<>();
    if (instanceIds.isEmpty()) {
      return addresses;
    }
    String[] ids = instanceIds.toArray(String[]::new);
    String[] names = ContactAddresses.VARIABLES.toArray(String[]::new);
    ProcessEngine processEngine = engine.get();
    Stream<Object> current = processEngine.getRuntimeService().createVariableInstanceQuery()
        .processInstanceIdIn(ids).variableNameIn(names).list().stream().map(variable -> variable.getValue());
    Stream<Object> recorded = processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceIdIn(ids).variableNameIn(names).list().stream().map(variable -> variable.getValue());
    Stream.concat(current, recorded).filter(String.class::isInstance).map(String.class::cast)
        .flatMap(value -> Stream.of(value.split(","))).map(String::trim).filter(value -> !value.isEmpty())
        .forEach(value -> {
          addresses.add(value);
          if (value.startsWith("+")) {
            addresses.add("whatsapp:" + value);
            addresses.add("rcs:" + value);
          }
        });
    return addresses;
  }

  /** Cancels those of the instances still running, so no journey messages the contact again; answers how many. */
  public int cancelRunning(Collection<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      return 0;
    }
    List<String> running = engine.get().getRuntimeService().createProcessInstanceQuery()
        .processInstanceIds(Set.copyOf(instanceIds)).list().stream().map(ProcessInstance::getId).toList();
    if (!running.isEmpty()) {
      engine.get().getRuntimeService().deleteProcessInstances(running, CANCELLED, false, true);
    }
    return running.size();
  }

  /**
   * Erases what the engine's history keeps of the instances that names the contact: variables (with their
   * history), the business key (replaced by the pseudonym), failure messages and stack traces of their jobs.
   * What the engine counts — instances, activities, incidents — stays, so analytics does not change.
   */
  public void eraseHistory(Collection<String> instanceIds, String pseudonym) {
    List<String> recorded = instanceIds.isEmpty() ? List.of()
        : engine.get().getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceIds(Set.copyOf(instanceIds)).list().stream().map(HistoricProcessInstance::getId).toList();
    if (recorded.isEmpty()) {
      return;
    }
    recorded.forEach(engine.get().getHistoryService()::deleteHistoricVariableInstancesByProcessInstanceId);
    jdbc.sql("update ACT_HI_PROCINST set BUSINESS_KEY_ = :pseudonym where ID_ in (:ids)")
        .param("pseudonym", pseudonym).param("ids", recorded).update();
    jdbc.sql("update ACT_HI_INCIDENT set INCIDENT_MSG_ = :erased where PROC_INST_ID_ in (:ids) "
            + "and INCIDENT_MSG_ is not null")
        .param("erased", ERASED_MESSAGE).param("ids", recorded).update();
    List<String> stackTraces = jdbc.sql("select JOB_EXCEPTION_STACK_ID_ from ACT_HI_JOB_LOG "
            + "where PROCESS_INSTANCE_ID_ in (:ids) and JOB_EXCEPTION_STACK_ID_ is not null")
        .param("ids", recorded).query(String.class).list();
    jdbc.sql("update ACT_HI_JOB_LOG set JOB_EXCEPTION_MSG_ = :erased, JOB_EXCEPTION_STACK_ID_ = null "
            + "where PROCESS_INSTANCE_ID_ in (:ids) and (JOB_EXCEPTION_MSG_ is not null "
            + "or JOB_EXCEPTION_STACK_ID_ is not null)")
        .param("erased", ERASED_MESSAGE).param("ids", recorded).update();
    if (!stackTraces.isEmpty()) {
      jdbc.sql("delete from ACT_GE_BYTEARRAY where ID_ in (:ids)").param("ids", stackTraces).update();
    }
  }

  /**
   * An instance of a definition with a Touchpoint start, channel task or webhook task (what a definition contains
   * never changes); when its definition was deleted, an instance the ledger knows.
   */
  private boolean isJourney(Instance instance) {
    Boolean journey = journeyDefinitions.computeIfAbsent(instance.definitionId(), this::hasTouchpointElements);
    return journey != null ? journey : jdbc.sql("""
            select count(*) from tp_journey_entry where process_instance_id = :id
            union all select count(*) from tp_delivery where process_instance_id = :id
            union all select count(*) from tp_webhook_call where process_instance_id = :id""")
        .param("id", instance.id()).query(Integer.class).list().stream().anyMatch(count -> count > 0);
  }

  /** Null when the definition is no longer deployed (a computed null is not cached). */
  private Boolean hasTouchpointElements(String definitionId) {
    BpmnModelInstance model;
    try {
      model = engine.get().getRepositoryService().getBpmnModelInstance(definitionId);
    } catch (NotFoundException | NullValueException deleted) {
      return null;
    }
    return model.getModelElementsByType(BaseElement.class).stream().anyMatch(element ->
        TouchpointElements.properties(element).keySet().stream().anyMatch(name -> name.startsWith("touchpoint."))
            || element instanceof ServiceTask task && task.getCamundaDelegateExpression() != null
            && task.getCamundaDelegateExpression().contains("touchpoint"));
  }

  private record Instance(String id, String definitionId) {
  }
}
