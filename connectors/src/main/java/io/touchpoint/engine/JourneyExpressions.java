package io.touchpoint.engine;

import java.util.Map;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/**
 * The engine's expression managers with {@link AbsentContactAddresses} after their own resolvers: Spring's (beans by
 * name, as in {@code ${touchpointChannelTask}}) in the application, the plain one in a standalone engine.
 */
final class JourneyExpressions {

  private JourneyExpressions() {
  }

  static ELResolver withAbsentContactAddresses(ELResolver engines) {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(engines);
    resolver.add(new AbsentContactAddresses());
    return resolver;
  }

  static final class Spring extends SpringExpressionManager {

    Spring(ApplicationContext applicationContext, Map<Object, Object> beans) {
      super(applicationContext, beans);
    }

    @Override
    protected ELResolver createElResolver() {
      return withAbsentContactAddresses(super.createElResolver());
    }
  }

  static final class Standalone extends JuelExpressionManager {

    Standalone(Map<Object, Object> beans) {
      super(beans);
    }

    @Override
    protected ELResolver createElResolver() {
      return withAbsentContactAddresses(super.createElResolver());
    }
  }
}
