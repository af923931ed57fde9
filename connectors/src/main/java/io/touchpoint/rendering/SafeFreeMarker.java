package io.touchpoint.rendering;

import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.ext.beans.DefaultMemberAccessPolicy;
import freemarker.template.AttemptExceptionReporter;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.touchpoint.error.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The one FreeMarker configuration every text Touchpoint renders goes through: the inline texts of a diagram
 * (through {@link SafeScriptEngineResolver}) and the email template files of
 * {@code touchpoint.email.templates-folder}. It renders as Camunda's FreeMarker script engine did (same
 * incompatible-improvements level, same data model: the execution's variables as the engine binds them), with
 * what lets a text reach beyond its data switched off: {@code ?new} resolves no class
 * ({@link TemplateClassResolver#ALLOWS_NOTHING_RESOLVER}), {@code ?api} is disabled, no statics or enums are in
 * the data model, and Java objects in it expose only what FreeMarker's default member access policy allows (no
 * class loaders, no reflective calls or instantiation). A text that tries {@code ?new} or {@code ?api} fails with an
 * {@link UnsafeTemplateException}, also inside {@code #attempt}.
 *
 * <p>Registered here: the {@link MarkingOutputFormat}s that texts select in their {@code <#ftl>} header, and,
 * for every template file, the marking HTML format.
 */
public final class SafeFreeMarker {

  /** Camunda's name for the language of a FreeMarker script. */
  public static final String FREEMARKER = "freemarker";
  /**
   * The language of a FreeMarker text in the parser's copy of a diagram. Only Touchpoint provides it, so a process
   * application's own script engines can never render such a text.
   */
  public static final String LANGUAGE = "touchpoint-freemarker";

  private static final String INLINE_TEXT = "text";

  private final Configuration configuration;
  private final boolean templatesFolder;

  /** @param templatesFolder where template files are loaded from; null: template files are not available */
  public SafeFreeMarker(Path templatesFolder) {
    this.configuration = configuration(templatesFolder);
    this.templatesFolder = templatesFolder != null;
  }

  public boolean hasTemplatesFolder() {
    return templatesFolder;
  }

  /** An inline text; its output format is what its {@code <#ftl>} header names, none otherwise. */
  public Template text(Reader source) throws IOException {
    return new Template(INLINE_TEXT, source, configuration);
  }

  /** A template file of the templates folder, as marking HTML. */
  public Template file(String name) throws IOException {
    return configuration.getTemplate(name);
  }

  /**
   * Renders the template over the data model.
   *
   * @throws UnsafeTemplateException when the template tries a switched-off feature
   * @throws TemplateException for any other template failure, as FreeMarker reports it
   */
  public String render(Template template, Object dataModel) throws TemplateException, IOException {
    StringWriter out = new StringWriter();
    try {
      template.process(dataModel, out);
    } catch (TemplateException failed) {
      UnsafeTemplateException unsafe = unsafe(failed, template);
      if (unsafe != null) {
        throw unsafe;
      }
      throw failed;
    }
    return out.toString();
  }

  /** FreeMarker reports both refusals as plain template errors; their wording is all that tells them apart. */
  private static UnsafeTemplateException unsafe(TemplateException failure, Template template) {
    String detail = failure.getMessageWithoutStackTop().lines().findFirst().orElse("").trim();
    String feature = detail.contains("is not allowed in the template for security reasons") ? "?new"
        : detail.contains("api_builtin_enabled") ? "?api" : null;
    if (feature == null) {
      return null;
    }
    String text = template == null || INLINE_TEXT.equals(template.getName()) ? "a FreeMarker text"
        : "template file '" + template.getName() + "'";
    return new UnsafeTemplateException(text, feature, detail, failure);
  }

  private static Configuration configuration(Path folder) {
    // the level Camunda's FreeMarker script engine used, so texts render as they did
    Configuration configuration = new Configuration(Configuration.VERSION_2_3_29);
    configuration.setDefaultEncoding("UTF-8");
    configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    configuration.setAPIBuiltinEnabled(false);
    DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_29);
    wrapper.setMemberAccessPolicy(DefaultMemberAccessPolicy.getInstance(Configuration.VERSION_2_3_30));
    configuration.setObjectWrapper(wrapper.build());
    configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    // a failure goes to the caller, which reports it (the engine on the job and as an incident): FreeMarker's own
    // ERROR line with its stack would say it once more per attempt
    configuration.setLogTemplateExceptions(false);
    configuration.setAttemptExceptionReporter((failure, environment) -> {
      UnsafeTemplateException unsafe = unsafe(failure, environment.getMainTemplate());
      if (unsafe != null) {
        throw unsafe; // #recover must not hide the attempt
      }
      AttemptExceptionReporter.LOG_ERROR_REPORTER.report(failure, environment);
    });
    configuration.setRegisteredCustomOutputFormats(List.of(MarkingOutputFormat.TEXT, MarkingOutputFormat.HTML));
    if (folder != null) {
      try {
        configuration.setDirectoryForTemplateLoading(folder.toFile());
      } catch (IOException unreadable) {
        throw new IllegalStateException(ErrorCode.CONFIG_005 + " touchpoint.email.templates-folder " + folder
            + " cannot be read", unreadable);
      }
      // every file is an email's HTML body, whatever its extension: data is escaped and marked
      configuration.setRecognizeStandardFileExtensions(false);
      TemplateConfiguration html = new TemplateConfiguration();
      html.setOutputFormat(MarkingOutputFormat.HTML);
      configuration.setTemplateConfigurations(new ConditionalTemplateConfigurationFactory(
          new FileNameGlobMatcher("*"), html));
    }
    return configuration;
  }
}
