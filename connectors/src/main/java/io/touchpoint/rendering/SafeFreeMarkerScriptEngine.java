package io.touchpoint.rendering;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * The JSR-223 script engine the process engine renders FreeMarker texts with (input parameters, listeners,
 * conditions), on {@link SafeFreeMarker}. Like Camunda's FreeMarker script engine it renders the template over the
 * engine-scope bindings (the execution's variables, {@code execution}, beans, as the process engine binds them) and
 * returns the text; unlike it, a switched-off feature fails the script with an {@link UnsafeTemplateException}
 * as its cause. Stateless, so one instance serves every thread.
 */
final class SafeFreeMarkerScriptEngine extends AbstractScriptEngine implements Compilable {

  private final SafeFreeMarker freemarker;
  private final ScriptEngineFactory factory = new Factory();

  SafeFreeMarkerScriptEngine(SafeFreeMarker freemarker) {
    this.freemarker = freemarker;
  }

  @Override
  public Object eval(String script, ScriptContext context) throws ScriptException {
    return compile(script).eval(context);
  }

  @Override
  public Object eval(Reader script, ScriptContext context) throws ScriptException {
    return compile(script).eval(context);
  }

  @Override
  public CompiledScript compile(String script) throws ScriptException {
    return compile(new StringReader(script));
  }

  @Override
  public CompiledScript compile(Reader script) throws ScriptException {
    try {
      return new Text(freemarker.text(script));
    } catch (IOException unparsable) {
      throw new ScriptException(unparsable);
    }
  }

  @Override
  public Bindings createBindings() {
    return new SimpleBindings();
  }

  @Override
  public ScriptEngineFactory getFactory() {
    return factory;
  }

  /** One parsed text; the process engine keeps it with the script's definition. */
  private final class Text extends CompiledScript {

    private final Template template;

    Text(Template template) {
      this.template = template;
    }

    @Override
    public Object eval(ScriptContext context) throws ScriptException {
      try {
        return freemarker.render(template, context.getBindings(ScriptContext.ENGINE_SCOPE));
      } catch (UnsafeTemplateException unsafe) {
        String elementId = currentElementId();
        UnsafeTemplateException named = elementId == null ? unsafe : unsafe.in(elementId);
        ScriptException refused = new ScriptException(named.getMessage());
        refused.initCause(named);
        throw refused;
      } catch (TemplateException | IOException | RuntimeException failed) {
        throw new ScriptException(failed);
      }
    }

    @Override
    public ScriptEngine getEngine() {
      return SafeFreeMarkerScriptEngine.this;
    }
  }

  /**
   * The element whose text this is: the one the engine is executing. The engine's own message cannot tell, as an
   * input parameter is evaluated on the scope around the element.
   */
  private static String currentElementId() {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    return context == null || context.getExecution() == null ? null : context.getExecution().getActivityId();
  }

  /** Describes the engine to the process engine; it is never looked up through a script engine manager. */
  private final class Factory implements ScriptEngineFactory {

    @Override
    public String getEngineName() {
      return SafeFreeMarker.LANGUAGE;
    }

    @Override
    public String getEngineVersion() {
      return Configuration.getVersion().toString();
    }

    @Override
    public List<String> getExtensions() {
      return List.of("ftl");
    }

    @Override
    public List<String> getMimeTypes() {
      return List.of();
    }

    @Override
    public List<String> getNames() {
      return List.of(SafeFreeMarker.FREEMARKER, SafeFreeMarker.LANGUAGE);
    }

    @Override
    public String getLanguageName() {
      return SafeFreeMarker.FREEMARKER;
    }

    @Override
    public String getLanguageVersion() {
      return getEngineVersion();
    }

    @Override
    public Object getParameter(String key) {
      return switch (key) {
        case ScriptEngine.NAME, ScriptEngine.LANGUAGE -> getLanguageName();
        case ScriptEngine.ENGINE -> getEngineName();
        case ScriptEngine.ENGINE_VERSION, ScriptEngine.LANGUAGE_VERSION -> getEngineVersion();
        case "THREADING" -> "MULTITHREADED";
        default -> null;
      };
    }

    @Override
    public String getMethodCallSyntax(String object, String method, String... args) {
      return "${" + object + "." + method + "(" + String.join(", ", args) + ")}";
    }

    @Override
    public String getOutputStatement(String toDisplay) {
      return toDisplay;
    }

    @Override
    public String getProgram(String... statements) {
      return String.join("\n", statements);
    }

    @Override
    public ScriptEngine getScriptEngine() {
      return SafeFreeMarkerScriptEngine.this;
    }
  }
}
