package io.touchpoint.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.touchpoint.store.StopWithoutDatabase;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A node stopped while its PostgreSQL is out of reach closes its HikariCP pool first, and stops without waiting. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HikariDataSource.class)
class StopWithoutDatabaseConfiguration {

  @Bean
  StopWithoutDatabase touchpointStopWithoutDatabase(DataSource dataSource, ApplicationContext context) {
    return new StopWithoutDatabase(dataSource, context);
  }
}
