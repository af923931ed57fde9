package io.touchpoint.app.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The operator pages' journey ({@code cockpit/operators/waiting-v*.xml}), deployed under a key of each test's own
 * (the Cockpit tests share one engine), and contacts started in it through the event API: {@code later} ones wait
 * at the timer "Pause", {@code now} ones get their SMS and wait at the reply gate "Gate".
 */
final class WaitingJourney {

  private final String key;
  private final int port;
  private final RepositoryService repository;
  private final RuntimeService runtime;

  WaitingJourney(String key, int port, RepositoryService repository, RuntimeService runtime) {
    this.key = key;
    this.port = port;
    this.repository = repository;
    this.runtime = runtime;
  }

  /** Deploys {@code waiting-v<file>.xml} as the journey's next version; answers its process definition id. */
  String deploy(int file) {
    String bpmn;
    try (InputStream in = getClass().getResourceAsStream("/cockpit/operators/waiting-v" + file + ".xml")) {
      bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("JOURNEY_KEY", key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String deployment = repository.createDeployment().addString(key + ".bpmn", bpmn).deploy().getId();
    return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult().getId();
  }

  /** Starts a contact and waits until it waits where {@code when} takes it ("later": Pause, "now": Gate). */
  ProcessInstance start(String contact, String when) {
    HttpRequest event = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer demo-key")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"name":"%s.started","id":"evt-%s","contact":{"id":"%s","phone":"+15551230000","firstName":"Ana"},
             "data":{"when":"%s"}}""".formatted(key, contact, contact, when)))
        .build();
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(event, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    ProcessInstance instance = await().atMost(Duration.ofSeconds(60)).until(() -> runtime
        .createProcessInstanceQuery().processDefinitionKey(key).processInstanceBusinessKey(contact).singleResult(),
        started -> started != null);
    awaitAt(instance.getId(), "now".equals(when) ? "Gate" : "Pause");
    return instance;
  }

  void awaitAt(String processInstanceId, String step) {
    await().atMost(Duration.ofSeconds(60))
        .until(() -> runtime.getActiveActivityIds(processInstanceId).contains(step));
  }
}
