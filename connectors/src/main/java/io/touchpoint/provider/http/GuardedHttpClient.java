package io.touchpoint.provider.http;

import io.touchpoint.delivery.CallDeadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client for addresses a journey names — webhook calls and email attachments fetched from a URL
 * (Apache HttpClient 5). It connects only through the {@link SsrfGuard}, so every target is checked where it is
 * connected to: the first one and, when a call follows redirects, every hop. It never uses a proxy from system
 * properties, makes exactly one attempt (retries are the job executor's), bounds the whole call — redirects
 * included — by the call's timeout (a server that trickles its answer is cut off at the deadline too), and reads at
 * most the call's {@link Limits#maxResponseBytes()}; the rest of a longer answer is never downloaded. A send
 * pipeline's call is checked against its {@link CallDeadline} once the connection is ready, right before the request
 * is written.
 */
public class GuardedHttpClient implements AutoCloseable {

  private final CloseableHttpClient client;
  private final ScheduledExecutorService deadlines;

  public GuardedHttpClient(SsrfGuard guard, CallDeadline lastCheck) {
    PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(guard)
        .setMaxConnTotal(50)
        .setMaxConnPerRoute(10)
        .build();
    this.client = LastMomentCheck.added(HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching(), lastCheck)
        .build();
    this.deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "touchpoint-http-deadline");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * What one call may take.
   *
   * @param timeout          the whole call: connecting, sending, every redirect hop and reading the answer
   * @param maxRedirects     redirects followed (each hop checked by the guard); 0: a 3xx is the answer
   * @param maxResponseBytes how much of the answer's body is read; a longer body is cut there
   */
  public record Limits(Duration timeout, int maxRedirects, long maxResponseBytes) {

    public Limits {
      if (timeout.isNegative() || timeout.isZero() || maxRedirects < 0 || maxResponseBytes < 0) {
        throw new IllegalArgumentException("a call needs a timeout above zero and no negative limit, not " + timeout
            + ", " + maxRedirects + " redirects, " + maxResponseBytes + " bytes");
      }
    }
  }

  /**
   * An HTTP answer: status, headers (lower-case names, repeated values joined by ", "), the body read and whether
   * it was cut at {@link Limits#maxResponseBytes()}.
   */
  public record Response(int status, Map<String, String> headers, byte[] body, boolean cut) {

    /** The body as text, in the charset the answer's Content-Type names (UTF-8 when it names none it knows). */
    public String text() {
      Charset charset = StandardCharsets.UTF_8;
      try {
        ContentType type = ContentType.parseLenient(headers.get("content-type"));
        if (type != null && type.getCharset() != null) {
          charset = type.getCharset();
        }
      } catch (RuntimeException unsupportedCharset) {
        // keep UTF-8
      }
      return new String(body, charset);
    }
  }

  /**
   * One call. Timeouts surface as {@link java.io.InterruptedIOException} (socket/connect timeout or the deadline),
   * a refused target — the first or a redirect's — as {@link SsrfGuard.ForbiddenTargetException}, too many
   * redirects as {@link org.apache.hc.client5.http.RedirectException} (wrapped), anything else unreachable as
   * another {@link IOException}.
   *
   * @param body sent with every method but GET when not empty; Content-Type defaults to application/json
   */
  @SuppressWarnings("deprecation") // RequestConfig's connect timeout: per request, which ConnectionConfig is not
  public Response call(String method, URI uri, List<Header> headers, String body, Limits limits) throws IOException {
    HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
    Timeout limit = Timeout.ofMilliseconds(Math.max(1, limits.timeout().toMillis()));
    request.setConfig(RequestConfig.custom()
        .setConnectionRequestTimeout(limit)
        .setConnectTimeout(limit)
        .setResponseTimeout(limit)
        // with redirects on, 0 would mean HttpClient's default of 50
        .setRedirectsEnabled(limits.maxRedirects() > 0)
        .setMaxRedirects(limits.maxRedirects())
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
    ScheduledFuture<?> deadline = deadlines.schedule(request::cancel, limit.toMilliseconds(), TimeUnit.MILLISECONDS);
    try {
      return exchange(request, limits.maxResponseBytes());
    } catch (IOException failed) {
      if (request.isCancelled()) {
        throw new DeadlineExceededException(limits.timeout(), failed);
      }
      throw failed;
    } finally {
      deadline.cancel(false);
    }
  }

  private Response exchange(HttpUriRequestBase request, long maxBytes) throws IOException {
    ClassicHttpResponse response = client.executeOpen(null, request, null);
    boolean readToTheEnd = false;
    try {
      Map<String, String> headers = new TreeMap<>();
      for (Header header : response.getHeaders()) {
        headers.merge(header.getName().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
      }
      Body body = read(response.getEntity(), maxBytes);
      readToTheEnd = !body.cut();
      return new Response(response.getCode(), headers, body.bytes(), body.cut());
    } finally {
      if (!readToTheEnd && response instanceof CloseableHttpResponse closeable) {
        closeable.close(CloseMode.IMMEDIATE); // drop the connection instead of draining the rest of the answer
      } else {
        response.close();
      }
    }
  }

  private record Body(byte[] bytes, boolean cut) {
  }

  private static Body read(HttpEntity entity, long maxBytes) throws IOException {
    if (entity == null) {
      return new Body(new byte[0], false);
    }
    InputStream in = entity.getContent();
    if (in == null) {
      return new Body(new byte[0], false);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long room = maxBytes;
    int n;
    while (room > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, room))) > 0) {
      bytes.write(buffer, 0, n);
      room -= n;
    }
    return new Body(bytes.toByteArray(), room == 0 && in.read() != -1);
  }

  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    client.close();
  }

  /** The call took longer than its timeout and was cut off. */
  public static class DeadlineExceededException extends java.io.InterruptedIOException {

    public DeadlineExceededException(Duration timeout, IOException cause) {
      super("no complete answer within " + timeout);
      initCause(cause);
    }
  }
}
