package io.touchpoint.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.touchpoint.pipeline.NodeIdentity;
import io.touchpoint.store.DatabaseProduct;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Names the sessions of a PostgreSQL connection pool after this node ({@link NodeIdentity#sessionName()}), so that a
 * node taking over this one's work can end the sessions it left open. A name the application gave its sessions is
 * kept: the node then records none, and no other node ends its sessions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HikariDataSource.class)
class NodeSessionNaming {

  /** The pgjdbc property that sets {@code application_name} for every session it opens. */
  static final String APPLICATION_NAME = "ApplicationName";

  /** Static, as a post-processor must be; bound before this runs, and not yet open (the pool opens on first use). */
  @Bean
  static BeanPostProcessor touchpointSessionNames(ObjectProvider<NodeIdentity> identity) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && !pool.isRunning()
            && DatabaseProduct.isPostgresUrl(pool.getJdbcUrl())
            && !pool.getDataSourceProperties().containsKey(APPLICATION_NAME)) {
          pool.addDataSourceProperty(APPLICATION_NAME, identity.getObject().sessionName());
        }
        return bean;
      }
    };
  }
}
