package io.touchpoint.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.context.SmartLifecycle;

/**
 * Stops the engine's job acquisition as soon as the application begins to close. Camunda stops it only when the engine
 * itself closes, after Spring has stopped every lifecycle bean; and Spring first waits for the job executor's threads to
 * fall idle, which they do not while acquisition keeps handing them jobs: a node stopped in a campaign waited out
 * Spring's 30 s lifecycle timeout. Jobs already acquired finish; the others stay due, for the nodes that go on.
 */
public class JobAcquisitionStop implements SmartLifecycle {

  private final Supplier<ProcessEngine> engine;
  private volatile boolean running;

  /** @param engine the engine, if there is one yet (it is built after the plugin's beans) */
  public JobAcquisitionStop(Supplier<ProcessEngine> engine) {
    this.engine = engine;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (engine.get() instanceof ProcessEngineImpl built) {
      JobExecutor jobExecutor = built.getProcessEngineConfiguration().getJobExecutor();
      if (jobExecutor != null) {
        jobExecutor.shutdown(); // does nothing when it is not active; the engine's own close then does nothing more
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
