package io.touchpoint.app.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Journey analytics in Cockpit: a "Journeys" page, a tab and a diagram overlay on each journey's
 * process definition. Its browser half is {@code plugin-webapp/touchpoint/app/plugin.js}; its REST
 * half answers under {@code /camunda/api/cockpit/plugin/touchpoint/{engine}/}, behind Cockpit's
 * own login.
 */
public class TouchpointCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "touchpoint";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(TouchpointCockpitRootResource.class);
  }
}
