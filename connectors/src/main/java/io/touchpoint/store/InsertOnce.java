package io.touchpoint.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an insert that may lose a race against the same insert elsewhere, inside a savepoint, so
 * a duplicate key does not abort the surrounding transaction (PostgreSQL would).
 */
public class InsertOnce {

  private final TransactionTemplate savepoint;

  public InsertOnce(PlatformTransactionManager transactionManager) {
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** @return false when the row was already there */
  public boolean insert(Runnable insert) {
    try {
      savepoint.executeWithoutResult(tx -> insert.run());
      return true;
    } catch (DuplicateKeyException alreadyThere) {
      return false;
    }
  }
}
