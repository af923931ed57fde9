package io.touchpoint.channel.email;

import freemarker.template.TemplateException;
import freemarker.template.TemplateNotFoundException;
import io.touchpoint.channel.InvalidChannelInputException;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.rendering.SafeFreeMarker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Email bodies kept as FreeMarker files in {@code touchpoint.email.templates-folder}
 * (e.g. {@code welcome.ftlh}), rendered with the journey's variables by the {@link SafeFreeMarker}: as HTML whose
 * data is escaped and marked, whatever the file's extension. Names outside the folder are refused by FreeMarker's
 * file loader.
 */
public class EmailTemplates {

  private final SafeFreeMarker freemarker;

  public EmailTemplates(SafeFreeMarker freemarker) {
    this.freemarker = freemarker;
  }

  /** @throws io.touchpoint.rendering.UnsafeTemplateException when the file tries a switched-off feature */
  public String render(String name, Map<String, Object> variables) {
    if (!freemarker.hasTemplatesFolder()) {
      throw new InvalidChannelInputException(List.of("template '" + name
          + "' is named, but touchpoint.email.templates-folder is not set"));
    }
    try {
      return freemarker.render(freemarker.file(name), variables);
    } catch (TemplateNotFoundException missing) {
      throw new InvalidChannelInputException(List.of("template '" + name + "' is not in the templates folder"));
    } catch (TemplateException broken) {
      throw new IllegalStateException(ErrorCode.EMAIL_002 + " template " + name + " failed: " + broken.getMessage(),
          broken);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
