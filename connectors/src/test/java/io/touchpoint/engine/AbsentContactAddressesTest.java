package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.testapp.DeployTimeEngine;
import io.touchpoint.testapp.DeployTimeRules;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A contact's absent address is no process variable, yet a journey's expressions read it as null; any other unknown
 * name still fails, so a typo is not read as "no address".
 */
@ExtendWith(DeployTimeEngine.class)
class AbsentContactAddressesTest {

  /** Set by the extension. */
  ProcessEngine engine;
  private RuntimeService runtimeService;

  @BeforeEach
  void services() {
    runtimeService = engine.getRuntimeService();
  }

  @Test
  void anAddressTheContactLacksReadsAsNull() {
    deploy("email-branch", "${email == null && whatsapp == null}");

    String instance = runtimeService.startProcessInstanceByKey("email-branch", Map.of("phone", "+15551234567")).getId();

    assertThat(endedAt(instance)).isEqualTo("NoAddress");
  }

  @Test
  void anAddressTheContactHasReadsAsItsValue() {
    deploy("email-branch-given", "${email == null}");

    String instance = runtimeService.startProcessInstanceByKey("email-branch-given",
        Map.of("email", "ana@example.com")).getId();

    assertThat(endedAt(instance)).isEqualTo("HasAddress");
  }

  @Test
  void anyOtherUnknownNameStillFails() {
    deploy("typo-branch", "${emial == null}");

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("typo-branch", Map.of()))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("emial");
  }

  @Test
  void anExpressionManagerTheApplicationBroughtIsKept() {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    ExpressionManager own = new JuelExpressionManager() {
    };
    configuration.setExpressionManager(own);

    new DeployTimeRules().preInit(configuration);

    assertThat(configuration.getExpressionManager()).isSameAs(own);
  }

  private void deploy(String key, String noAddress) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent()
        .exclusiveGateway("HasEmail")
        .condition("no address", noAddress).endEvent("NoAddress")
        .moveToNode("HasEmail").condition("address", "${!(" + noAddress.substring(2, noAddress.length() - 1) + ")}")
        .endEvent("HasAddress")
        .done();
    engine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", model).deploy();
  }

  private String endedAt(String instance) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityType("noneEndEvent").list().stream().map(HistoricActivityInstance::getActivityId).findFirst()
        .orElseThrow();
  }
}
