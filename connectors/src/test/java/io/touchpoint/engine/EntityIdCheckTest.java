package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.junit.jupiter.api.Test;

class EntityIdCheckTest {

  private final IdGenerator ids = () -> "generated-id";

  @Test
  void anEntityIsInsertedWithoutBeingDescribed() {
    DescribedEntity entity = new DescribedEntity("row-1");

    new EntityIdCheck.Manager(ids, null).insert(entity);

    assertThat(entity.descriptions).hasValue(0);
  }

  @Test
  void anEntityWithoutAnIdIsGivenOneAsBefore() {
    DescribedEntity entity = new DescribedEntity(null);

    new EntityIdCheck.Manager(ids, null).insert(entity);

    assertThat(entity.getId()).isEqualTo("generated-id");
  }

  @Test
  void anEntityWithTheReservedIdStillFailsWithTheEnginesOwnErrorNamingIt() {
    DescribedEntity entity = new DescribedEntity("*");

    assertThatThrownBy(() -> new EntityIdCheck.Manager(ids, null).insert(entity))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("the described entity")
        .hasMessageContaining("cannot be *");
  }

  @Test
  void theEnginesOwnEntityManagerIsReplaced() {
    StandaloneInMemProcessEngineConfiguration configuration = configurationWith(new DbEntityManagerFactory(ids));

    EntityIdCheck.install(configuration);

    assertThat(configuration.getSessionFactories().get(DbEntityManager.class))
        .isInstanceOf(EntityIdCheck.Factory.class);
  }

  @Test
  void anEntityManagerTheApplicationConfiguredIsKept() {
    SessionFactory applications = new DbEntityManagerFactory(ids) {
    };
    StandaloneInMemProcessEngineConfiguration configuration = configurationWith(applications);

    EntityIdCheck.install(configuration);

    assertThat(configuration.getSessionFactories().get(DbEntityManager.class)).isSameAs(applications);
  }

  private StandaloneInMemProcessEngineConfiguration configurationWith(SessionFactory entityManagers) {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setIdGenerator(ids);
    Map<Class<?>, SessionFactory> factories = new HashMap<>();
    factories.put(DbEntityManager.class, entityManagers);
    configuration.setSessionFactories(factories);
    return configuration;
  }

  private static final class DescribedEntity implements DbEntity {

    private final AtomicInteger descriptions = new AtomicInteger();
    private String id;

    DescribedEntity(String id) {
      this.id = id;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public void setId(String id) {
      this.id = id;
    }

    @Override
    public Object getPersistentState() {
      return id;
    }

    @Override
    public String toString() {
      descriptions.incrementAndGet();
      return "the described entity";
    }
  }
}
