package io.touchpoint.channel.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.ChannelInputBinder;
import io.touchpoint.channel.Continuation;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.provider.http.GuardedHttpClient;
import io.touchpoint.provider.http.SsrfGuard;
import io.touchpoint.rendering.SafeFreeMarker;
import io.touchpoint.rendering.SafeScriptEngineResolver;
import jakarta.validation.Validation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * A standalone in-memory engine (H2, full history, no job executor, Touchpoint's FreeMarker) whose
 * {@code ${touchpointWebhook}} runs a {@link WebhookConnector} built per test in the job itself and applies its
 * answer as the send pipeline does (variables, then a BPMN error or leaving; a retryable failure fails the job) —
 * the connector's behaviour without the pipeline's threads; `WebhookInAJourneyTest` runs it through the pipeline.
 * And a BPMN writer for one webhook task: start → call (async) → "after" user task, with a catch-all boundary error
 * event → "handle" user task.
 */
final class WebhookEngine implements AutoCloseable {

  static final String CRM_TOKEN = "s3cr3t-Crm-T0ken";
  static final String CRM_KEY = "k3y-from-env-9931";

  final ProcessEngine engine;
  final MockEnvironment environment = new MockEnvironment()
      .withProperty("touchpoint.secrets.CRM_TOKEN", CRM_TOKEN);
  /** Every call the webhook tasks recorded: the HTTP status and the error code ("200 null"). */
  final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
  private WebhookConnector current;
  private GuardedHttpClient client;

  WebhookEngine() {
    environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("TOUCHPOINT_SECRETS_CRM_KEY", CRM_KEY)));
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:webhook-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=1000")
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false)
        .setProcessEngineName("webhook-" + UUID.randomUUID());
    ChannelInputBinder binder =
        new ChannelInputBinder(new ObjectMapper(), Validation.buildDefaultValidatorFactory().getValidator());
    JavaDelegate delegating = execution -> {
      Delivery call = new Delivery(UUID.randomUUID().toString(), "test", "journey", execution.getProcessInstanceId(),
          execution.getId(), execution.getCurrentActivityId(), null, Channel.WEBHOOK, null, "webhook", null,
          Outcome.SENDING, null, null, null);
      ChannelConnector.Answer answer = current.call(call, binder.validate(binder.bind(execution, WebhookRequest.class)));
      execution.setVariables(answer.continuation().variables());
      if (answer.continuation() instanceof Continuation.RaiseBpmnError error) {
        throw new BpmnError(error.errorCode(), error.message());
      }
    };
    configuration.setBeans(new HashMap<>(Map.of("touchpointWebhook", delegating)));
    configuration.getProcessEnginePlugins().add(new AbstractProcessEnginePlugin() {
      @Override
      public void postInit(ProcessEngineConfigurationImpl engineConfiguration) {
        SafeScriptEngineResolver.install(engineConfiguration, new SafeFreeMarker(null));
      }
    });
    engine = configuration.buildProcessEngine();
    allow("127.0.0.1", "localhost");
  }

  /** Rebuilds the webhook connector with this allowlist. */
  WebhookConnector allow(String... hosts) {
    closeClient();
    client = new GuardedHttpClient(new SsrfGuard(Set.of(hosts)), new CallDeadline());
    current = new WebhookConnector(new SecretResolver(environment), client, new ObjectMapper(),
        (call, httpStatus, errorCode) -> calls.add(httpStatus + " " + errorCode));
    return current;
  }

  /** Deploys a process with one webhook task; plain inputs are literal text, the others FreeMarker. */
  ProcessInstance start(Map<String, String> freemarkerInputs, Map<String, String> plainInputs,
      Map<String, Object> variables) {
    String key = "webhook" + UUID.randomUUID().toString().replace("-", "");
    StringBuilder inputs = new StringBuilder();
    freemarkerInputs.forEach((name, value) -> inputs.append("<camunda:inputParameter name=\"").append(name)
        .append("\"><camunda:script scriptFormat=\"freemarker\"><![CDATA[").append(value)
        .append("]]></camunda:script></camunda:inputParameter>"));
    plainInputs.forEach((name, value) -> inputs.append("<camunda:inputParameter name=\"").append(name)
        .append("\">").append(value).append("</camunda:inputParameter>"));
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://touchpoint.io/test">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
            <bpmn:serviceTask id="call" camunda:asyncBefore="true" camunda:delegateExpression="${touchpointWebhook}">
              <bpmn:extensionElements><camunda:inputOutput>%s</camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="after"/>
            <bpmn:userTask id="after"/>
            <bpmn:boundaryEvent id="failed" attachedToRef="call">
              <bpmn:errorEventDefinition camunda:errorCodeVariable="errorCode" camunda:errorMessageVariable="errorMessage"/>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="failed" targetRef="handle"/>
            <bpmn:userTask id="handle"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, inputs);
    engine.getRepositoryService().createDeployment().addString(key + ".bpmn", bpmn).deploy();
    return engine.getRuntimeService().startProcessInstanceByKey(key, variables);
  }

  /** A process whose webhook task has the usual inputs; url/headers/body are FreeMarker. */
  ProcessInstance start(String method, String url, String onError, Map<String, String> more,
      Map<String, Object> variables) {
    Map<String, String> freemarker = new LinkedHashMap<>();
    freemarker.put("url", url);
    Map<String, String> plain = new LinkedHashMap<>();
    plain.put("method", method);
    plain.put("onError", onError);
    more.forEach((name, value) -> {
      if (List.of("headers", "body").contains(name)) {
        freemarker.put(name, value);
      } else {
        plain.put(name, value);
      }
    });
    return start(freemarker, plain, variables);
  }

  /** Runs the instance's webhook job, as the job executor would. */
  void runJob(ProcessInstance instance) {
    engine.getManagementService().executeJob(job(instance).getId());
  }

  Job job(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  /** The id of the user task the instance waits in ("after" or "handle"). */
  String waitingIn(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult()
        .getTaskDefinitionKey();
  }

  Map<String, Object> variables(ProcessInstance instance) {
    return engine.getRuntimeService().getVariables(instance.getId());
  }

  private void closeClient() {
    if (client != null) {
      try {
        client.close();
      } catch (java.io.IOException ignored) {
        // test teardown
      }
    }
  }

  @Override
  public void close() {
    closeClient();
    engine.close();
  }
}
