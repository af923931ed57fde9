package io.touchpoint.testapp;

import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${duringSend}}: a hook a test arms to act inside a channel task's transaction, after the
 * provider accepted the message and before the journey commits.
 */
@Component("duringSend")
public class DuringSend implements ExecutionListener {

  private volatile Consumer<DelegateExecution> action = execution -> { };

  public void arm(Consumer<DelegateExecution> action) {
    this.action = action;
  }

  public void disarm() {
    this.action = execution -> { };
  }

  @Override
  public void notify(DelegateExecution execution) {
    action.accept(execution);
  }
}
