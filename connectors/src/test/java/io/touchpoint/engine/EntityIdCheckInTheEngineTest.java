package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.testapp.JourneyTest;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.junit.jupiter.api.Test;

/** An engine with Touchpoint's plugin writes its rows through the entity manager of {@link EntityIdCheck}. */
class EntityIdCheckInTheEngineTest extends JourneyTest {

  @Test
  void theEngineChecksEntityIdsWithoutDescribingEachEntity() {
    var configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();

    assertThat(configuration.getSessionFactories().get(DbEntityManager.class))
        .isInstanceOf(EntityIdCheck.Factory.class);
    DbEntityManager inACommand = configuration.getCommandExecutorTxRequired()
        .execute(CommandContext::getDbEntityManager);
    assertThat(inACommand).isInstanceOf(EntityIdCheck.Manager.class);
  }
}
