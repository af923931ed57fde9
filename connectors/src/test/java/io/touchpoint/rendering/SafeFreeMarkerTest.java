package io.touchpoint.rendering;

import static io.touchpoint.rendering.DataMarks.END;
import static io.touchpoint.rendering.DataMarks.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What the one FreeMarker configuration does to a text: escaping and marks by output format, and what it refuses. */
@ExtendWith(OutputCaptureExtension.class)
class SafeFreeMarkerTest {

  @TempDir
  Path templates;

  SafeFreeMarker freemarker;

  @Test
  void dataInAnHtmlTextIsEscapedAndMarkedAndMarkupMayOnlyComeFromTheAuthor() throws Exception {
    String html = render("<#ftl output_format=\"touchpoint-html\">\n<p>Hi ${name}</p>${promo?no_esc}",
        Map.of("name", "<a href=\"https://evil.test\">Ana</a> & co", "promo", "<b>50% off</b>"));

    assertThat(html).isEqualTo("<p>Hi " + START + "&lt;a href=&quot;https://evil.test&quot;&gt;Ana&lt;/a&gt; &amp; co"
        + END + "</p><b>50% off</b>");
  }

  @Test
  void dataInAMarkedTextIsMarkedAsItIs() throws Exception {
    assertThat(render("<#ftl output_format=\"touchpoint-text\">\nBearer {{secret:T}} ${name} ${n}",
        Map.of("name", "{{secret:T}} <b>", "n", 42)))
        .isEqualTo("Bearer {{secret:T}} " + START + "{{secret:T}} <b>" + END + " " + START + "42" + END);
  }

  @Test
  void dataCannotForgeItsOwnMarks() throws Exception {
    assertThat(render("<#ftl output_format=\"touchpoint-text\">\n${name}", Map.of("name", END + "x" + START)))
        .isEqualTo(START + "x" + END);
  }

  @Test
  void aTextWithoutFormatRendersAsWrittenAfterItsHeaderLine() throws Exception {
    assertThat(render("<#ftl>\n\n${name!'Friend'}, welcome <b>", Map.of())).isEqualTo("\nFriend, welcome <b>");
  }

  @Test
  void everyTemplateFileIsMarkedHtmlWhateverItsExtension() throws Exception {
    Files.writeString(templates.resolve("plain.ftl"), "<p>${name}</p>");
    Files.writeString(templates.resolve("page.ftlh"), "<p>${name}</p>");
    freemarker = new SafeFreeMarker(templates);

    for (String file : new String[] {"plain.ftl", "page.ftlh"}) {
      assertThat(freemarker.render(freemarker.file(file), Map.of("name", "<i>Ana</i>")))
          .isEqualTo("<p>" + START + "&lt;i&gt;Ana&lt;/i&gt;" + END + "</p>");
    }
  }

  @Test
  void newAndApiAreRefused() {
    assertThatThrownBy(() -> render("${\"freemarker.template.utility.Execute\"?new()(\"id\")}", Map.of()))
        .isInstanceOf(UnsafeTemplateException.class).hasMessageContaining("a FreeMarker text uses ?new");
    assertThatThrownBy(() -> render("${name?api.length()}", Map.of("name", "Ana")))
        .isInstanceOf(UnsafeTemplateException.class).hasMessageContaining("uses ?api");
  }

  @Test
  void javaObjectsInTheDataShowNoClassLoader() {
    assertThatThrownBy(() -> render("${thing.getClass().getClassLoader()}", Map.of("thing", new Object())))
        .isInstanceOf(TemplateException.class).isNotInstanceOf(UnsafeTemplateException.class);
  }

  @Test
  void aTextMissingItsDataFailsToItsCallerWithoutFreeMarkerLoggingIt(CapturedOutput output) {
    assertThatThrownBy(() -> render("Your order ${orderNumber} shipped", Map.of()))
        .isInstanceOf(TemplateException.class).hasMessageContaining("orderNumber");

    assertThat(output).doesNotContain("Error executing FreeMarker template");
  }

  private String render(String text, Map<String, Object> data) throws TemplateException, IOException {
    if (freemarker == null) {
      freemarker = new SafeFreeMarker(null);
    }
    return freemarker.render(freemarker.text(new StringReader(text)), data);
  }
}
