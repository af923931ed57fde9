package io.touchpoint.channel.email;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateNotFoundException;
import io.touchpoint.channel.InvalidChannelInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Email bodies kept as FreeMarker files in {@code touchpoint.email.templates-folder}
 * (e.g. {@code welcome.ftlh}), rendered with the journey's variables. Names outside the folder
 * are refused by FreeMarker's file loader.
 */
public class EmailTemplates {

  private final Configuration freemarker;

  public EmailTemplates(Path folder) {
    this.freemarker = folder == null ? null : configuration(folder);
  }

  public String render(String name, Map<String, Object> variables) {
    if (freemarker == null) {
      throw new InvalidChannelInputException(List.of("template '" + name
          + "' is named, but touchpoint.email.templates-folder is not set"));
    }
    try {
      Template template = freemarker.getTemplate(name);
      StringWriter html = new StringWriter();
      template.process(variables, html);
      return html.toString();
    } catch (TemplateNotFoundException missing) {
      throw new InvalidChannelInputException(List.of("template '" + name + "' is not in the templates folder"));
    } catch (TemplateException broken) {
      throw new IllegalStateException("TOUCHPOINT-EMAIL-002 template " + name + " failed: " + broken.getMessage(),
          broken);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  private static Configuration configuration(Path folder) {
    Configuration configuration = new Configuration(Configuration.VERSION_2_3_32);
    try {
      configuration.setDirectoryForTemplateLoading(folder.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("TOUCHPOINT-CONFIG-005 touchpoint.email.templates-folder " + folder
          + " cannot be read", e);
    }
    configuration.setDefaultEncoding("UTF-8");
    return configuration;
  }
}
