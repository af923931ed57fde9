package io.touchpoint.rendering;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Tells, in a rendered text, what the diagram's author wrote from what data supplied. The marking output
 * formats ({@link MarkingOutputFormat}) wrap every interpolated value ({@code ${firstName}}) in two
 * private-use characters; everything outside such a span is the author's template text. Code that acts
 * on authored text only (secret references, tracked links) reads the spans, then {@link #strip}s them
 * before anything leaves Touchpoint.
 */
public final class DataMarks {

  /** Opens a span of data. */
  public static final char START = '\uE000';
  /** Closes a span of data. */
  public static final char END = '\uE001';

  private DataMarks() {
  }

  /** The value as one span of data; marker characters inside it are dropped, so data cannot close its span. */
  static String mark(String data) {
    String clean = strip(data);
    return clean.isEmpty() ? clean : START + clean + END;
  }

  /** The text without markers: what is sent. */
  public static String strip(String text) {
    if (text == null || (text.indexOf(START) < 0 && text.indexOf(END) < 0)) {
      return text;
    }
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != START && c != END) {
        plain.append(c);
      }
    }
    return plain.toString();
  }

  /** Whether the character at {@code index} came from data. */
  public static boolean isData(String text, int index) {
    return text.lastIndexOf(START, index) > text.lastIndexOf(END, index);
  }

  /**
   * The text without markers, each authored stretch passed through {@code authored} and each data span
   * kept as it is. An authored stretch ends where data starts, so nothing data supplies completes it.
   */
  public static String mapAuthored(String text, UnaryOperator<String> authored) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (from < text.length()) {
      int start = text.indexOf(START, from);
      if (start < 0) {
        out.append(authored.apply(text.substring(from).replace(String.valueOf(END), "")));
        break;
      }
      out.append(authored.apply(text.substring(from, start).replace(String.valueOf(END), "")));
      int end = text.indexOf(END, start + 1);
      int close = end < 0 ? text.length() : end;
      out.append(text, start + 1, close);
      from = close + 1;
    }
    return out.toString();
  }

  /** The text split at the line breaks the author wrote; a line break inside data stays in its line. */
  public static List<String> authoredLines(String text) {
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '\n' || c == '\r') && !isData(text, i)) {
        lines.add(text.substring(from, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        from = i + 1;
      }
    }
    lines.add(text.substring(from));
    return lines;
  }

  /** The index of the first {@code c} the author wrote, or -1. */
  public static int indexOfAuthored(String text, char c) {
    for (int i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
      if (!isData(text, i)) {
        return i;
      }
    }
    return -1;
  }
}
