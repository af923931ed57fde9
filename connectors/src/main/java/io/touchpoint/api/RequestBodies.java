package io.touchpoint.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
    MediaType type;
    try {
      type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
    } catch (InvalidMediaTypeException unreadable) {
      type = null;
    }
    if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
      throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
    }
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
}
