package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The default profile's real H2 FILE URL (options included), pointed at a temporary folder
 * through TOUCHPOINT_DATA_DIR so the test never touches ./data.
 */
@SpringBootTest
class EmbeddedFileDatabaseTest {

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("TOUCHPOINT_DATA_DIR", () -> dataDir.toString());
  }

  @Autowired ProcessEngine processEngine;

  @Test
  void engineStartsOnH2FileUnderDataDir() {
    assertThat(processEngine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("h2");
    assertThat(processEngine.getIdentityService().createUserQuery().userId("demo").count()).isEqualTo(1);
    assertThat(Files.exists(dataDir.resolve("touchpoint.mv.db"))).isTrue();
  }
}
