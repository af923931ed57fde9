package io.touchpoint.governor;

/** What a send is for, as its task's "Message type" says: only marketing is held by quiet hours and capped. */
public enum MessageType {
  MARKETING,
  TRANSACTIONAL;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
