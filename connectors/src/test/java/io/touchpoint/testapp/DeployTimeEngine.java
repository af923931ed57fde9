package io.touchpoint.testapp;

import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * The Camunda JUnit 5 extension on an in-memory engine with Touchpoint's deploy-time rules ({@link DeployTimeRules},
 * {@code touchpoint-deploy-time.cfg.xml}): for what a deployment decides, without the application. The engine is
 * built once per test run and shared, as the extension caches it by its configuration.
 */
public class DeployTimeEngine extends ProcessEngineExtension {

  public DeployTimeEngine() {
    configurationResource = "touchpoint-deploy-time.cfg.xml";
  }
}
