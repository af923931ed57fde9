package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.testapp.JourneyTest;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A catch event's subscription is named exactly as the EL it stands for would name it, without evaluating it. */
class SubscriptionNameTest extends JourneyTest {

  @BeforeEach
  void deployAWaitingProcess() {
    repositoryService.createDeployment()
        .addModelInstance("waiting.bpmn", Bpmn.createExecutableProcess("waiting").camundaHistoryTimeToLive(1)
            .startEvent().receiveTask("Wait").endEvent().done())
        .deploy();
  }

  @Test
  void aStatusCatchIsNamedAfterTheDeliveryOfItsSend() {
    String journey = waiting("contact-1", Map.of(StatusMessages.deliveryVariable("SendSms"), "delivery-42"));

    assertThat(nameAndEl(journey, "status")).containsOnly(StatusMessages.messageName("delivery-42",
        DeliveryStatus.DELIVERED));
  }

  @Test
  void aStatusCatchWithoutADeliveryIsNamedAsTheElNamesIt() {
    String journey = waiting("contact-2", Map.of());

    assertThat(nameAndEl(journey, "status")).containsOnly("touchpoint::delivered");
  }

  @Test
  void aBusinessEventCatchIsNamedAfterTheJourneysContact() {
    String journey = waiting("contact-3", Map.of());

    assertThat(nameAndEl(journey, "event")).containsOnly(StatusMessages.businessEventMessageName("order-placed",
        "contact-3"));
  }

  @Test
  void aBusinessEventCatchOfAJourneyWithoutContactIsNamedAsTheElNamesIt() {
    String journey = waiting(null, Map.of());

    assertThat(nameAndEl(journey, "event")).containsOnly("touchpoint:event:order-placed:");
  }

  private String waiting(String contact, Map<String, Object> variables) {
    return runtimeService.startProcessInstanceByKey("waiting", contact, variables).getId();
  }

  /** The name, and the name the EL gives, for an execution of the journey. */
  private String[] nameAndEl(String journey, String kind) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> {
          ExecutionEntity execution = context.getExecutionManager().findExecutionById(journey);
          SubscriptionName name = kind.equals("status") ? SubscriptionName.ofStatus("SendSms", DeliveryStatus.DELIVERED)
              : SubscriptionName.ofBusinessEvent("order-placed");
          Object el = context.getProcessEngineConfiguration().getExpressionManager()
              .createExpression(name.getExpressionText()).getValue(execution);
          return new String[] {(String) name.getValue(execution), (String) el};
        });
  }
}
