package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class JobAcquisitionStopTest {

  @Test
  void theEnginesJobAcquisitionStopsBeforeSpringWaitsForTheJobThreads() {
    // a name of its own: the engines of the other tests' applications are registered as "default"
    ProcessEngine engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("job-acquisition-stop-test")
        .setJdbcUrl("jdbc:h2:mem:job-acquisition-stop;DB_CLOSE_DELAY=-1").setJobExecutorActivate(true)
        .buildProcessEngine();
    try {
      JobExecutor jobExecutor = ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getJobExecutor();
      JobAcquisitionStop acquisitionStop = new JobAcquisitionStop(() -> engine);
      acquisitionStop.start();
      assertThat(jobExecutor.isActive()).isTrue();

      acquisitionStop.stop();

      assertThat(jobExecutor.isActive()).isFalse();
      // Spring stops the higher phases first: acquisition, then the executor whose threads run the jobs
      assertThat(acquisitionStop.getPhase()).isGreaterThan(new ThreadPoolTaskExecutor().getPhase());
    } finally {
      engine.close();
    }
  }
}
