package io.touchpoint.channel.webhook;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook calls in {@code tp_webhook_call}. A failed call is written in a transaction of its own: it may roll
 * the job back, yet the call was made and counts. A success is written with the job, which spares a commit
 * per call; should the job still roll back, its retry calls again and is recorded then.
 */
public class WebhookCallLedger implements WebhookCalls {

  private final JdbcClient jdbc;
  private final TransactionTemplate jobTransaction;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  public WebhookCallLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.jobTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  @Override
  public void record(DelegateExecution execution, int httpStatus, String errorCode) {
    String journeyKey = ((ExecutionEntity) execution).getProcessDefinition().getKey();
    (errorCode == null ? jobTransaction : ownTransaction).executeWithoutResult(tx -> jdbc.sql("""
            insert into tp_webhook_call (id, journey_key, process_instance_id, activity_id, http_status,
              error_code, called_at) values (?, ?, ?, ?, ?, ?, ?)""")
        .params(UUID.randomUUID().toString(), journeyKey, execution.getProcessInstanceId(),
            execution.getCurrentActivityId(), httpStatus, errorCode,
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update());
  }
}
