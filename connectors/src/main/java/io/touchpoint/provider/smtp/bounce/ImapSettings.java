package io.touchpoint.provider.smtp.bounce;

import java.util.Objects;

/**
 * Where the bounce mailbox is read.
 *
 * <p>{@link #toString()} leaves the password out, so the settings can be logged as they are.
 *
 * @param host IMAP server
 * @param port IMAP port (usually 993 with {@code ssl}, 143 without)
 * @param username mailbox login
 * @param password mailbox password; never logged
 * @param folder folder bounces are delivered to, usually {@code INBOX}
 * @param ssl {@code true} for implicit TLS ({@code imaps}); STARTTLS is configured on the
 *     {@link jakarta.mail.Session} ({@code mail.imap.starttls.required=true}) instead
 */
public record ImapSettings(String host, int port, String username, String password, String folder,
    boolean ssl) {

  public ImapSettings {
    requireText(host, "host");
    requireText(username, "username");
    requireText(folder, "folder");
    Objects.requireNonNull(password, "password");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("IMAP port out of range: " + port);
    }
  }

  /** The Jakarta Mail store protocol these settings need. */
  public String protocol() {
    return ssl ? "imaps" : "imap";
  }

  @Override
  public String toString() {
    return "ImapSettings[" + protocol() + "://" + username + "@" + host + ":" + port + "/" + folder
        + ", password=***]";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("IMAP " + name + " must not be blank");
    }
  }
}
