package io.touchpoint.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The webhook's HTTP client (Apache HttpClient 5): connects only through {@link SsrfGuard}, never through a proxy
 * from system properties, follows no redirects (a 3xx is the answer), makes exactly one attempt (retries are the
 * job executor's), and bounds the whole call by the task's timeout — a server that trickles its answer is cut off
 * at the deadline too.
 */
public class WebhookHttpClient implements AutoCloseable {

  /** How much of an answer is read; the rest is dropped. */
  public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "touchpoint-webhook-deadline");
    thread.setDaemon(true);
    return thread;
  });

  private final CloseableHttpClient client;

  public WebhookHttpClient(SsrfGuard guard) {
    PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(guard)
        .setMaxConnTotal(50)
        .setMaxConnPerRoute(10)
        .build();
    this.client = HttpClients.custom()
        .setConnectionManager(connections)
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }

  /** An HTTP answer: status, headers (lower-case names, repeated values joined by ", ") and the body read. */
  public record Response(int status, Map<String, String> headers, String body) {
  }

  /**
   * One call. Timeouts surface as {@link java.io.InterruptedIOException} (socket/connect timeout or the deadline),
   * a refused target as {@link SsrfGuard.ForbiddenTargetException}, anything else unreachable as another
   * {@link IOException}.
   */
  @SuppressWarnings("deprecation") // RequestConfig's connect timeout: per request, which ConnectionConfig is not
  public Response call(String method, URI uri, List<Header> headers, String body, Duration timeout) throws IOException {
    HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
    Timeout limit = Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
    request.setConfig(RequestConfig.custom()
        .setConnectionRequestTimeout(limit)
        .setConnectTimeout(limit)
        .setResponseTimeout(limit)
        .setRedirectsEnabled(false)
        .build());
    headers.forEach(request::addHeader);
    if (body != null && !body.isEmpty() && !"GET".equals(method)) {
      ContentType type = request.containsHeader("Content-Type")
          ? ContentType.parseLenient(request.getFirstHeader("Content-Type").getValue())
          : ContentType.APPLICATION_JSON;
      request.setEntity(new StringEntity(body, type.getCharset() != null ? type : type.withCharset(StandardCharsets.UTF_8)));
      if (!request.containsHeader("Content-Type")) {
        request.addHeader("Content-Type", ContentType.APPLICATION_JSON.toString());
      }
    }
    ScheduledFuture<?> deadline = DEADLINES.schedule(request::cancel, limit.toMilliseconds(), TimeUnit.MILLISECONDS);
    try {
      return client.execute(request, response -> {
        Map<String, String> responseHeaders = new TreeMap<>();
        for (Header header : response.getHeaders()) {
          responseHeaders.merge(header.getName().toLowerCase(java.util.Locale.ROOT), header.getValue(),
              (a, b) -> a + ", " + b);
        }
        return new Response(response.getCode(), responseHeaders, read(response.getEntity()));
      });
    } catch (IOException failed) {
      if (request.isCancelled()) {
        throw new DeadlineExceededException(timeout, failed);
      }
      throw failed;
    } finally {
      deadline.cancel(false);
    }
  }

  private static String read(HttpEntity entity) throws IOException {
    if (entity == null) {
      return "";
    }
    Charset charset = StandardCharsets.UTF_8;
    try {
      ContentType type = ContentType.parseLenient(entity.getContentType());
      if (type != null && type.getCharset() != null) {
        charset = type.getCharset();
      }
    } catch (RuntimeException unsupportedCharset) {
      // keep UTF-8
    }
    try (InputStream in = entity.getContent()) {
      if (in == null) {
        return "";
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while (bytes.size() < MAX_RESPONSE_BYTES && (n = in.read(buffer, 0,
          Math.min(buffer.length, MAX_RESPONSE_BYTES - bytes.size()))) > 0) {
        bytes.write(buffer, 0, n);
      }
      return bytes.toString(charset);
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }

  /** The call took longer than the task's timeout and was cut off. */
  public static class DeadlineExceededException extends java.io.InterruptedIOException {

    public DeadlineExceededException(Duration timeout, IOException cause) {
      super("no complete answer within " + timeout);
      initCause(cause);
    }
  }
}
