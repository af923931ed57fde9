package io.touchpoint.rendering;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import freemarker.template.utility.StringUtil;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * FreeMarker output formats whose auto-escaping marks every interpolated value as data ({@link DataMarks}):
 * {@link #TEXT} for plain text, {@link #HTML} for HTML, which also HTML-escapes the value, so data never
 * becomes markup. Template text and {@code ?no_esc} values are the author's and stay unmarked.
 */
public final class MarkingOutputFormat extends CommonMarkupOutputFormat<MarkingOutputFormat.Marked> {

  /** Plain text whose interpolated values are marked. */
  public static final MarkingOutputFormat TEXT = new MarkingOutputFormat("touchpoint-text", "text/plain",
      UnaryOperator.identity(), Set.of());
  /** HTML whose interpolated values are HTML-escaped and marked. */
  public static final MarkingOutputFormat HTML = new MarkingOutputFormat("touchpoint-html", "text/html",
      StringUtil::XHTMLEnc, Set.of("html", "xhtml", "xml"));

  private final String name;
  private final String mimeType;
  private final UnaryOperator<String> escape;
  private final Set<String> bypassedLegacyBuiltIns;

  private MarkingOutputFormat(String name, String mimeType, UnaryOperator<String> escape,
      Set<String> bypassedLegacyBuiltIns) {
    this.name = name;
    this.mimeType = mimeType;
    this.escape = escape;
    this.bypassedLegacyBuiltIns = bypassedLegacyBuiltIns;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getMimeType() {
    return mimeType;
  }

  @Override
  public void output(String textToEsc, Writer out) throws IOException {
    out.write(escapePlainText(textToEsc));
  }

  @Override
  public String escapePlainText(String plainTextContent) {
    return DataMarks.mark(escape.apply(DataMarks.strip(plainTextContent)));
  }

  /** {@code ?html} in an HTML text would escape twice; FreeMarker's own HTML format skips it the same way. */
  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return bypassedLegacyBuiltIns.contains(builtInName);
  }

  @Override
  protected Marked newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new Marked(plainTextContent, markupContent, this);
  }

  /** A value already in this format, e.g. from {@code ?no_esc} or {@code ?esc}. */
  public static final class Marked extends CommonTemplateMarkupOutputModel<Marked> {

    private final MarkingOutputFormat format;

    Marked(String plainTextContent, String markupContent, MarkingOutputFormat format) {
      super(plainTextContent, markupContent);
      this.format = format;
    }

    @Override
    public MarkingOutputFormat getOutputFormat() {
      return format;
    }
  }
}
