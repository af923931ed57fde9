package io.touchpoint.webhook;

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
 * Webhook calls in {@code tp_webhook_call}, each in a transaction of its own: a failed attempt rolls the
 * job back, yet the call was made and counts.
 */
public class WebhookCallLedger implements WebhookCalls {

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  public WebhookCallLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  @Override
  public void record(DelegateExecution execution, int httpStatus, String errorCode) {
    String journeyKey = ((ExecutionEntity) execution).getProcessDefinition().getKey();
    ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
            insert into tp_webhook_call (id, journey_key, process_instance_id, activity_id, http_status,
              error_code, called_at) values (?, ?, ?, ?, ?, ?, ?)""")
        .params(UUID.randomUUID().toString(), journeyKey, execution.getProcessInstanceId(),
            execution.getCurrentActivityId(), httpStatus, errorCode,
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update());
  }
}
