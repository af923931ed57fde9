package io.touchpoint.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading a rendered text whose data is marked: what the author wrote, what data supplied. */
class DataMarksTest {

  static final String NAME = MarkingOutputFormat.TEXT.escapePlainText("Ana\r\nX-Evil: 1");
  static final String HEADERS = "X-Name: " + NAME + "\r\nX-Order: 7\n";

  @Test
  void linesAreTheOnesTheAuthorWrote() {
    assertThat(DataMarks.authoredLines(HEADERS)).containsExactly("X-Name: " + NAME, "X-Order: 7", "");
  }

  @Test
  void aColonInDataIsNotTheAuthors() {
    assertThat(DataMarks.indexOfAuthored(NAME + ": v", ':')).isEqualTo(NAME.length());
    assertThat(DataMarks.indexOfAuthored(NAME, ':')).isEqualTo(-1);
  }

  @Test
  void onlyAuthoredStretchesAreMappedAndNoMarkIsLeft() {
    assertThat(DataMarks.mapAuthored("a" + NAME + "b", String::toUpperCase)).isEqualTo("AAna\r\nX-Evil: 1B");
    assertThat(DataMarks.strip(HEADERS)).isEqualTo("X-Name: Ana\r\nX-Evil: 1\r\nX-Order: 7\n");
  }

  @Test
  void whereDataIs() {
    String text = "see " + MarkingOutputFormat.TEXT.escapePlainText("https://evil.test") + " or https://docs.test";

    assertThat(DataMarks.isData(text, text.indexOf("https://evil"))).isTrue();
    assertThat(DataMarks.isData(text, text.indexOf("https://docs"))).isFalse();
  }
}
