package io.touchpoint.rendering;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.error.NotRetryable;

/**
 * A text tried a FreeMarker feature Touchpoint switches off ({@code ?new}, {@code ?api}). Nothing of the text
 * was sent, and no retry can mend the text, so the job becomes an incident at once.
 */
public class UnsafeTemplateException extends RuntimeException implements NotRetryable {

  private final String text;
  private final String feature;
  private final String detail;

  UnsafeTemplateException(String text, String feature, String detail, Throwable cause) {
    super(ErrorCode.RENDER_001 + " " + text + " uses " + feature + ", which Touchpoint switches off for safety;"
        + " it was not rendered (" + detail + ")", cause);
    this.text = text;
    this.feature = feature;
    this.detail = detail;
  }

  /** The same failure, naming the element (a task) whose text it is. */
  public UnsafeTemplateException in(String elementId) {
    return new UnsafeTemplateException(text + " of '" + elementId + "'", feature, detail, this);
  }
}
