package io.touchpoint.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.touchpoint.trigger.EventService;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

@ExtendWith(OutputCaptureExtension.class)
class LaunchRunnerTest {

  private final LaunchStore store = mock(LaunchStore.class);
  private final LaunchRunner runner = new LaunchRunner(
      new LaunchRunner.Settings(1, Duration.ofSeconds(1), Duration.ofSeconds(20)), store, mock(EventService.class),
      () -> "this-node");

  @Test
  void aWorkerWaitingForAConnectionStopsAsSoonAsTheDatabaseIsLostAtStop(CapturedOutput log) throws Exception {
    CountDownLatch claiming = new CountDownLatch(1);
    CountDownLatch gaveUp = new CountDownLatch(1);
    when(store.claim(anyString(), any())).thenAnswer(claim -> {
      claiming.countDown();
      try {
        new CountDownLatch(1).await(); // a connection the closed pool never hands out
      } catch (InterruptedException interrupted) {
        gaveUp.countDown();
      }
      throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
          new SQLException("HikariPool-1 - Interrupted during connection acquisition"));
    });
    runner.start();
    assertThat(claiming.await(10, TimeUnit.SECONDS)).isTrue();

    runner.databaseLost();

    assertThat(gaveUp.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(runner.isRunning()).isFalse();
    assertThat(log.getOut()).doesNotContain("TOUCHPOINT-LAUNCH-002");
  }

  @Test
  void aStoppingNodeWhoseDatabaseClosedFirstStopsItsWorkersWithoutWarning(CapturedOutput log) throws Exception {
    CountDownLatch claiming = new CountDownLatch(1);
    when(store.claim(anyString(), any())).thenAnswer(claim -> {
      claiming.countDown();
      // the claim is waiting for a connection when the node begins to stop, and the pool is gone by then
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !runner.isRunning());
      throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
          new SQLException("HikariPool-1 - Interrupted during connection acquisition"));
    });
    runner.start();
    assertThat(claiming.await(10, TimeUnit.SECONDS)).isTrue();

    runner.stop();

    assertThat(log.getOut()).doesNotContain("TOUCHPOINT-LAUNCH-002");
  }
}
