package io.touchpoint.rendering;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/**
 * The process engine's script engine resolver with FreeMarker ({@code freemarker} and
 * {@link SafeFreeMarker#LANGUAGE}) answered by {@link SafeFreeMarkerScriptEngine}; every other language goes to the
 * resolver the engine had.
 */
public final class SafeScriptEngineResolver implements ScriptEngineResolver {

  private final ScriptEngineResolver others;
  private final ScriptEngine freemarker;

  private SafeScriptEngineResolver(ScriptEngineResolver others, ScriptEngine freemarker) {
    this.others = others;
    this.freemarker = freemarker;
  }

  /** Installs the resolver; call it once the engine configured its scripting (an engine plugin's postInit). */
  public static void install(ProcessEngineConfigurationImpl configuration, SafeFreeMarker freemarker) {
    configuration.setScriptEngineResolver(new SafeScriptEngineResolver(configuration.getScriptEngineResolver(),
        new SafeFreeMarkerScriptEngine(freemarker)));
  }

  @Override
  public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
    if (SafeFreeMarker.FREEMARKER.equalsIgnoreCase(language) || SafeFreeMarker.LANGUAGE.equalsIgnoreCase(language)) {
      return freemarker;
    }
    return others.getScriptEngine(language, resolveFromCache);
  }

  @Override
  public void addScriptEngineFactory(ScriptEngineFactory scriptEngineFactory) {
    others.addScriptEngineFactory(scriptEngineFactory);
  }

  @Override
  public ScriptEngineManager getScriptEngineManager() {
    return others.getScriptEngineManager();
  }
}
