package io.touchpoint.engine;

import java.util.ServiceLoader;
import javax.xml.datatype.DatatypeFactory;

/**
 * Camunda reads every ISO-8601 duration and cycle — the retry cycle of each job it creates, every timer — through a
 * {@link DatatypeFactory} it asks {@code javax.xml} for anew each time. Unless the system property
 * {@value DatatypeFactory#DATATYPEFACTORY_PROPERTY} names the factory, each ask scans every jar on the class path for a
 * provider (in the app's Spring Boot jar, some 150 nested jars): 9 % of a node's CPU in a campaign
 * (docs/performance.md). The scan's answer never changes while the JVM runs, so the engine plugin makes it once and
 * names its result, which turns each later ask into a class lookup. A property the application set is kept.
 */
final class DatatypeFactoryLookup {

  private DatatypeFactoryLookup() {
  }

  static void nameTheProvider() {
    if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) != null) {
      return;
    }
    String provider = ServiceLoader.load(DatatypeFactory.class).findFirst()
        .map(factory -> factory.getClass().getName())
        .orElse(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, provider);
  }
}
