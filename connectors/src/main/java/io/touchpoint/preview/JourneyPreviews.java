package io.touchpoint.preview;

import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.migration.JourneyVersions;
import io.touchpoint.pipeline.PreparedSend;
import io.touchpoint.pipeline.SendPipeline;
import io.touchpoint.pipeline.SendStep;
import io.touchpoint.preview.StepRenderer.Rendered;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Previews of a journey's sends for a contact, and test sends of one step to an operator's own address. A test
 * send goes through the send pipeline and the real provider, recorded in the ledger under the journey key
 * {@code test:<key>} and a journey instance of its own ({@code test:<uuid>}): analytics, which count a journey's
 * sends by its key, and a contact's timeline, which reads the contact's journeys, never see it.
 */
public class JourneyPreviews {

  /** The journey key test sends are recorded under: {@code test:} and the journey's. */
  public static final String TEST_PREFIX = "test:";

  /** What a test send was: its delivery in the ledger and what was handed to the provider. */
  record TestSend(String delivery, String step, String channel, String to, Record rendered) {
  }

  private final JourneyVersions versions;
  private final StepRenderer renderer;
  private final DeliveryLedger ledger;
  private final SendPipeline pipeline;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public JourneyPreviews(JourneyVersions versions, StepRenderer renderer, DeliveryLedger ledger,
      SendPipeline pipeline, PlatformTransactionManager transactionManager, Clock clock) {
    this.versions = versions;
    this.renderer = renderer;
    this.ledger = ledger;
    this.pipeline = pipeline;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  List<StepPreview> preview(String key, PreviewRequest request) {
    String definitionId = versions.latest(key).getId();
    return renderer.render(definitionId, null, request.variables(), Map.of(),
        step -> new SendStep("preview:" + UUID.randomUUID(), key, "preview", "preview", step,
            request.contact().id())).stream().map(Rendered::preview).toList();
  }

  TestSend testSend(String key, String stepId, PreviewRequest request) {
    String definitionId = versions.latest(key).getId();
    if (request.to() == null || request.to().isBlank()) {
      throw new InvalidRequestException(List.of(new FieldProblem("to",
          "must be the address or number to send the test to")));
    }
    String run = TEST_PREFIX + UUID.randomUUID();
    List<Rendered> rendered = renderer.render(definitionId, stepId, request.variables(), Map.of("to", request.to()),
        step -> new SendStep("test-send:" + UUID.randomUUID(), TEST_PREFIX + key, run, run, step,
            request.contact().id()));
    if (rendered.isEmpty()) {
      throw new InvalidRequestException(List.of(new FieldProblem("stepId",
          "the latest version of journey '" + key + "' has no send step '" + stepId + "'")));
    }
    StepPreview preview = rendered.get(0).preview();
    if (Channel.WEBHOOK.wireName().equals(preview.channel())) {
      throw new InvalidRequestException(List.of(new FieldProblem("stepId",
          "'" + stepId + "' calls a webhook: only messages are test-sent")));
    }
    PreparedSend send = rendered.get(0).send();
    if (send == null) {
      throw new InvalidRequestException(preview.errors().stream().map(error -> new FieldProblem("stepId", error))
          .toList());
    }
    Delivery delivery = send.delivery();
    transaction.executeWithoutResult(tx -> {
      ledger.insert(delivery, pipeline.nodeId(), clock.instant());
      // the provider is called after commit, as for every send
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          pipeline.submit(send);
        }
      });
    });
    return new TestSend(delivery.id(), stepId, preview.channel(), request.to(), preview.rendered());
  }
}
