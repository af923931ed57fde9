package io.touchpoint.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;

/**
 * Reads a request body up to a limit, Touchpoint's own way rather than Spring MVC's, so every refusal is a problem
 * detail of Touchpoint's endpoint: a body declared larger is refused unread, one that turns out larger (chunked)
 * is refused as soon as it passes the limit, so no request makes Touchpoint hold more than the limit in memory.
 */
public final class RequestBodies {

  /** Newline-delimited JSON: one JSON document per line. */
  public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private RequestBodies() {
  }

  /**
   * A JSON body (Content-Type {@code application/json}).
   *
   * @param property the setting that holds the limit, named in the refusal
   * @throws HttpMediaTypeNotSupportedException when the body is not declared as JSON (a 415)
   * @throws BodyTooLargeException when the body is larger than {@code limit}
   */
  public static byte[] readJson(HttpServletRequest request, DataSize limit, String property)
      throws IOException, HttpMediaTypeNotSupportedException {
    requireType(request, MediaType.APPLICATION_JSON);
    long max = limit.toBytes();
    if (request.getContentLengthLong() > max) {
      throw new BodyTooLargeException(limit, property);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    InputStream in = request.getInputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      if (body.size() + (long) n > max) {
        throw new BodyTooLargeException(limit, property);
      }
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  /** One line of a line-delimited body, by its number (1 for the first); {@code tooLong} when it passed the limit. */
  public record Line(int number, byte[] bytes, boolean tooLong) {
  }

  /**
   * A line-delimited body (NDJSON, Content-Type {@code application/x-ndjson}) of any length, read line by line, none
   * held longer than {@code lineLimit}: a longer line is reported as too long and skipped, the rest still read.
   */
  public static void readLines(HttpServletRequest request, DataSize lineLimit, Consumer<Line> lines)
      throws IOException, HttpMediaTypeNotSupportedException {
    requireType(request, NDJSON);
    long max = lineLimit.toBytes();
    InputStream in = new BufferedInputStream(request.getInputStream(), 1 << 16);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    int number = 1;
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        lines.accept(new Line(number++, line.toByteArray(), tooLong));
        line.reset();
        tooLong = false;
      } else if (line.size() < max) {
        line.write(b);
      } else {
        tooLong = true;
      }
    }
    if (line.size() > 0 || tooLong) {
      lines.accept(new Line(number, line.toByteArray(), tooLong));
    }
  }

  private static void requireType(HttpServletRequest request, MediaType expected)
      throws HttpMediaTypeNotSupportedException {
    MediaType type;
    try {
      type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
    } catch (InvalidMediaTypeException unreadable) {
      type = null;
    }
    if (type == null || !expected.isCompatibleWith(type)) {
      throw new HttpMediaTypeNotSupportedException(type, List.of(expected), HttpMethod.POST);
    }
  }
}
